/**
 * Keeps the whole text of a stream without one live object per chunk:
 * chunks are joined into flat pieces every 1,024, so a response streamed a
 * character at a time does not leave hundreds of thousands of small strings
 * for the garbage collector to walk on every pass.
 */
export class TextAccumulator {
  private pieces: string[] = [];
  private recent: string[] = [];

  append(chunk: string): void {
    this.recent.push(chunk);
    if (this.recent.length >= 1024) {
      this.pieces.push(this.recent.join(""));
      this.recent = [];
    }
  }

  toString(): string {
    return this.pieces.join("") + this.recent.join("");
  }
}

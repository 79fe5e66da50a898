/**
 * Cuts a stream of text chunks into complete lines, whatever the chunk
 * boundaries: inside a CRLF, a tag, a number. Each chunk is scanned once,
 * and a long unfinished line is kept as parts, so the cost stays linear in
 * the length of the text.
 */
const noLines: readonly string[] = Object.freeze([]);

export class LineSplitter {
  private parts: string[] = [];
  /** A "\r" ending the last chunk: its "\n" may come in the next one. */
  private pendingCarriageReturn = false;

  /** Feeds a chunk; returns the lines it completed (without their line ends). */
  push(chunk: string): readonly string[] {
    // Most chunks of a stream end no line: they cost no allocation here.
    let lines: string[] | undefined;
    let start = 0;
    let index = 0;
    if (this.pendingCarriageReturn) {
      this.pendingCarriageReturn = false;
      if (chunk.startsWith("\n")) start = index = 1;
    }
    for (; index < chunk.length; index++) {
      const char = chunk.charCodeAt(index);
      if (char !== 10 && char !== 13) continue;
      this.parts.push(chunk.slice(start, index));
      (lines ??= []).push(this.parts.join(""));
      this.parts = [];
      if (char === 13) {
        if (index + 1 === chunk.length) this.pendingCarriageReturn = true;
        else if (chunk.charCodeAt(index + 1) === 10) index++;
      }
      start = index + 1;
    }
    if (start < chunk.length) this.parts.push(chunk.slice(start));
    return lines ?? noLines;
  }

  /** The unfinished last line, if any text is left. */
  end(): string | null {
    const rest = this.parts.join("");
    this.parts = [];
    return rest.length > 0 ? rest : null;
  }
}

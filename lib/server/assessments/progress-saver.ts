import "server-only";

/**
 * Saves a growing output now and then without ever holding up the relay:
 * at most one write at a time, at most one every `intervalMs`, each with the
 * latest text. `settle` waits for the write in flight, so a final save that
 * follows can never be overtaken by an older partial one.
 */
export class ProgressSaver {
  private writing: Promise<void>;
  private isWriting = true;
  private lastStart = 0;

  constructor(
    private readonly write: (output: string) => Promise<unknown>,
    /** A write that must land before any progress write (the run's status change). */
    first: Promise<unknown>,
    private readonly intervalMs = 500,
  ) {
    this.writing = this.track(first);
  }

  offer(output: string): void {
    if (this.isWriting || performance.now() - this.lastStart < this.intervalMs) return;
    this.lastStart = performance.now();
    this.isWriting = true;
    this.writing = this.track(this.write(output));
  }

  settle(): Promise<void> {
    return this.writing;
  }

  private track(write: Promise<unknown>): Promise<void> {
    return write.then(
      () => {
        this.isWriting = false;
      },
      (error: unknown) => {
        this.isWriting = false;
        // A lost progress write costs nothing: the final save writes everything.
        console.error("[assessments] could not save the output so far:", error);
      },
    );
  }
}

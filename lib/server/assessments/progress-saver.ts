import "server-only";

/**
 * Saves a growing output now and then without ever holding up the relay:
 * at most one write at a time, at most one every `intervalMs`, each with the
 * latest text. Text offered while a write is in flight, or too soon after the
 * last, is written as soon as it may be, even if the model then falls silent:
 * what was stored is never older than one interval, so a crash keeps what the
 * model wrote and another process following the run sees it. `settle` ends
 * the progress writes and waits for the one in flight, so the final save that
 * follows can never be overtaken by a partial one.
 */
export class ProgressSaver {
  private writing: Promise<void>;
  private isWriting = true;
  private isSettled = false;
  private lastStart = 0;
  private pending: string | null = null;
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly write: (output: string) => Promise<unknown>,
    /** A write that must land before any progress write (the run's status change). */
    first: Promise<unknown>,
    private readonly intervalMs = 500,
  ) {
    this.writing = this.track(first);
  }

  offer(output: string): void {
    if (this.isSettled) return;
    this.pending = output;
    this.writeWhenAllowed();
  }

  settle(): Promise<void> {
    this.isSettled = true;
    this.pending = null;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    return this.writing;
  }

  private writeWhenAllowed(): void {
    if (this.isSettled || this.isWriting || this.timer || this.pending === null) return;
    const wait = this.intervalMs - (performance.now() - this.lastStart);
    if (wait > 0) {
      this.timer = setTimeout(() => {
        this.timer = null;
        this.writeWhenAllowed();
      }, wait);
      return;
    }
    const output = this.pending;
    this.pending = null;
    this.lastStart = performance.now();
    this.isWriting = true;
    this.writing = this.track(this.write(output));
  }

  private track(write: Promise<unknown>): Promise<void> {
    return write.then(
      () => {
        this.isWriting = false;
        this.writeWhenAllowed();
      },
      (error: unknown) => {
        this.isWriting = false;
        // A lost progress write costs little: the next one, or the final save, writes everything.
        console.error("[assessments] could not save the output so far:", error);
        this.writeWhenAllowed();
      },
    );
  }
}

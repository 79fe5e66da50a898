import "server-only";
import type { JournalEvent } from "@/lib/db/assessment-leases";

/**
 * Writes a run's events to the database in small batches, for followers on
 * other instances: at most one write at a time, at most one every
 * `intervalMs` while the run goes on, each carrying every event since the
 * last. Never holds up the relay to followers on this instance. A failed
 * write is tried again with the next batch (its events first, so ids stay in
 * order), and given up after a few tries: followers elsewhere then end with
 * the stored row. `close` writes what is left at once and resolves when all
 * is written.
 */
export class EventJournal {
  private pending: JournalEvent[] = [];
  private writing: Promise<void> = Promise.resolve();
  private isWriting = false;
  private isClosed = false;
  private lastStart = 0;
  private failures = 0;
  private gaveUp = false;
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly write: (events: JournalEvent[]) => Promise<unknown>,
    private readonly intervalMs = 100,
  ) {}

  add(event: JournalEvent): void {
    if (this.isClosed || this.gaveUp) return;
    this.pending.push(event);
    this.writeWhenAllowed();
  }

  async close(): Promise<void> {
    this.isClosed = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    // Each write in turn picks up what arrived before it; the loop ends once nothing is left.
    while (this.isWriting || this.pending.length > 0) {
      if (!this.isWriting) this.writeWhenAllowed();
      await this.writing;
    }
  }

  private writeWhenAllowed(): void {
    if (this.isWriting || this.timer || this.pending.length === 0) return;
    const wait = this.isClosed ? 0 : this.intervalMs - (performance.now() - this.lastStart);
    if (wait > 0) {
      this.timer = setTimeout(() => {
        this.timer = null;
        this.writeWhenAllowed();
      }, wait);
      return;
    }
    const batch = this.pending;
    this.pending = [];
    this.lastStart = performance.now();
    this.isWriting = true;
    this.writing = this.track(this.write(batch), batch);
  }

  private track(write: Promise<unknown>, batch: JournalEvent[]): Promise<void> {
    return write.then(
      () => {
        this.failures = 0;
        this.isWriting = false;
        this.writeWhenAllowed();
      },
      (error: unknown) => {
        this.isWriting = false;
        if (++this.failures <= 3) this.pending = [...batch, ...this.pending];
        else {
          // No gap in the ids: nothing more is written, and followers elsewhere end with the stored row.
          this.gaveUp = true;
          this.pending = [];
          console.error("[assessments] gave up journalling events for other instances:", error);
        }
        this.writeWhenAllowed();
      },
    );
  }
}

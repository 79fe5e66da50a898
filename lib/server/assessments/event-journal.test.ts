import { describe, expect, it } from "vitest";
import type { JournalEvent } from "@/lib/db/assessment-leases";
import { EventJournal } from "./event-journal";

/** Lets the writes' promise callbacks run. */
const flush = () => new Promise((resolve) => setTimeout(resolve, 0));

const event = (id: number): JournalEvent => ({ id, event: "delta", data: { text: String(id) } });
const ids = (batches: JournalEvent[][]) => batches.map((batch) => batch.map((entry) => entry.id));

/** A write that lands when told to, or fails. */
function controlledWrites() {
  const batches: JournalEvent[][] = [];
  const pending: { resolve(): void; reject(error: Error): void }[] = [];
  const write = (batch: JournalEvent[]) => {
    batches.push(batch);
    return new Promise<void>((resolve, reject) => pending.push({ resolve, reject }));
  };
  return { batches, pending, write };
}

describe("EventJournal", () => {
  it("writes one batch at a time, each with every event that arrived meanwhile, in order", async () => {
    const { batches, pending, write } = controlledWrites();
    const journal = new EventJournal(write, 0);
    journal.add(event(1));
    expect(ids(batches)).toEqual([[1]]);
    journal.add(event(2));
    journal.add(event(3));
    // The first write is still out: nothing more goes.
    expect(ids(batches)).toEqual([[1]]);
    pending[0]!.resolve();
    await flush();
    expect(ids(batches)).toEqual([[1], [2, 3]]);
  });

  it("on close, writes what is left at once, not after its interval, and resolves when all of it landed", async () => {
    const { batches, pending, write } = controlledWrites();
    const journal = new EventJournal(write, 60_000);
    journal.add(event(1));
    journal.add(event(2));
    let closed = false;
    const closing = journal.close().then(() => (closed = true));
    for (let landed = 0; !closed; landed++) {
      await flush();
      expect(pending.length).toBeGreaterThan(landed);
      expect(closed).toBe(false);
      pending[landed]!.resolve();
      await flush();
    }
    await closing;
    expect(ids(batches).flat()).toEqual([1, 2]);
    // Closed: nothing more is written.
    journal.add(event(3));
    expect(ids(batches).flat()).toEqual([1, 2]);
  });

  it("tries a failed batch again ahead of later events, and after three failures writes nothing more, leaving no gap", async () => {
    const { batches, pending, write } = controlledWrites();
    const journal = new EventJournal(write, 0);
    journal.add(event(1));
    journal.add(event(2));
    pending[0]!.reject(new Error("the database is away"));
    await flush();
    expect(ids(batches)).toEqual([[1], [1, 2]]);
    for (const attempt of [1, 2, 3]) {
      pending[attempt]!.reject(new Error("the database is away"));
      await flush();
    }
    const tried = ids(batches).length;
    journal.add(event(3));
    await flush();
    // Given up: event 3 is not written after a gap where 1 and 2 were lost.
    expect(ids(batches)).toHaveLength(tried);
    await journal.close();
  });
});

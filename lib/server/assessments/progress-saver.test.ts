import { describe, expect, it, vi } from "vitest";
import { ProgressSaver } from "./progress-saver";

const deferred = () => {
  let resolve!: () => void;
  const promise = new Promise<void>((done) => (resolve = done));
  return { promise, resolve };
};

/** Lets the writes' promise callbacks run. */
const flush = () => new Promise((resolve) => setTimeout(resolve, 0));

describe("ProgressSaver", () => {
  it("writes nothing before the first write lands, then at most one at a time, each with the latest text", async () => {
    const written: string[] = [];
    const pending: ReturnType<typeof deferred>[] = [];
    const first = deferred();
    const saver = new ProgressSaver(
      (text) => {
        written.push(text);
        const write = deferred();
        pending.push(write);
        return write.promise;
      },
      first.promise,
      0,
    );
    saver.offer("a");
    expect(written).toEqual([]);
    first.resolve();
    await flush();
    expect(written).toEqual(["a"]);
    saver.offer("ab");
    saver.offer("abc");
    expect(written).toEqual(["a"]);
    pending[0]!.resolve();
    await flush();
    // The text offered meanwhile, at its latest: "ab" is never written on its own.
    expect(written).toEqual(["a", "abc"]);
  });

  it("writes the latest text once the interval has passed, even when the model falls silent", async () => {
    const written: string[] = [];
    const saver = new ProgressSaver(
      async (text) => {
        written.push(text);
      },
      Promise.resolve(),
      20,
    );
    await flush();
    saver.offer("x");
    saver.offer("xy");
    expect(written).toEqual(["x"]);
    // Nothing more is offered: the stored text still catches up.
    await vi.waitFor(() => expect(written).toEqual(["x", "xy"]));
  });

  it("lets a final save wait for the write in flight, and writes no progress after it", async () => {
    const order: string[] = [];
    const slow = deferred();
    const saver = new ProgressSaver(
      (text) => slow.promise.then(() => order.push(`partial ${text}`)),
      Promise.resolve(),
      0,
    );
    await flush();
    saver.offer("part");
    saver.offer("part and more");
    const final = saver.settle().then(() => order.push("final"));
    slow.resolve();
    await final;
    await flush();
    expect(order).toEqual(["partial part", "final"]);
  });

  it("survives a failed write: the next offer writes again", async () => {
    const written: string[] = [];
    let fail = true;
    const saver = new ProgressSaver(
      async (text) => {
        written.push(text);
        if (fail) throw new Error("database busy");
      },
      Promise.resolve(),
      0,
    );
    const quiet = vi.spyOn(console, "error").mockImplementation(() => {});
    await flush();
    saver.offer("x");
    await flush();
    fail = false;
    saver.offer("xy");
    await flush();
    expect(written).toEqual(["x", "xy"]);
    quiet.mockRestore();
  });
});

import { describe, expect, it } from "vitest";
import { ProgressSaver } from "./progress-saver";

const deferred = () => {
  let resolve!: () => void;
  const promise = new Promise<void>((done) => (resolve = done));
  return { promise, resolve };
};

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
    await saver.settle();
    saver.offer("ab");
    saver.offer("abc");
    expect(written).toEqual(["ab"]);
    pending[0]!.resolve();
    await saver.settle();
    saver.offer("abcd");
    expect(written).toEqual(["ab", "abcd"]);
  });

  it("lets a final save wait for the write in flight, so it is never overtaken", async () => {
    const order: string[] = [];
    const slow = deferred();
    const saver = new ProgressSaver(() => slow.promise.then(() => order.push("partial")), Promise.resolve(), 0);
    await saver.settle();
    saver.offer("part");
    const final = saver.settle().then(() => order.push("final"));
    slow.resolve();
    await final;
    expect(order).toEqual(["partial", "final"]);
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
    await saver.settle();
    saver.offer("x");
    await saver.settle();
    fail = false;
    saver.offer("xy");
    await saver.settle();
    expect(written).toEqual(["x", "xy"]);
  });
});

import { describe, expect, it } from "vitest";
import { AdmissionQueue } from "./admission-queue";

const flush = () => new Promise((resolve) => setTimeout(resolve, 0));

/** How an acquire stands shortly after asking: started, refused (with why), or waiting. */
const stateOf = (acquiring: Promise<unknown>) =>
  Promise.race([acquiring.then(() => "started", (error: Error) => `refused: ${error.message}`), new Promise((resolve) => setTimeout(() => resolve("waiting"), 20))]);

describe("AdmissionQueue", () => {
  it("runs up to the limit, queues the rest in order and tells each its place", async () => {
    const queue = new AdmissionQueue({ maxInFlight: 2, maxQueued: 3, maxPerUser: 5 });
    const first = await queue.acquire("a");
    await queue.acquire("b");
    const positions: Record<string, number[]> = { c: [], d: [] };
    let cStarted = false;
    const c = queue.acquire("c", { onPosition: (position) => positions.c!.push(position) }).then((release) => ((cStarted = true), release));
    void queue.acquire("d", { onPosition: (position) => positions.d!.push(position) });
    expect(queue.stats).toEqual({ inFlight: 2, queued: 2 });
    expect(positions).toEqual({ c: [1], d: [2] });

    first();
    first(); // releasing twice frees one slot only
    await c;
    expect(cStarted).toBe(true);
    expect(positions.d).toEqual([2, 1]);
    expect(queue.stats).toEqual({ inFlight: 2, queued: 1 });
  });

  it("answers 429 with Retry-After when the queue is full", async () => {
    const queue = new AdmissionQueue({ maxInFlight: 1, maxQueued: 1, maxPerUser: 5 });
    await queue.acquire("a");
    void queue.acquire("b");
    await expect(queue.acquire("c")).rejects.toMatchObject({ code: "rate_limited", status: 429, retryAfterSeconds: 10 });
  });

  it("holds one person to their share, running or waiting", async () => {
    const queue = new AdmissionQueue({ maxInFlight: 1, maxQueued: 10, maxPerUser: 2 });
    const release = await queue.acquire("greedy");
    void queue.acquire("greedy");
    await expect(queue.acquire("greedy")).rejects.toThrowError("You already have 2 assessments running or waiting; wait for one to finish.");
    expect(await stateOf(queue.acquire("patient"))).toBe("waiting");
    release();
    await flush();
    expect(queue.stats.inFlight).toBe(1);
  });

  it("lets a waiter leave when its caller cancels, moving the others up", async () => {
    const queue = new AdmissionQueue({ maxInFlight: 1, maxQueued: 5, maxPerUser: 1 });
    const release = await queue.acquire("a");
    const controller = new AbortController();
    const leaving = queue.acquire("b", { signal: controller.signal });
    const positions: number[] = [];
    const staying = queue.acquire("c", { onPosition: (position) => positions.push(position) });
    controller.abort();
    await expect(leaving).rejects.toThrowError("The assessment was cancelled while it waited.");
    expect(positions).toEqual([2, 1]);
    release();
    await expect(staying).resolves.toBeTypeOf("function");
    expect(queue.stats).toEqual({ inFlight: 1, queued: 0 });
    // The one who left holds no place any more, so with a share of one they may ask again.
    expect(await stateOf(queue.acquire("b"))).toBe("waiting");
  });
});

import { afterEach, describe, expect, it, vi } from "vitest";
import { AdmissionQueue } from "./admission-queue";

const flush = () => new Promise((resolve) => setTimeout(resolve, 0));

/** How an acquire stands shortly after asking: started, refused (with why), or waiting. */
const stateOf = (acquiring: Promise<unknown>) =>
  Promise.race([
    acquiring.then(
      () => "started",
      (error: Error) => `refused: ${error.message}`,
    ),
    new Promise((resolve) => setTimeout(() => resolve("waiting"), 20)),
  ]);

describe("AdmissionQueue", () => {
  it("runs up to the limit, queues the rest in order and tells each its place", async () => {
    const queue = new AdmissionQueue({ maxInFlight: 2, maxQueued: 3, maxPerUser: 5 });
    const first = await queue.acquire("a");
    await queue.acquire("b");
    const positions: Record<string, number[]> = { c: [], d: [] };
    let cStarted = false;
    const c = queue
      .acquire("c", { onPosition: (position) => positions.c!.push(position) })
      .then((release) => ((cStarted = true), release));
    void queue.acquire("d", { onPosition: (position) => positions.d!.push(position) });
    expect(queue.stats).toMatchObject({ inFlight: 2, queued: 2 });
    expect(positions).toEqual({ c: [1], d: [2] });

    first();
    first(); // releasing twice frees one slot only
    await c;
    expect(cStarted).toBe(true);
    expect(positions.d).toEqual([2, 1]);
    expect(queue.stats).toMatchObject({ inFlight: 2, queued: 1 });
  });

  it("answers 429 with Retry-After when the queue is full", async () => {
    const queue = new AdmissionQueue({ maxInFlight: 1, maxQueued: 1, maxPerUser: 5 });
    await queue.acquire("a");
    void queue.acquire("b");
    await expect(queue.acquire("c")).rejects.toMatchObject({
      code: "rate_limited",
      status: 429,
      retryAfterSeconds: 10,
    });
  });

  it("holds one person to their share, running or waiting", async () => {
    const queue = new AdmissionQueue({ maxInFlight: 1, maxQueued: 10, maxPerUser: 2 });
    const release = await queue.acquire("greedy");
    void queue.acquire("greedy");
    await expect(queue.acquire("greedy")).rejects.toThrowError(
      "You already have 2 assessments running or waiting; wait for one to finish.",
    );
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
    expect(queue.stats).toMatchObject({ inFlight: 1, queued: 0 });
    // The one who left holds no place any more, so with a share of one they may ask again.
    expect(await stateOf(queue.acquire("b"))).toBe("waiting");
  });
});

describe("AdmissionQueue shared with evaluation runs", () => {
  afterEach(() => vi.useRealTimers());
  const limits = { maxInFlight: 8, maxQueued: 64, maxPerUser: 2, evaluationShare: 0.75 };

  /** Asks for `count` evaluation slots; the ones granted so far are in `granted`, in the order they were. */
  function askForLanes(queue: AdmissionQueue, count: number, signal?: AbortSignal) {
    const granted: (() => void)[] = [];
    const asking = Array.from({ length: count }, () =>
      queue.acquireForEvaluation({ signal }).then(
        (release) => void granted.push(release),
        (error: Error) => error,
      ),
    );
    return { granted, asking };
  }

  it("lets evaluation lanes hold at most their share: 6 of 8 slots with a share of 0.75", async () => {
    const queue = new AdmissionQueue(limits);
    const { granted } = askForLanes(queue, 20);
    await flush();
    expect(granted).toHaveLength(6);
    expect(queue.stats).toEqual({ inFlight: 6, queued: 14, evaluationInFlight: 6, evaluationQueued: 14 });
    // A finished sample hands its slot to the next lane, never past the share.
    granted[0]!();
    await flush();
    expect(granted).toHaveLength(7);
    expect(queue.stats.evaluationInFlight).toBe(6);
  });

  it("starts a person's assessment at once while 6 lanes run and more wait, up to every slot", async () => {
    const queue = new AdmissionQueue(limits);
    askForLanes(queue, 30);
    await flush();
    expect(await stateOf(queue.acquire("alice"))).toBe("started");
    expect(await stateOf(queue.acquire("bob"))).toBe("started");
    expect(queue.stats).toMatchObject({ inFlight: 8, evaluationInFlight: 6 });
    // Waiting lanes do not count toward the people's queue bound, so nobody is refused because of them.
    expect(queue.findRefusal("carol")).toBeNull();
  });

  it("gives a freed slot to a person who arrived while lanes were waiting, before the lanes", async () => {
    const queue = new AdmissionQueue({ ...limits, evaluationShare: 1 });
    const { granted } = askForLanes(queue, 12);
    await flush();
    expect(granted).toHaveLength(8);
    const positions: number[] = [];
    let started = false;
    const person = queue
      .acquire("alice", { onPosition: (position) => positions.push(position) })
      .then((release) => ((started = true), release));
    await flush();
    expect(started).toBe(false);
    // Told its place among people only: the four lanes waiting before it do not count.
    expect(positions).toEqual([1]);
    granted[0]!();
    await person;
    expect(started).toBe(true);
    expect(granted).toHaveLength(8);
    expect(queue.stats).toMatchObject({ inFlight: 8, evaluationInFlight: 7, evaluationQueued: 4 });
  });

  it("wakes a waiting lane when a slot frees, with no timer", async () => {
    vi.useFakeTimers();
    const queue = new AdmissionQueue({ maxInFlight: 2, maxQueued: 4, maxPerUser: 2, evaluationShare: 0.5 });
    const { granted } = askForLanes(queue, 3);
    await Promise.resolve();
    await Promise.resolve();
    expect(granted).toHaveLength(1);
    const person = await queue.acquire("alice");
    granted[0]!();
    for (let turn = 0; turn < 3; turn++) await Promise.resolve();
    // The time never moved: the release itself handed the slot over.
    expect(granted).toHaveLength(2);
    expect(vi.getTimerCount()).toBe(0);
    person();
    granted[1]!();
    for (let turn = 0; turn < 3; turn++) await Promise.resolve();
    expect(granted).toHaveLength(3);
    expect(queue.stats).toMatchObject({ inFlight: 1, evaluationInFlight: 1, evaluationQueued: 0 });
  });

  it("gives lanes their share again once people are served, and always at least one slot", async () => {
    const queue = new AdmissionQueue({ maxInFlight: 4, maxQueued: 4, maxPerUser: 4, evaluationShare: 0.75 });
    const people = await Promise.all([queue.acquire("a"), queue.acquire("b"), queue.acquire("c"), queue.acquire("d")]);
    const { granted } = askForLanes(queue, 5);
    await flush();
    expect(granted).toHaveLength(0);
    for (const release of people) release();
    await flush();
    expect(granted).toHaveLength(3);
    // However small the share, a run can always progress.
    const tiny = new AdmissionQueue({ maxInFlight: 2, maxQueued: 4, maxPerUser: 2, evaluationShare: 0.1 });
    const lanes = askForLanes(tiny, 2);
    await flush();
    expect(lanes.granted).toHaveLength(1);
  });

  it("lets a waiting lane leave when its run stops", async () => {
    const queue = new AdmissionQueue({ maxInFlight: 2, maxQueued: 4, maxPerUser: 2, evaluationShare: 0.5 });
    const controller = new AbortController();
    const { granted, asking } = askForLanes(queue, 3, controller.signal);
    await flush();
    controller.abort();
    const outcomes = await Promise.all(asking);
    expect(outcomes.filter((outcome) => outcome instanceof Error).map((error) => (error as Error).message)).toEqual([
      "The evaluation run was stopped while its lane waited.",
      "The evaluation run was stopped while its lane waited.",
    ]);
    expect(queue.stats).toMatchObject({ inFlight: 1, evaluationQueued: 0 });
    granted[0]!();
    expect(queue.stats.inFlight).toBe(0);
  });
});

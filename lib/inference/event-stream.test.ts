import { describe, expect, it } from "vitest";
import { AssessmentRun } from "./assessment-run";
import { toEventStream } from "./event-stream";

describe("a run's event stream", () => {
  it("cuts off a follower that stops reading once its unread bytes pass the bound, and stops following the run", async () => {
    const run = new AssessmentRun();
    const response = toEventStream((afterId, listener) => run.follow(afterId, listener), 0, 64 * 1024);
    // Nobody reads the body: every event waits in the stream's queue.
    for (let i = 0; i < 2000; i++) run.push("delta", { text: "x".repeat(100) });
    expect(run.followerCount).toBe(0);
    // What the client finds when it reads at last: the events up to the bound, then the end of the stream.
    const text = await response.text();
    expect(text.length).toBeGreaterThan(60 * 1024);
    expect(text.length).toBeLessThan(70 * 1024);
    const lastId = Number([...text.matchAll(/^id: (\d+)$/gm)].at(-1)![1]);
    expect(lastId).toBeLessThan(2000);
    // Reconnecting from there replays the rest.
    const rest = toEventStream((afterId, listener) => run.follow(afterId, listener), lastId, 10 * 2 ** 20);
    run.finish();
    const ids = [...(await rest.text()).matchAll(/^id: (\d+)$/gm)].map((match) => Number(match[1]));
    expect(ids[0]).toBe(lastId + 1);
    expect(ids.at(-1)).toBe(2000);
  });

  it("keeps a follower that reads, whatever the run's length", async () => {
    const run = new AssessmentRun();
    const response = toEventStream((afterId, listener) => run.follow(afterId, listener), 0, 16 * 1024);
    const reader = response.body!.getReader();
    let received = 0;
    for (let i = 0; i < 500; i++) {
      run.push("delta", { text: "y".repeat(100) });
      received += (await reader.read()).value?.byteLength ?? 0;
    }
    run.finish();
    while (!(await reader.read()).done);
    expect(received).toBeGreaterThan(500 * 100);
  });
});

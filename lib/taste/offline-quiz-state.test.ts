import { describe, expect, it } from "vitest";
import { wasShown } from "./offline-pairs";
import { goOnOffline, takeBackOffline } from "./offline-quiz-state";
import type { TasteSessionState } from "./taste-contract";

const imageIds = ["a", "b", "c", "d", "e"];
const online: TasteSessionState = {
  session: {
    id: "s",
    pool: { kind: "demo", subsetId: null },
    imageIds,
    status: "active",
    createdAt: "2026-01-01T00:00:00.000Z",
    finishedAt: null,
    referenceSetId: null,
  },
  next: { position: 2, leftImageId: "c", rightImageId: "d", probability: 0.2 },
  status: { clicks: 2, isFinished: false, reason: null, remainingEstimate: 13 },
  shown: [
    ["a", "b"],
    ["e", "a"],
  ],
};

describe("the quiz while its answers wait in the browser", () => {
  it("counts an answer at once and asks a pair not shown yet, at the next position", () => {
    let state = online;
    for (let answered = 1; answered <= 7; answered++) {
      const next = state.next!;
      state = goOnOffline(state, [next]);
      expect(state.status.clicks).toBe(2 + answered);
      expect(state.shown).toHaveLength(2 + answered);
      expect(state.next?.position).toBe(2 + answered);
      expect(wasShown(state.shown, state.next!.leftImageId, state.next!.rightImageId)).toBe(false);
      // 10 pairs in a pool of five: the draw is uniform among those left.
      expect(state.next?.probability).toBeCloseTo(1 / (10 - state.shown.length));
    }
    expect(state.status.remainingEstimate).toBe(6);
    // The last pair of the pool: after it, nothing is left to ask.
    expect(goOnOffline(state, [state.next!]).next).toBeNull();
  });

  it("gives back the pair taken back, and the count before it", () => {
    const after = goOnOffline(online, [online.next!]);
    const back = takeBackOffline(after, online.next!);
    expect(back.next).toEqual(online.next);
    expect(back.shown).toEqual(online.shown);
    expect(back.status).toEqual(online.status);
  });

  it("resumes after a reload with the answers still waiting counted", () => {
    const waiting = [online.next!, { position: 3, leftImageId: "b", rightImageId: "e", probability: 1 / 7 }];
    const state = goOnOffline(online, waiting);
    expect(state.status.clicks).toBe(4);
    expect(state.next?.position).toBe(4);
    expect(wasShown(state.shown, "e", "b")).toBe(true);
  });
});

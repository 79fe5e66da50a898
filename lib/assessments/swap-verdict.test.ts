import { describe, expect, it } from "vitest";
import { judgeSwap } from "./swap-verdict";

const original = { answer: "Image B", candidateImageIds: ["cat", "dog"] };

describe("judgeSwap", () => {
  it("calls it consistent when the swapped run names the same picture in its new place", () => {
    expect(judgeSwap(original, { answer: "Image A", candidateImageIds: ["dog", "cat"] })).toBe("consistent");
  });

  it("calls it position bias when the swapped run names the same place, so the other picture", () => {
    expect(judgeSwap(original, { answer: "Image B", candidateImageIds: ["dog", "cat"] })).toBe("position-bias");
  });

  it("gives no verdict when either run gave no A/B answer", () => {
    expect(judgeSwap(original, { answer: null, candidateImageIds: ["dog", "cat"] })).toBe("no-answer");
    expect(
      judgeSwap({ ...original, answer: "No preference" }, { answer: "Image A", candidateImageIds: ["dog", "cat"] }),
    ).toBe("no-answer");
  });
});

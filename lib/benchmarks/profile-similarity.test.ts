import { describe, expect, it } from "vitest";
import { compareProfileSide, meanSimilarity, wordOverlap } from "./profile-similarity";

describe("profile similarity by word overlap", () => {
  it("is 1 for the same words, whatever their form or the joining words", () => {
    expect(wordOverlap("Yellow hues with organic forms", "organic form, yellow")).toBe(1);
    expect(wordOverlap("stripes", "striped bands")).toBeCloseTo(2 / 3, 12);
  });

  it("counts shared content words, not the attribute's generic nouns", () => {
    // "muted" is shared; "saturation" is left out of both; {muted} vs {muted, moderate}: 2·1 / 3.
    expect(wordOverlap("muted saturation", "muted saturation or moderate saturation")).toBeCloseTo(2 / 3, 12);
    expect(wordOverlap("vivid saturation", "muted saturation")).toBe(0);
  });

  it("has no figure when either side says nothing it can compare", () => {
    expect(wordOverlap("no clear preference", "blue hues")).toBeNull();
  });

  it("compares every attribute the truth names, reading several predicted profiles together", () => {
    const side = compareProfileSide([{ Color: "yellow hues" }, { Color: "orange hues", Detail: "intricate detail" }], {
      Color: "yellow hues",
      Detail: "minimal detail",
    });
    expect(side.Color).toBeCloseTo(2 / 3, 12);
    expect(side.Detail).toBe(0);
    expect(side["Art Styles"]).toBeNull();
    expect(meanSimilarity(side)).toBeCloseTo(1 / 3, 12);
  });
});

import { describe, expect, it } from "vitest";
import { type AnalysedResult, createErrorAnalysis, decidingAttributes } from "./error-analysis";

const wrongAnswer = (scores: AnalysedResult["scores"], answer = "Image A"): AnalysedResult => ({
  label: answer === "Image A" ? "Image B" : "Image A",
  strictCorrect: false,
  answer,
  scores,
  profiles: null,
  preferAttributes: null,
  nonPreferAttributes: null,
});

describe("decidingAttributes", () => {
  it("names the attribute with the largest margin toward the chosen candidate", () => {
    // Art style 3-2, colour 5-1 (margin 4), medium 2-2, saturation 1-3, detail 4-3: colour decided it.
    expect(decidingAttributes({ A: [3, 5, 2, 1, 4], B: [2, 1, 2, 3, 3] }, "A")).toEqual(["Color"]);
    expect(decidingAttributes({ A: [3, 5, 2, 1, 4], B: [2, 1, 2, 3, 3] }, "B")).toEqual(["Saturation"]);
  });

  it("names every attribute tied for the largest margin, none when no attribute favours the choice, and nothing without scores", () => {
    expect(decidingAttributes({ A: [4, 2, 4, 2, 2], B: [2, 2, 2, 2, 2] }, "A")).toEqual([
      "Art Styles",
      "Artistic Medium",
    ]);
    expect(decidingAttributes({ A: [1, 1, 1, 1, 1], B: [2, 2, 2, 2, 2] }, "A")).toEqual([]);
    expect(decidingAttributes({ A: [1, null, 1, 1, 1], B: [2, 2, 2, 2, 2] }, "A")).toBeNull();
  });
});

describe("createErrorAnalysis", () => {
  it("counts what decided each wrong answer, and the wrong answers no attribute explains", () => {
    const analysis = createErrorAnalysis();
    analysis.add(wrongAnswer({ A: [3, 5, 2, 1, 4], B: [2, 1, 2, 3, 3] }));
    analysis.add(wrongAnswer({ A: [2, 1, 2, 3, 3], B: [3, 5, 2, 1, 4] }, "Image B"));
    analysis.add(wrongAnswer({ A: [1, 1, 1, 1, 1], B: [2, 2, 2, 2, 2] }));
    analysis.add(wrongAnswer(null));
    analysis.add({ ...wrongAnswer({ A: [5, 5, 5, 5, 5], B: [0, 0, 0, 0, 0] }), strictCorrect: true, label: "Image A" });
    const result = analysis.finish();
    expect(result).toMatchObject({ results: 5, wrong: 4, withoutScores: 1, noAttributeFavoured: 1 });
    expect(result.deciding).toEqual([
      { attribute: "Art Styles", count: 0 },
      { attribute: "Color", count: 2 },
      { attribute: "Artistic Medium", count: 0 },
      { attribute: "Saturation", count: 0 },
      { attribute: "Detail", count: 0 },
    ]);
    expect(result.profileAgreement).toBeNull();
  });

  it("measures the predicted profile's agreement with the true one, attribute by attribute", () => {
    const analysis = createErrorAnalysis();
    const withProfile = (colour: string): AnalysedResult => ({
      ...wrongAnswer(null),
      strictCorrect: true,
      profiles: { preference: [{ Color: colour }], nonPreference: [] },
      preferAttributes: { Color: "warm orange tones", Saturation: "vivid" },
      nonPreferAttributes: null,
    });
    analysis.add(withProfile("warm orange tones"));
    analysis.add(withProfile("cold blue"));
    const agreement = analysis.finish().profileAgreement!;
    const colour = agreement.find((row) => row.attribute === "Color")!;
    expect(colour.preference).toEqual({ mean: 0.5, n: 2 });
    expect(colour.nonPreference).toEqual({ mean: null, n: 0 });
    // Saturation was in the truth but the profile said nothing of it: not compared (word overlap needs words on both sides).
    expect(agreement.find((row) => row.attribute === "Saturation")!.preference).toEqual({ mean: null, n: 0 });
  });
});

import { describe, expect, it } from "vitest";
import { readFixture } from "@/lib/preferthinker/__fixtures__/fixtures";
import { parseAssessment } from "@/lib/preferthinker/stream-parser";
import { annotationBodySchema } from "./annotation-contract";
import { writeCorrectedOutput } from "./corrected-output";

const agreeing = () =>
  annotationBodySchema.parse({
    profile: { preference: Array(5).fill({ judgment: "right" }), nonPreference: Array(5).fill({ judgment: "right" }) },
    scores: { A: Array(5).fill({}), B: Array(5).fill({}) },
    verdict: "gold",
  });

describe("writeCorrectedOutput", () => {
  it("writes the corrections back in the protocol's layout, consistent with itself", () => {
    const original = parseAssessment(readFixture("clean-a"));
    const body = agreeing();
    body.profile.preference[0] = { judgment: "wrong", correction: "Watercolour botanicals" };
    body.scores.A[0] = {
      corrected: 1,
      flags: ["contradicts-image"],
      rationale: "soft washes, close to the liked style",
    };
    body.scores.A[1] = { corrected: 0, flags: [], rationale: null };
    const text = writeCorrectedOutput(original, body);
    const reread = parseAssessment(text);
    expect(reread.issues).toEqual([]);
    expect(reread.formatValid).toBe(true);
    expect(reread.profiles.preference[0]!["Art Styles"]).toBe("Watercolour botanicals");
    expect(reread.scores.A).toEqual([1, 0, 4, 4, 4]);
    expect(reread.rationales.A[0]).toContain("soft washes");
    expect(reread.scores.B).toEqual(original.scores.B);
    // A now totals 13 against B's 11: still Image A.
    expect(reread.statedTotals.A?.stated).toBe(13);
    expect(reread.answer).toBe("Image A");
  });

  it("names the other candidate when the corrected totals turn the answer around", () => {
    const original = parseAssessment(readFixture("clean-a"));
    const body = agreeing();
    body.scores.A = body.scores.A.map(() => ({ corrected: 0, flags: [], rationale: null }));
    const reread = parseAssessment(writeCorrectedOutput(original, body));
    expect(reread.answer).toBe("Image B");
    expect(reread.issues).toEqual([]);
  });
});

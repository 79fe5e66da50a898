import { describe, expect, it } from "vitest";
import { readFixture } from "@/lib/preferthinker/__fixtures__/fixtures";
import { parseAssessment } from "@/lib/preferthinker/stream-parser";
import { type AnnotationBody, annotationBodySchema, type Verdict } from "./annotation-contract";
import { computeQueueAgreement } from "./queue-agreement";

const parsed = parseAssessment(readFixture("clean-a"));

/** An annotation with the given verdict that corrects Image A's first score when `artStyleA` is given. */
function body(verdict: Verdict, artStyleA?: number): AnnotationBody {
  const scores = Array(5).fill({});
  return annotationBodySchema.parse({
    profile: { preference: Array(5).fill({ judgment: "right" }), nonPreference: Array(5).fill({ judgment: "right" }) },
    scores: { A: artStyleA === undefined ? scores : [{ corrected: artStyleA }, ...scores.slice(1)], B: scores },
    verdict,
  });
}

const by = (annotatorId: string, verdict: Verdict, seconds: number, artStyleA?: number) => ({
  annotatorId,
  email: `${annotatorId}@example.com`,
  verdict,
  body: body(verdict, artStyleA),
  seconds,
});

describe("computeQueueAgreement", () => {
  it("gives verdict and per-attribute figures, and each annotator's agreement with the consensus", () => {
    const items = [
      { parsed, resolution: null, annotations: [by("ann", "gold", 10), by("bob", "gold", 20)] },
      { parsed, resolution: null, annotations: [by("ann", "corrected", 30, 1), by("bob", "corrected", 40, 1)] },
      { parsed, resolution: null, annotations: [by("ann", "corrected", 50, 2), by("bob", "rejected", 60)] },
      // A resolution is the consensus where the two disagree.
      { parsed, resolution: body("rejected"), annotations: [by("ann", "gold", 70), by("bob", "rejected", 80)] },
    ];
    const agreement = computeQueueAgreement(items);
    // Verdict pairs: gold/gold, corrected/corrected, corrected/rejected, gold/rejected: p_o = 2/4.
    // ann: gold 2, corrected 2; bob: gold 1, corrected 1, rejected 2. p_e = (2/4)(1/4) + (2/4)(1/4) = 1/4.
    // kappa = (1/2 - 1/4) / (3/4) = 1/3.
    expect(agreement.verdict.kappa?.value).toBeCloseTo(1 / 3, 10);
    expect(agreement.verdict.kappa?.n).toBe(4);
    expect(agreement.verdict.alpha.n).toBe(8);
    // Art style of Image A (model 5): 5/5, 1/1, 2/5, 5/5; Image B (model 2) always 2/2.
    const artStyles = agreement.attributes[0]!;
    expect(artStyles.alpha.n).toBe(16);
    expect(artStyles.alpha.value).toBeGreaterThan(0);
    expect(artStyles.alpha.value).toBeLessThan(1);
    // Colour was never corrected: every pair agrees.
    expect(agreement.attributes[1]!.alpha.value).toBe(1);
    // Consensus: gold (unanimous), corrected (unanimous), none (a tie), rejected (the resolution).
    const [ann, bob] = agreement.annotators;
    expect(ann).toMatchObject({
      email: "ann@example.com",
      annotations: 4,
      medianSeconds: 40,
      consensus: { value: 2 / 3, n: 3 },
    });
    expect(bob).toMatchObject({
      email: "bob@example.com",
      annotations: 4,
      medianSeconds: 50,
      consensus: { value: 1, n: 3 },
    });
    expect(ann!.perHour).toBeCloseTo((4 * 3600) / 160, 10);
  });

  it("leaves kappa out when more than two people annotated the shared items", () => {
    const items = [
      { parsed, resolution: null, annotations: [by("ann", "gold", 1), by("bob", "gold", 1)] },
      { parsed, resolution: null, annotations: [by("ann", "gold", 1), by("cat", "rejected", 1)] },
    ];
    const agreement = computeQueueAgreement(items);
    expect(agreement.verdict.kappa).toBeNull();
    expect(agreement.verdict.alpha.n).toBe(4);
  });
});

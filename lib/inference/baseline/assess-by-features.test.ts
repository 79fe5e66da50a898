import { describe, expect, it } from "vitest";
import { type DemoProfile } from "@/lib/demo/demo-attributes";
import { renderDemoImage } from "@/lib/demo/render-demo-image";
import { MersenneTwister } from "@/lib/preferthinker/python-random";
import { parseAssessment } from "@/lib/preferthinker/stream-parser";
import { assessByFeatures } from "./assess-by-features";
import { ANALYSIS_SIZE, measureImageFeatures } from "./image-features";
import { writePreferThinkerText } from "./write-preferthinker-text";

const measured = (profile: DemoProfile, seed: number) =>
  measureImageFeatures(renderDemoImage(profile, new MersenneTwister(seed)), ANALYSIS_SIZE, ANALYSIS_SIZE);
const seeds = (from: number) => [from, from + 1, from + 2, from + 3, from + 4];

const liked: DemoProfile = { style: "organic", hue: "green", medium: "grainy", saturation: "vivid", detail: "minimal" };
const disliked: DemoProfile = {
  style: "geometric",
  hue: "purple",
  medium: "flat",
  saturation: "muted",
  detail: "intricate",
};
const references = {
  preferred: seeds(10).map((seed) => measured(liked, seed)),
  nonPreferred: seeds(20).map((seed) => measured(disliked, seed)),
};

describe("assessByFeatures", () => {
  it("prefers the candidate that looks like the liked references, and says why in numbers", () => {
    const verdict = assessByFeatures(references, [measured(disliked, 31), measured(liked, 30)]);
    expect(verdict.answer).toBe("Image B");
    const [a, b] = verdict.candidates;
    expect(b!.scores.reduce((sum, score) => sum + score, 0)).toBeGreaterThan(
      a!.scores.reduce((sum, score) => sum + score, 0),
    );
    expect(verdict.profiles.preference.Color).toBe("green");
    expect(verdict.profiles.nonPreference.Color).toBe("purple");
    expect(verdict.profiles.preference.Saturation).toBe("vivid");
    expect(b!.rationales[3]).toMatch(
      /saturation \d\.\d\d.*liked references \d\.\d\d ± \d\.\d\d, disliked \d\.\d\d ± \d\.\d\d/,
    );
  });

  it("is deterministic", () => {
    const candidates = [measured(liked, 40), measured(disliked, 41)];
    expect(assessByFeatures(references, candidates)).toEqual(assessByFeatures(references, candidates));
  });

  it("hedges attributes the references do not separate, and scores them near the middle", () => {
    // Liked and disliked references of one look: nothing separates them but the hue.
    const overlapping = {
      preferred: seeds(50).map((seed) => measured(liked, seed)),
      nonPreferred: seeds(60).map((seed) => measured({ ...liked, hue: "blue" }, seed)),
    };
    const verdict = assessByFeatures(overlapping, [measured(liked, 70), measured({ ...liked, hue: "blue" }, 71)]);
    expect(verdict.profiles.preference.Color).toBe("green");
    expect(verdict.confidence.Color).toBeGreaterThan(0.5);
    for (const attribute of ["Artistic Medium", "Detail"] as const) {
      expect(verdict.profiles.preference[attribute]).toMatch(/^(no clear preference|leaning toward)/);
      for (const candidate of verdict.candidates)
        expect([1, 2, 3, 4]).toContain(candidate.scores[attribute === "Detail" ? 4 : 2]);
    }
    expect(verdict.answer).toBe("Image A");
  });

  it.each(["reasoning", "fast", "single"] as const)(
    "writes %s mode in PreferThinker's format, passing every consistency check",
    (mode) => {
      const candidates = mode === "single" ? [measured(liked, 80)] : [measured(liked, 80), measured(disliked, 81)];
      const text = writePreferThinkerText(assessByFeatures(references, candidates), mode);
      const parsed = parseAssessment(text, mode);
      expect(parsed.issues).toEqual([]);
      if (mode !== "single") expect(parsed.answer).toBe("Image A");
      if (mode === "reasoning") expect(parsed.formatValid).toBe(true);
      if (mode !== "fast") expect(parsed.computedTotals.A).toBe(parsed.statedTotals.A!.stated);
    },
  );

  it("never writes equal totals for two different candidates: the closest call is rounded toward the one ahead", () => {
    // Many near-identical pairs: rounding alone would tie some of them.
    for (let seed = 100; seed < 130; seed++) {
      const verdict = assessByFeatures(references, [
        measured({ ...liked, saturation: "moderate" }, seed),
        measured({ ...disliked, saturation: "moderate", hue: "green" }, seed + 1000),
      ]);
      const [a, b] = verdict.candidates.map((candidate) => candidate.scores.reduce((sum, score) => sum + score, 0));
      expect(a).not.toBe(b);
      expect(verdict.answer).toBe(a! > b! ? "Image A" : "Image B");
      for (const candidate of verdict.candidates)
        for (const score of candidate.scores) expect(score).toBeGreaterThanOrEqual(0);
    }
  });
});

import { describe, expect, it } from "vitest";
import { MersenneTwister } from "@/lib/preferthinker/python-random";
import {
  pairKey,
  scoreInformationGain,
  selectInformativePair,
  selectRandomPair,
  softmaxProbabilities,
} from "./pair-selection";
import { type Comparison, createPreferencePool, fitPreferenceModel } from "./preference-model";

const features = [
  [3, 0],
  [-3, 0],
  [0.2, 1],
  [-0.2, -1],
  [0.1, 0.9],
];

describe("expected information gain", () => {
  it("is near 0 for a pair whose outcome is already certain, and for one that is a known coin toss", () => {
    expect(scoreInformationGain({ mean: 8, variance: 0.1, probability: 0.9997 })).toBeLessThan(0.01);
    expect(scoreInformationGain({ mean: 0, variance: 1e-6, probability: 0.5 })).toBeLessThan(0.01);
  });

  it("is highest where the model cannot call the pair and the answer would teach it", () => {
    const open = scoreInformationGain({ mean: 0, variance: 9, probability: 0.5 });
    const leaning = scoreInformationGain({ mean: 4, variance: 1, probability: 0.97 });
    expect(open).toBeGreaterThan(0.3);
    expect(open).toBeGreaterThan(leaning);
  });
});

describe("pair selection", () => {
  // Picture 0 beat picture 1 again and again: asking again tells nothing.
  const comparisons: Comparison[] = Array.from({ length: 8 }, () => ({ winner: 0, loser: 1 }));
  const model = fitPreferenceModel(createPreferencePool(features, { itemShare: 0.3 }), comparisons);

  it("prefers informative pairs to pairs whose outcome is certain", () => {
    const gains = new Map<string, number>();
    for (let a = 0; a < features.length; a++)
      for (let b = a + 1; b < features.length; b++)
        gains.set(pairKey(a, b), scoreInformationGain(model.predictPair(a, b)));
    const ranked = [...gains.entries()].sort((x, y) => y[1] - x[1]);
    expect(ranked.at(-1)![0]).toBe(pairKey(0, 1));
    // Over many draws, the certain pair is rarely shown, the most informative one most often.
    const counts = new Map<string, number>();
    for (let seed = 0; seed < 400; seed++) {
      const pair = selectInformativePair(model, new Set(), new MersenneTwister(seed), { temperature: 0.05 })!;
      counts.set(pairKey(pair.left, pair.right), (counts.get(pairKey(pair.left, pair.right)) ?? 0) + 1);
    }
    expect(counts.get(pairKey(0, 1)) ?? 0).toBeLessThan(8);
    expect(Math.max(...counts.values())).toBe(counts.get(ranked[0]![0]));
  });

  it("reports selection probabilities that sum to 1 over the candidates and match how often each pair is drawn", () => {
    const scores = [0.1, 0.3, 0.25, 0];
    const probabilities = softmaxProbabilities(scores, 0.1);
    expect(probabilities.reduce((sum, value) => sum + value, 0)).toBeCloseTo(1, 12);
    const counts = new Map<string, { hits: number; probability: number }>();
    const draws = 4000;
    for (let seed = 0; seed < draws; seed++) {
      const pair = selectInformativePair(model, new Set([pairKey(0, 1)]), new MersenneTwister(seed), {
        temperature: 0.3,
      })!;
      const entry = counts.get(pairKey(pair.left, pair.right)) ?? { hits: 0, probability: pair.probability };
      entry.hits++;
      counts.set(pairKey(pair.left, pair.right), entry);
    }
    for (const { hits, probability } of counts.values())
      expect(Math.abs(hits / draws - probability)).toBeLessThan(0.03);
  });

  it("is reproducible with a seed, and never shows a pair twice", () => {
    const shown = new Set([pairKey(2, 3)]);
    const first = selectInformativePair(model, shown, new MersenneTwister(7), { temperature: 0.05 });
    expect(selectInformativePair(model, shown, new MersenneTwister(7), { temperature: 0.05 })).toEqual(first);
    const all = new Set<string>();
    for (let a = 0; a < 5; a++) for (let b = a + 1; b < 5; b++) all.add(pairKey(a, b));
    expect(selectInformativePair(model, all, new MersenneTwister(7), { temperature: 0.05 })).toBeNull();
    for (let seed = 0; seed < 50; seed++) {
      const pair = selectRandomPair(5, shown, new MersenneTwister(seed))!;
      expect(pairKey(pair.left, pair.right)).not.toBe(pairKey(2, 3));
      expect(pair.probability).toBeCloseTo(1 / 9, 12);
    }
  });
});

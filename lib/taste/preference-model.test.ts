import { describe, expect, it } from "vitest";
import { MersenneTwister } from "@/lib/preferthinker/python-random";
import { type Comparison, createPreferencePool, fitPreferenceModel } from "./preference-model";

/** 30 pictures with three features; the first is "saturation". */
function makePool(seed = 1) {
  const random = new MersenneTwister(seed);
  return Array.from({ length: 30 }, () => [random.random() * 2 - 1, random.random() * 2 - 1, random.random() * 2 - 1]);
}

/** Answers of a person who only cares about saturation (column 0), over random pairs. */
function answerBySaturation(features: number[][], count: number, seed = 2): Comparison[] {
  const random = new MersenneTwister(seed);
  return Array.from({ length: count }, () => {
    const a = random.randBelow(features.length);
    const b = (a + 1 + random.randBelow(features.length - 1)) % features.length;
    return features[a]![0]! > features[b]![0]! ? { winner: a, loser: b } : { winner: b, loser: a };
  });
}

/** Plain MAP logistic regression by gradient ascent, the primal form the dual fit must agree with. */
function fitPrimal(
  features: number[][],
  comparisons: Comparison[],
  weightVariance: number,
  ties: Comparison[] = [],
  tieWidth = 1,
): number[] {
  let weights = [0, 0, 0];
  const marginOf = (difference: number[]) => difference.reduce((sum, value, k) => sum + value * weights[k]!, 0);
  for (let iteration = 0; iteration < 20000; iteration++) {
    const gradient = weights.map((weight) => -weight / weightVariance);
    for (const { winner, loser } of comparisons) {
      const difference = features[winner]!.map((value, k) => value - features[loser]![k]!);
      const push = 1 / (1 + Math.exp(marginOf(difference)));
      difference.forEach((value, k) => (gradient[k]! += push * value));
    }
    // A tie's log-likelihood is −margin²/(2τ²).
    for (const { winner, loser } of ties) {
      const difference = features[winner]!.map((value, k) => value - features[loser]![k]!);
      const pull = -marginOf(difference) / (tieWidth * tieWidth);
      difference.forEach((value, k) => (gradient[k]! += pull * value));
    }
    weights = weights.map((weight, k) => weight + 0.01 * gradient[k]!);
  }
  return weights;
}

describe("the preference model", () => {
  it("knows nothing before the first answer: every pair is a coin toss", () => {
    const model = fitPreferenceModel(createPreferencePool(makePool()), []);
    expect(model.predictPair(0, 1).probability).toBeCloseTo(0.5, 10);
    expect(model.utilities.every((utility) => utility === 0)).toBe(true);
  });

  it("learns that a person who only cares about saturation prefers the more saturated picture", () => {
    const features = makePool();
    const model = fitPreferenceModel(createPreferencePool(features), answerBySaturation(features, 25));
    const bySaturation = [...features.keys()].sort((a, b) => features[b]![0]! - features[a]![0]!);
    expect(model.predictPair(bySaturation[0]!, bySaturation.at(-1)!).probability).toBeGreaterThan(0.9);
    const [saturation, ...others] = model.weights().map(Math.abs);
    expect(saturation).toBeGreaterThan(3 * Math.max(...others));
  });

  it("keeps its weights finite on answers a line separates perfectly (the L2 prior)", () => {
    const features = makePool();
    const model = fitPreferenceModel(createPreferencePool(features), answerBySaturation(features, 60));
    expect(model.weights().every(Number.isFinite)).toBe(true);
    expect(model.predictPair(0, 1).probability).toBeLessThan(1);
  });

  it("fitted in its dual form, agrees with plain MAP logistic regression", () => {
    const features = makePool();
    const comparisons = answerBySaturation(features, 12);
    // Two answers against the grain, so the fit is not at the prior's edge.
    comparisons.push({ winner: comparisons[0]!.loser, loser: comparisons[0]!.winner });
    const pool = createPreferencePool(features, { similarityShare: 0, itemShare: 0 });
    const dual = fitPreferenceModel(pool, comparisons).weights();
    fitPrimal(features, comparisons, pool.weightVariance).forEach((weight, k) =>
      expect(dual[k]).toBeCloseTo(weight, 4),
    );
  });

  it('with "neither" answers, still agrees with MAP logistic regression that adds their Gaussian term', () => {
    const features = makePool();
    const comparisons = answerBySaturation(features, 12);
    comparisons.push({ winner: comparisons[0]!.loser, loser: comparisons[0]!.winner });
    const ties = [
      { winner: 3, loser: 7 },
      { winner: 11, loser: 20 },
    ];
    const pool = createPreferencePool(features, { similarityShare: 0, itemShare: 0 });
    const dual = fitPreferenceModel(pool, comparisons, ties, 0.8).weights();
    fitPrimal(features, comparisons, pool.weightVariance, ties, 0.8).forEach((weight, k) =>
      expect(dual[k]).toBeCloseTo(weight, 4),
    );
  });

  it('takes a "neither" as weak evidence that the two pictures are alike, not as a choice', () => {
    const pool = createPreferencePool(makePool(), { itemShare: 0.5 });
    const chosen: Comparison[] = [{ winner: 0, loser: 2 }];
    const without = fitPreferenceModel(pool, chosen);
    const withTie = fitPreferenceModel(pool, chosen, [{ winner: 1, loser: 0 }]);
    // 1 was "as good as" 0, which beat 2: it rises toward 0, and the pair 0-1 becomes surer to be close.
    expect(withTie.utilities[1]! - withTie.utilities[0]!).toBeGreaterThan(
      without.utilities[1]! - without.utilities[0]!,
    );
    expect(withTie.predictPair(0, 1).variance).toBeLessThan(without.predictPair(0, 1).variance);
    expect(Math.abs(withTie.predictPair(0, 1).probability - 0.5)).toBeLessThan(0.15);
    // Only directional answers count as judgements.
    expect(withTie.comparisons).toEqual(chosen);
  });

  it("reports posterior covariances that add up to each pair's variance", () => {
    const features = makePool();
    const model = fitPreferenceModel(
      createPreferencePool(features, { itemShare: 0.5 }),
      answerBySaturation(features, 10),
    );
    for (const [a, b] of [
      [0, 1],
      [4, 17],
      [9, 9],
    ] as const)
      expect(model.covariance(a, a) + model.covariance(b, b) - 2 * model.covariance(a, b)).toBeCloseTo(
        model.predictPair(a, b).variance,
        8,
      );
    expect(model.covariance(3, 8)).toBeCloseTo(model.covariance(8, 3), 12);
  });

  it("is less sure about pictures it has not seen judged than about those it has", () => {
    const features = makePool();
    const comparisons = answerBySaturation(features, 10);
    const judged = new Set(comparisons.flatMap(({ winner, loser }) => [winner, loser]));
    const unjudged = [...features.keys()].filter((index) => !judged.has(index));
    const model = fitPreferenceModel(createPreferencePool(features, { itemShare: 0.5 }), comparisons);
    const [a, b] = [comparisons[0]!.winner, comparisons[0]!.loser];
    expect(model.predictPair(a, b).variance).toBeLessThan(model.predictPair(unjudged[0]!, unjudged[1]!).variance);
  });
});

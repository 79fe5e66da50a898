import { describe, expect, it } from "vitest";
import { MersenneTwister } from "@/lib/preferthinker/python-random";
import { standardizeFeatures } from "./feature-vectors";
import { pairKey, selectReferenceGainPair } from "./pair-selection";
import { type Comparison, createPreferencePool, fitPreferenceModel } from "./preference-model";
import { chooseReferences } from "./reference-choice";
import { scoreReferenceGain } from "./reference-gain";
import { proposeNextPair, type QuizAnswer, recordAnswer, startTasteQuiz, type TasteQuiz } from "./taste-quiz";

/** 40 pictures: saturation, lightness, detail, uniformly spread. */
const raw = (() => {
  const random = new MersenneTwister(31);
  return Array.from({ length: 40 }, () => [random.random(), random.random(), random.random()]);
})();
const features = standardizeFeatures(raw);
const saturation = (index: number) => raw[index]![0]!;
/** A person who cares only about saturation, and never errs. */
const bySaturation = (left: number, right: number): QuizAnswer => (saturation(left) > saturation(right) ? 1 : 2);

function answerFor(quiz: TasteQuiz, clicks: number): TasteQuiz {
  for (let click = 0; click < clicks; click++) {
    const pair = proposeNextPair(quiz)!;
    quiz = recordAnswer(quiz, pair, bySaturation(pair.left, pair.right));
  }
  return quiz;
}

describe("reference gain", () => {
  // Six pictures on one line; 0 beat 1 and 1 beat 2, 3 beat 4 and 4 beat 5, many times over.
  const line = [[3], [2], [1], [-1], [-2], [-3]];
  const answers: Comparison[] = Array.from({ length: 6 }, () => [
    { winner: 0, loser: 1 },
    { winner: 1, loser: 2 },
    { winner: 3, loser: 4 },
    { winner: 4, loser: 5 },
  ]).flat();
  const model = fitPreferenceModel(createPreferencePool(line), answers);
  const score = (a: number, b: number, count = 1) => scoreReferenceGain(model, [[a, b]], count)[0]!;

  it("is worth nothing for a pair whose answer cannot change the references", () => {
    // One reference a side: 0 liked, 5 disliked, settled; 0 against 5 changes neither.
    expect(score(0, 5)).toBeLessThan(1e-3);
  });

  it("is worth most where the answer decides a reference", () => {
    // With two a side, 1 and 4 are the references nearest the boundary; 2 and 3 challenge them.
    expect(score(1, 3, 2)).toBeGreaterThan(score(0, 5, 2));
    expect(score(2, 4, 2)).toBeGreaterThan(score(0, 5, 2));
    for (const [a, b] of [
      [0, 1],
      [1, 2],
      [3, 5],
    ] as const)
      expect(score(a, b, 2)).toBeGreaterThanOrEqual(0);
  });

  it("values showing a picture no one has judged when it could become a reference", () => {
    const few = fitPreferenceModel(createPreferencePool(line), [{ winner: 0, loser: 5 }]);
    // Nothing judged but 0 and 5: 1 and 4 would fill each side's second place.
    const gains = scoreReferenceGain(
      few,
      [
        [0, 5],
        [1, 4],
      ],
      2,
    );
    // Asking 0 against 5 again is worth something (a surprise would swap them) but far less.
    expect(gains[1]).toBeGreaterThan(2 * gains[0]!);
  });
});

describe("the quiz with reference-gain pairs", () => {
  it("opens with uniform pairs, then reports each pair's softmax probability, which matches how often it is drawn", () => {
    const quiz = answerFor(startTasteQuiz(features, { seed: 3 }), 10);
    const pairsLeft = (shown: number) => (40 * 39) / 2 - shown;
    quiz.steps.forEach((step, index) => {
      expect(step.rule).toBe("reference-gain");
      if (index < 8) expect(step.probability).toBeCloseTo(1 / pairsLeft(index), 12);
      else expect(step.probability).toBeGreaterThan(0);
    });
    const shown = new Set(quiz.steps.map((step) => pairKey(step.left, step.right)));
    const counts = new Map<string, { hits: number; probability: number }>();
    const draws = 2000;
    for (let seed = 0; seed < draws; seed++) {
      const pair = selectReferenceGainPair(quiz.model, shown, new MersenneTwister(seed), {
        relativeTemperature: 0.2,
      })!;
      const key = pairKey(pair.left, pair.right);
      const entry = counts.get(key) ?? { hits: 0, probability: pair.probability };
      entry.hits++;
      counts.set(key, entry);
    }
    for (const { hits, probability } of counts.values())
      expect(Math.abs(hits / draws - probability)).toBeLessThan(0.03);
  });

  it("for a person who cares only about saturation, asks about the most and least saturated pictures and picks references apart in saturation", () => {
    const rank = new Map(
      raw
        .map((_, index) => index)
        .sort((a, b) => saturation(b) - saturation(a))
        .map((index, position) => [index, position]),
    );
    /** Share of the pictures shown after the opening that are among the 10 most or 10 least saturated of 40. */
    const extremeShare = (quiz: TasteQuiz) => {
      const shown = quiz.steps.slice(8).flatMap((step) => [step.left, step.right]);
      return shown.filter((index) => rank.get(index)! < 10 || rank.get(index)! >= 30).length / shown.length;
    };
    const shares = { "reference-gain": 0, random: 0 };
    for (let seed = 0; seed < 4; seed++) {
      for (const rule of ["reference-gain", "random"] as const)
        shares[rule] += extremeShare(answerFor(startTasteQuiz(features, { seed, rule }), 20)) / 4;
      const references = chooseReferences(answerFor(startTasteQuiz(features, { seed }), 20).model);
      expect(references.isComplete).toBe(true);
      // Every liked reference among the 13 most saturated, every disliked one among the 13 least.
      for (const reference of references.liked) expect(rank.get(reference.index)).toBeLessThan(13);
      for (const reference of references.disliked) expect(rank.get(reference.index)).toBeGreaterThanOrEqual(27);
    }
    expect(shares["reference-gain"]).toBeGreaterThan(0.7);
    expect(shares["reference-gain"]).toBeGreaterThan(shares.random + 0.15);
  });
});

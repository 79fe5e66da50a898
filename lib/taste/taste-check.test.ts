import { describe, expect, it } from "vitest";
import { MersenneTwister } from "@/lib/preferthinker/python-random";
import { standardizeFeatures } from "./feature-vectors";
import { rankJudgedPictures } from "./judged-pictures";
import { pairKey } from "./pair-selection";
import { chooseReferences } from "./reference-choice";
import {
  type CheckProposal,
  describeCheckFigure,
  explainCheckScore,
  predictCheckAnswer,
  proposeCheckPair,
  scoreCheck,
} from "./taste-check";
import { proposeNextPair, type QuizAnswer, recordAnswer, startTasteQuiz, type TasteQuiz } from "./taste-quiz";

/** 40 pictures: saturation, lightness, detail, uniformly spread; the simulated person likes saturation. */
const raw = (() => {
  const random = new MersenneTwister(11);
  return Array.from({ length: 40 }, () => [random.random(), random.random(), random.random()]);
})();
const features = standardizeFeatures(raw);
const bySaturation = (left: number, right: number): QuizAnswer => (raw[left]![0]! > raw[right]![0]! ? 1 : 2);

function takeQuiz(seed: number, clicks: number): TasteQuiz {
  let quiz = startTasteQuiz(features, { seed });
  for (let click = 0; click < clicks; click++) {
    const pair = proposeNextPair(quiz)!;
    quiz = recordAnswer(quiz, pair, bySaturation(pair.left, pair.right));
  }
  return quiz;
}

/** The whole check as the server runs it: each pair proposed from the pairs before it. */
function runCheck(quiz: TasteQuiz, count: number): CheckProposal[] {
  const proposals: CheckProposal[] = [];
  for (let next = proposeCheckPair(quiz, [], count); next; next = proposeCheckPair(quiz, proposals, count))
    proposals.push(next);
  return proposals;
}

describe("check my taste", () => {
  const quiz = takeQuiz(4, 15);

  it("draws pairs at random among those neither the quiz nor the check has shown, each with its selection probability", () => {
    const check = runCheck(quiz, 8);
    expect(check).toHaveLength(8);
    const quizPairs = new Set(quiz.steps.map((step) => pairKey(step.left, step.right)));
    const checkPairs = check.map((pair) => pairKey(pair.left, pair.right));
    expect(checkPairs.some((key) => quizPairs.has(key))).toBe(false);
    expect(new Set(checkPairs).size).toBe(8);
    const unseen = (40 * 39) / 2 - quiz.steps.length;
    check.forEach((pair, position) => {
      expect(pair.rule).toBe("random");
      expect(pair.probability).toBeCloseTo(1 / (unseen - position), 12);
    });
  });

  it("proposes the same pair at the same position for the same quiz, and stops at the count", () => {
    const check = runCheck(quiz, 8);
    expect(runCheck(takeQuiz(4, 15), 8)).toEqual(check);
    expect(proposeCheckPair(quiz, check.slice(0, 3), 8)).toEqual(check[3]);
    expect(proposeCheckPair(quiz, check, 8)).toBeNull();
    expect(runCheck(takeQuiz(5, 15), 8)).not.toEqual(check);
  });

  it("predicts the side the quiz's model favours, with its probability of that side", () => {
    for (const pair of runCheck(quiz, 8)) {
      const left = quiz.model.predictPair(pair.left, pair.right).probability;
      expect(pair.predicted).toBe(left >= 0.5 ? 1 : 2);
      expect(pair.predictedProbability).toBeCloseTo(Math.max(left, 1 - left), 12);
      expect(pair.predictedProbability).toBeGreaterThanOrEqual(0.5);
    }
    // Without a single answer there is nothing to go on: a coin toss, called left.
    expect(predictCheckAnswer(startTasteQuiz(features, { seed: 1 }).model, 0, 1)).toEqual({
      predicted: 1,
      predictedProbability: 0.5,
    });
  });

  it("predicts most of a consistent person's answers on pairs the quiz never asked", () => {
    // 24 pairs rather than 8, so one unlucky draw cannot decide it (the model ranks about 85% of this pool's pairs right).
    const check = runCheck(quiz, 24);
    const score = scoreCheck(check.map((pair) => ({ ...pair, answer: bySaturation(pair.left, pair.right) })));
    expect(score.counted).toBe(24);
    expect(score.correct).toBeGreaterThanOrEqual(19);
  });

  it("counts a 'neither' for neither side and skips pairs not answered yet", () => {
    const score = scoreCheck([
      { predicted: 1, answer: 1 },
      { predicted: 2, answer: 1 },
      { predicted: 1, answer: 0 },
      { predicted: 2, answer: 2 },
      { predicted: 2, answer: null },
    ]);
    expect(score).toEqual({ correct: 2, counted: 3, neither: 1 });
    expect(describeCheckFigure(score)).toBe("predicted 2 of your last 3");
    expect(explainCheckScore(score)).toMatch(/about 1.5 of 3 right.*caught part of your taste.*did not count\.$/);
    expect(explainCheckScore({ correct: 7, counted: 8, neither: 0 })).toMatch(
      /about 4 of 8.*caught much of your taste/,
    );
    expect(explainCheckScore({ correct: 0, counted: 0, neither: 2 })).toMatch(/nothing to count/);
  });

  it("ranks every judged picture, the chosen references' reasons among them", () => {
    const judged = rankJudgedPictures(quiz.model);
    const references = chooseReferences(quiz.model);
    expect(judged.map((picture) => picture.utility)).toEqual(
      [...judged.map((picture) => picture.utility)].sort((a, b) => b - a),
    );
    for (const reference of references.liked) {
      const picture = judged.find((entry) => entry.index === reference.index)!;
      expect(picture.reasons.liked).toBe(reference.reason);
      expect([picture.wins, picture.losses]).toEqual([reference.wins, reference.losses]);
    }
    for (const reference of references.disliked)
      expect(judged.find((entry) => entry.index === reference.index)!.reasons.disliked).toBe(reference.reason);
  });
});

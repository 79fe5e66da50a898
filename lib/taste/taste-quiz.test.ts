import { describe, expect, it } from "vitest";
import { MersenneTwister } from "@/lib/preferthinker/python-random";
import { standardizeFeatures } from "./feature-vectors";
import {
  getQuizStatus,
  proposeNextPair,
  type QuizAnswer,
  recordAnswer,
  replayTasteQuiz,
  startTasteQuiz,
  type TasteQuiz,
  undoLastAnswer,
} from "./taste-quiz";

/** 40 pictures: saturation, lightness, detail, uniformly spread. */
const raw = (() => {
  const random = new MersenneTwister(11);
  return Array.from({ length: 40 }, () => [random.random(), random.random(), random.random()]);
})();
const features = standardizeFeatures(raw);
const bySaturation = (left: number, right: number): QuizAnswer => (raw[left]![0]! > raw[right]![0]! ? 1 : 2);

function answerFor(quiz: TasteQuiz, clicks: number, answer: (left: number, right: number) => QuizAnswer): TasteQuiz {
  for (let click = 0; click < clicks; click++) {
    const pair = proposeNextPair(quiz)!;
    quiz = recordAnswer(quiz, pair, answer(pair.left, pair.right));
  }
  return quiz;
}

describe("the taste quiz", () => {
  it("proposes the same pairs for the same seed, and others for another seed", () => {
    const run = (seed: number) =>
      answerFor(startTasteQuiz(features, { seed }), 6, bySaturation).steps.map((step) => [
        step.left,
        step.right,
        step.probability,
      ]);
    expect(run(3)).toEqual(run(3));
    expect(run(3)).not.toEqual(run(4));
  });

  it("records every shown pair with a selection probability in (0, 1]", () => {
    for (const rule of ["reference-gain", "information-gain", "random"] as const) {
      const quiz = answerFor(startTasteQuiz(features, { seed: 1, rule }), 8, bySaturation);
      for (const step of quiz.steps) {
        expect(step.probability).toBeGreaterThan(0);
        expect(step.probability).toBeLessThanOrEqual(1);
        expect(step.rule).toBe(rule);
      }
    }
  });

  it("after an undo is exactly the quiz that never got that answer", () => {
    const before = answerFor(startTasteQuiz(features, { seed: 5 }), 7, bySaturation);
    for (const answer of [1, 2, 0] as const) {
      const undone = undoLastAnswer(recordAnswer(before, proposeNextPair(before)!, answer));
      expect(undone.steps).toEqual(before.steps);
      expect(undone.utilityHistory).toEqual(before.utilityHistory);
      expect(undone.model.utilities).toEqual(before.model.utilities);
      expect(proposeNextPair(undone)).toEqual(proposeNextPair(before));
    }
    expect(undoLastAnswer(startTasteQuiz(features, { seed: 5 })).steps).toEqual([]);
  });

  it("replays stored steps into the same state", () => {
    const quiz = answerFor(startTasteQuiz(features, { seed: 9 }), 6, bySaturation);
    expect(replayTasteQuiz(features, { seed: 9 }, quiz.steps).model.utilities).toEqual(quiz.model.utilities);
  });

  it("stops once a consistent person's ranking has settled, before the cap", () => {
    let quiz = startTasteQuiz(features, { seed: 2, maxClicks: 40 });
    while (!getQuizStatus(quiz).isFinished) quiz = answerFor(quiz, 1, bySaturation);
    expect(getQuizStatus(quiz)).toMatchObject({ isFinished: true, reason: "converged" });
    expect(quiz.steps.length).toBeGreaterThanOrEqual(10);
    expect(quiz.steps.length).toBeLessThan(40);
  });

  it("stops at the cap when the answers never settle anything", () => {
    let quiz = startTasteQuiz(features, { seed: 2, maxClicks: 12 });
    while (!getQuizStatus(quiz).isFinished) quiz = answerFor(quiz, 1, () => 0);
    expect(getQuizStatus(quiz)).toEqual({ clicks: 12, isFinished: true, reason: "cap" });
    expect(quiz.model.comparisons).toEqual([]);
  });
});

import { MersenneTwister } from "@/lib/preferthinker/python-random";
import { pairKey, selectRandomPair, type ShownPair } from "./pair-selection";
import type { PreferenceModel } from "./preference-model";
import type { QuizAnswer, TasteQuiz } from "./taste-quiz";

/**
 * "Check my taste": after the quiz, a few more pairs whose answer the model
 * predicts before the person gives it, to tell them how well it has caught
 * their taste ("predicted 7 of your last 8").
 *
 * The check's pairs are drawn uniformly at random among the pairs neither the
 * quiz nor the check has shown. The figure then estimates how often the model
 * is right on a new pair of these pictures, which is what the person wants to
 * know; choosing pairs the model is sure of would flatter it, and choosing
 * the uncertain ones (as the quiz does) would make it look worse than it is.
 * Each prediction comes from the quiz's model alone (the check's answers are
 * never learnt from), so it is fixed before the answer and a stored
 * prediction can be compared with it.
 */

/** The side the model expects the person to choose (1 left, 2 right), and its probability of that side (0.5-1). */
export type CheckPrediction = { predicted: 1 | 2; predictedProbability: number };

export type CheckProposal = ShownPair & CheckPrediction;

/** A check pair as stored: the pair, its prediction and the answer (null until given). */
export type CheckStep = { left: number; right: number } & CheckPrediction & { answer: QuizAnswer | null };

/** What the check has found: answers that matched the prediction, directional answers, and "neither"s (which count for neither). */
export type CheckScore = { correct: number; counted: number; neither: number };

/** The side the model expects for `left` against `right`; a tie (no evidence at all) goes to the left. */
export function predictCheckAnswer(model: PreferenceModel, left: number, right: number): CheckPrediction {
  const probability = model.predictPair(left, right).probability;
  return probability >= 0.5
    ? { predicted: 1, predictedProbability: probability }
    : { predicted: 2, predictedProbability: 1 - probability };
}

/**
 * The check pair at `shownInCheck.length` (its position), with the quiz
 * model's prediction; null when `count` pairs are in the check already or
 * every pair has been shown. The draw is seeded by the quiz's seed and the
 * position, apart from the quiz's own draws (those use offsets below 2048),
 * so the same quiz proposes the same check pair at the same position,
 * whatever was answered to the earlier ones.
 */
export function proposeCheckPair(
  quiz: TasteQuiz,
  shownInCheck: readonly { left: number; right: number }[],
  count: number,
): CheckProposal | null {
  const position = shownInCheck.length;
  if (position >= count) return null;
  const shown = new Set([...quiz.steps, ...shownInCheck].map((pair) => pairKey(pair.left, pair.right)));
  const random = new MersenneTwister(quiz.options.seed * 4099 + 2048 + position);
  const pair = selectRandomPair(quiz.pool.features.length, shown, random);
  return pair && { ...pair, ...predictCheckAnswer(quiz.model, pair.left, pair.right) };
}

/** Counts the answered check pairs: a "neither" counts neither for the model nor against it. */
export function scoreCheck(steps: readonly Pick<CheckStep, "predicted" | "answer">[]): CheckScore {
  const score: CheckScore = { correct: 0, counted: 0, neither: 0 };
  for (const { predicted, answer } of steps) {
    if (answer === null) continue;
    if (answer === 0) score.neither++;
    else {
      score.counted++;
      if (answer === predicted) score.correct++;
    }
  }
  return score;
}

/** The figure in words: "predicted 7 of your last 8". */
export function describeCheckFigure({ correct, counted }: CheckScore): string {
  return `predicted ${correct} of your last ${counted}`;
}

/**
 * What the figure means, in plain words, against the coin toss that gets
 * about half right. With a handful of pairs one answer moves it a lot: the
 * words say "suggests", not "shows".
 */
export function explainCheckScore(score: CheckScore): string {
  const { correct, counted, neither } = score;
  const skipped = neither
    ? ` The ${neither === 1 ? "pair" : `${neither} pairs`} you could not call did not count.`
    : "";
  if (counted === 0) return `You could not call any of these pairs, so there is nothing to count yet.${skipped}`;
  const coin = `Guessing by coin toss would get about ${counted / 2} of ${counted} right.`;
  const share = correct / counted;
  const verdict =
    share >= 0.75
      ? "So the model has caught much of your taste, at least on these pictures."
      : share > 0.5
        ? "So the model has caught part of your taste; a few more quiz pairs could sharpen it."
        : "So the model has not caught your taste on these pictures yet; more quiz answers, or other pictures, may help.";
  return `${coin} ${verdict} With so few pairs, one answer more or less moves the figure a lot.${skipped}`;
}

import { MersenneTwister } from "@/lib/preferthinker/python-random";
import { hasConverged } from "./convergence";
import {
  type Comparison,
  createPreferencePool,
  fitPreferenceModel,
  type PoolOptions,
  type PreferenceModel,
  type PreferencePool,
} from "./preference-model";
import {
  pairKey,
  selectInformativePair,
  selectRandomPair,
  selectReferenceGainPair,
  type SelectionRule,
  type ShownPair,
} from "./pair-selection";

/**
 * "Find my taste": the quiz as a value. Its state is the pool, the options
 * and the answers given; everything else (the model, the next pair, whether
 * it is finished) is computed from them, so undoing an answer gives exactly
 * the state of never having answered it, and a quiz can be stored as its
 * answers and replayed. The next pair's random draw is seeded by the quiz's
 * seed and the step number, for the same reason.
 */

/** 1: the left picture, 2: the right one, 0: neither / can't say. */
export type QuizAnswer = 0 | 1 | 2;

export type QuizStep = ShownPair & { answer: QuizAnswer };

export type TasteQuizOptions = {
  /** Seeds the pair draws; a non-negative integer below 2^32. */
  seed: number;
  rule: SelectionRule;
  /** Softmax temperature of the "information-gain" rule, in bits. */
  temperature: number;
  /** Softmax temperature of the "reference-gain" rule, as a share of the best pair's score. */
  relativeTemperature: number;
  /** Pairs the "reference-gain" rule draws uniformly before it starts scoring them. */
  openingPairs: number;
  /** How close (logit units) a "neither" answer says the two pictures' utilities are (see fitPreferenceModel). */
  tieWidth: number;
  /** The quiz never stops before this many directional answers... */
  minClicks: number;
  /** ...and always stops at this many clicks (any answer counts). */
  maxClicks: number;
  /** Converged: the last `window` directional answers each kept Kendall's tau of the pool's ranking at or above `minAgreement`. */
  window: number;
  minAgreement: number;
  /** The model's prior (see createPreferencePool); pass `groups` for features made of several attributes' measures. */
  prior: PoolOptions;
};

export const defaultQuizOptions: Omit<TasteQuizOptions, "seed"> = {
  rule: "reference-gain",
  temperature: 0.05,
  relativeTemperature: 0.05,
  openingPairs: 8,
  tieWidth: 1,
  minClicks: 10,
  maxClicks: 30,
  window: 4,
  minAgreement: 0.85,
  // Chosen on simulated people of demo seeds the bench does not report (docs/baseline.md).
  prior: { pairSpread: 2.5, similarityShare: 0.4, similarityWidth: 0.3, itemShare: 0.5 },
};

export type TasteQuiz = {
  pool: PreferencePool;
  options: TasteQuizOptions;
  steps: readonly QuizStep[];
  model: PreferenceModel;
  /** The pool's utilities after each directional answer: what the convergence test reads. */
  utilityHistory: readonly (readonly number[])[];
};

export type QuizStatus = { clicks: number; isFinished: boolean; reason: "converged" | "cap" | "exhausted" | null };

/** The directional answers of `steps`, as comparisons the model fits. */
export function toComparisons(steps: readonly QuizStep[]): Comparison[] {
  return steps.flatMap((step): Comparison[] => {
    if (step.answer === 1) return [{ winner: step.left, loser: step.right }];
    if (step.answer === 2) return [{ winner: step.right, loser: step.left }];
    return [];
  });
}

function buildQuiz(
  pool: PreferencePool,
  options: TasteQuizOptions,
  steps: readonly QuizStep[],
  history: readonly (readonly number[])[],
): TasteQuiz {
  const ties = steps.flatMap((step) => (step.answer === 0 ? [{ winner: step.left, loser: step.right }] : []));
  const model = fitPreferenceModel(pool, toComparisons(steps), ties, options.tieWidth);
  return { pool, options, steps, model, utilityHistory: history };
}

/**
 * Starts a quiz over a pool of feature vectors (standardised: see
 * standardizeFeatures and, on the server, createBaselineFeatureVectors).
 * A pool needs at least two pictures; ten are needed to fill a reference set.
 */
export function startTasteQuiz(
  features: readonly (readonly number[])[],
  options: Partial<TasteQuizOptions> & { seed: number },
): TasteQuiz {
  if (features.length < 2) throw new Error("startTasteQuiz: the pool needs at least two pictures");
  if (!Number.isInteger(options.seed) || options.seed < 0 || options.seed >= 2 ** 32)
    throw new Error("startTasteQuiz: the seed must be an integer in [0, 2^32)");
  const full = { ...defaultQuizOptions, ...options, prior: { ...defaultQuizOptions.prior, ...options.prior } };
  return buildQuiz(
    createPreferencePool(features, full.prior),
    full,
    [],
    [[...new Array<number>(features.length).fill(0)]],
  );
}

/** Whether the quiz is over, and why: converged, reached the cap, or ran out of pairs. */
export function getQuizStatus(quiz: TasteQuiz): QuizStatus {
  const clicks = quiz.steps.length;
  const { options } = quiz;
  if (clicks >= options.maxClicks) return { clicks, isFinished: true, reason: "cap" };
  const directional = quiz.utilityHistory.length - 1;
  if (directional >= options.minClicks && hasConverged(quiz.utilityHistory, options))
    return { clicks, isFinished: true, reason: "converged" };
  const size = quiz.pool.features.length;
  if (clicks >= (size * (size - 1)) / 2) return { clicks, isFinished: true, reason: "exhausted" };
  return { clicks, isFinished: false, reason: null };
}

/**
 * The pair to show next, with its selection probability; the same quiz
 * always proposes the same pair. Null once every pair has been shown. It
 * does not look at getQuizStatus: a caller may keep asking past convergence
 * (the bench does, to measure more clicks).
 */
export function proposeNextPair(quiz: TasteQuiz): ShownPair | null {
  const shown = new Set(quiz.steps.map((step) => pairKey(step.left, step.right)));
  // A fresh generator per step, so the draw depends on the step, not on the history of undos.
  const random = new MersenneTwister(quiz.options.seed * 4099 + quiz.steps.length);
  if (quiz.options.rule === "random") return selectRandomPair(quiz.pool.features.length, shown, random);
  if (quiz.options.rule === "information-gain") return selectInformativePair(quiz.model, shown, random, quiz.options);
  return selectReferenceGainPair(quiz.model, shown, random, quiz.options);
}

/** The quiz after `answer` to the pair `pair` (as proposed); the model is refitted. */
export function recordAnswer(quiz: TasteQuiz, pair: ShownPair, answer: QuizAnswer): TasteQuiz {
  const steps = [...quiz.steps, { ...pair, answer }];
  const next = buildQuiz(quiz.pool, quiz.options, steps, quiz.utilityHistory);
  return answer === 0 ? next : { ...next, utilityHistory: [...quiz.utilityHistory, next.model.utilities] };
}

/** The quiz as it was before its last answer (unchanged when there is none). */
export function undoLastAnswer(quiz: TasteQuiz): TasteQuiz {
  const last = quiz.steps.at(-1);
  if (!last) return quiz;
  const history = last.answer === 0 ? quiz.utilityHistory : quiz.utilityHistory.slice(0, -1);
  return buildQuiz(quiz.pool, quiz.options, quiz.steps.slice(0, -1), history);
}

/**
 * Rebuilds a quiz from stored steps (the pairs as shown and their answers),
 * e.g. on the server from a request: the same steps give the same state.
 */
export function replayTasteQuiz(
  features: readonly (readonly number[])[],
  options: Partial<TasteQuizOptions> & { seed: number },
  steps: readonly QuizStep[],
): TasteQuiz {
  return steps.reduce((quiz, step) => recordAnswer(quiz, step, step.answer), startTasteQuiz(features, options));
}

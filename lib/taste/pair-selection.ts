import type { PairPrediction, PreferenceModel } from "./preference-model";
import { scoreReferenceGain } from "./reference-gain";

/**
 * Which two pictures to show next. The adaptive rules score every pair not
 * yet shown and draw one from a softmax over the scores: "reference-gain"
 * (the quiz's default) by how much its answer is expected to improve the
 * reference set the quiz ends with (reference-gain.ts), "information-gain"
 * by how much it is expected to tell about the person's taste as a whole.
 * The random rule draws uniformly. All report the probability that the pair
 * shown was the one drawn, so the answers stay usable for unbiased
 * (inverse-propensity) analysis later, and all are deterministic given the
 * random source.
 */

/** Anything with Python's `random()`: MersenneTwister from lib/preferthinker/python-random fits. */
export type RandomSource = { random(): number };

export type SelectionRule = "reference-gain" | "information-gain" | "random";
/** What drew a shown pair: a rule of the server's, or the browser's uniform draw while offline (offline-pairs.ts). */
export type PairOrigin = SelectionRule | "random-offline";

export type ShownPair = {
  /** Pool indices, in the order shown (1 = left, 2 = right). */
  left: number;
  right: number;
  /** Probability that this (unordered) pair was drawn, given everything answered before it. */
  probability: number;
  rule: PairOrigin;
};

/** Order-free key of a pair, for the set of pairs already shown. */
export const pairKey = (a: number, b: number) => (a < b ? `${a}:${b}` : `${b}:${a}`);

const bits = (p: number) => (p <= 0 || p >= 1 ? 0 : -(p * Math.log2(p) + (1 - p) * Math.log2(1 - p)));
/** √(π·ln2 / 2): the width of the Gaussian that approximates the binary entropy of a probit. */
const entropyWidth = Math.sqrt((Math.PI * Math.LN2) / 2);
/** The logistic function is close to the probit Φ(κ·x). */
const probitScale = Math.sqrt(Math.PI / 8);

/**
 * Expected information gain of asking about a pair, in bits: the entropy of
 * the predicted answer minus its expected entropy were the utilities known
 * (BALD, Houlsby et al. 2011, closed form under the probit approximation).
 * High when the model cannot call the pair AND the answer would move it; a
 * pair whose outcome is already certain, or merely noisy, scores near 0.
 */
export function scoreInformationGain(prediction: PairPrediction): number {
  const mean = probitScale * prediction.mean;
  const variance = probitScale * probitScale * prediction.variance;
  const spread = variance + entropyWidth * entropyWidth;
  const expected = (entropyWidth / Math.sqrt(spread)) * Math.exp(-(mean * mean) / (2 * spread));
  return Math.max(0, bits(prediction.probability) - expected);
}

function candidatePairs(size: number, shown: ReadonlySet<string>): [number, number][] {
  const pairs: [number, number][] = [];
  for (let a = 0; a < size; a++) for (let b = a + 1; b < size; b++) if (!shown.has(pairKey(a, b))) pairs.push([a, b]);
  return pairs;
}

/** Left/right at random, so a person's habit of picking one side never lines up with the model's choice. */
function orient(pair: [number, number], probability: number, rule: SelectionRule, random: RandomSource): ShownPair {
  const [a, b] = random.random() < 0.5 ? pair : [pair[1], pair[0]];
  return { left: a, right: b, probability, rule };
}

/** Selection probabilities of `scores` under a softmax at `temperature` (in the scores' units). */
export function softmaxProbabilities(scores: readonly number[], temperature: number): number[] {
  const top = Math.max(...scores);
  const weights = scores.map((score) => Math.exp((score - top) / temperature));
  const total = weights.reduce((sum, value) => sum + value, 0);
  return weights.map((value) => value / total);
}

/** Draws one of `pairs` uniformly. */
function drawUniformly(pairs: readonly [number, number][], rule: SelectionRule, random: RandomSource): ShownPair {
  return orient(pairs[Math.floor(random.random() * pairs.length)]!, 1 / pairs.length, rule, random);
}

/** Draws one of `pairs` with probability softmax(scores / temperature), and reports that probability. */
function drawBySoftmax(
  pairs: readonly [number, number][],
  scores: readonly number[],
  temperature: number,
  rule: SelectionRule,
  random: RandomSource,
): ShownPair {
  const probabilities = softmaxProbabilities(scores, temperature);
  let draw = random.random();
  let picked = probabilities.length - 1;
  for (let index = 0; index < probabilities.length; index++) {
    draw -= probabilities[index]!;
    if (draw < 0) {
      picked = index;
      break;
    }
  }
  return orient(pairs[picked]!, probabilities[picked]!, rule, random);
}

export type InformativeOptions = {
  /** Softmax temperature, in bits: small is nearly greedy, yet every pair keeps a non-zero chance. */
  temperature: number;
};

/**
 * Draws the next pair among those never shown, with probability softmax of
 * its information gain. Null when every pair was shown.
 */
export function selectInformativePair(
  model: PreferenceModel,
  shown: ReadonlySet<string>,
  random: RandomSource,
  options: InformativeOptions,
): ShownPair | null {
  const pairs = candidatePairs(model.pool.features.length, shown);
  if (pairs.length === 0) return null;
  const scores = pairs.map(([a, b]) => scoreInformationGain(model.predictPair(a, b)));
  return drawBySoftmax(pairs, scores, options.temperature, "information-gain", random);
}

export type ReferenceGainOptions = {
  /**
   * Softmax temperature as a share of the best pair's score (the gain is in
   * utility units, whose scale changes as the quiz goes on). Small is nearly
   * greedy; but a greedy draw measured 3 points worse on simulated people at
   * 15 clicks than 0.05: the one-step gain is short-sighted (it favours one
   * boundary again and again), and the softmax spreads the clicks.
   */
  relativeTemperature: number;
  /** References per side the quiz ends with (5). */
  referenceCount?: number;
  /**
   * The first this many pairs are drawn uniformly (still under this rule,
   * with probability 1 / pairs left). The gain looks one answer ahead, and
   * from a model that knows next to nothing it locks onto the first
   * winners; a random opening shows the model a spread of the pool first.
   * On simulated people (two demo seeds the bench does not report) an
   * opening of 8 raised accuracy at 15 clicks by 0.4 and 1.7 points over
   * none; 4 and 6 did less.
   */
  openingPairs?: number;
};

/**
 * Draws the next pair among those never shown: after a uniform opening
 * (`openingPairs`), with probability softmax of its reference gain
 * (scoreReferenceGain). Null when every pair was shown.
 */
export function selectReferenceGainPair(
  model: PreferenceModel,
  shown: ReadonlySet<string>,
  random: RandomSource,
  options: ReferenceGainOptions,
): ShownPair | null {
  const pairs = candidatePairs(model.pool.features.length, shown);
  if (pairs.length === 0) return null;
  if (shown.size < (options.openingPairs ?? 0)) return drawUniformly(pairs, "reference-gain", random);
  const scores = scoreReferenceGain(model, pairs, options.referenceCount ?? 5);
  const temperature = options.relativeTemperature * Math.max(1e-12, ...scores);
  return drawBySoftmax(pairs, scores, temperature, "reference-gain", random);
}

/** Draws uniformly among the pairs never shown: the control the adaptive rule is measured against. */
export function selectRandomPair(poolSize: number, shown: ReadonlySet<string>, random: RandomSource): ShownPair | null {
  const pairs = candidatePairs(poolSize, shown);
  return pairs.length === 0 ? null : drawUniformly(pairs, "random", random);
}

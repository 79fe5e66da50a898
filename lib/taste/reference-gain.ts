import type { PreferenceModel } from "./preference-model";

/**
 * What a pair's answer is worth to the quiz's result. The quiz does not need
 * the person's whole ranking of the pool: it needs five liked and five
 * disliked references among the pictures they judged (reference-choice.ts),
 * and those are the judged pictures of highest and lowest posterior utility.
 * So a pair is scored by the knowledge gradient of that choice (Frazier,
 * Powell & Dayanik 2008): how much the expected utility of the liked
 * references, minus that of the disliked ones, is expected to rise once the
 * answer is known and the references are chosen again. It is positive only
 * where the answer can change the choice: a challenger against the weakest
 * liked (or strongest disliked) reference, or a picture never judged whose
 * predicted utility would put it among the references if the answer bears
 * it out. Plain information gain (BALD) spends clicks on pairs in the middle
 * of the ranking, where the answer teaches the model but changes no reference:
 * on simulated people it judged no more of a person's own pictures in 15
 * clicks than random pairs did, and this gain raised the baseline's accuracy
 * with the resulting references by 1.7 points (docs/baseline.md).
 *
 * The answer's effect is the assumed-density-filter step of the probit model
 * (the model's logistic is close to Φ(κx)): the utility difference d of the
 * pair, N(m, v) under the posterior, is conditioned on the answer, and every
 * picture's mean moves by its posterior covariance with d over v times d's
 * move. Near-duplicate skipping in the reference choice is left out of the
 * value: it rarely changes which five are taken.
 */

/** The logistic function is close to the probit Φ(κ·x). */
const probitScale = Math.sqrt(Math.PI / 8);

/** Φ, from erf (Abramowitz & Stegun 7.1.26; absolute error below 2e-7). */
function normalCdf(x: number): number {
  const z = Math.abs(x) / Math.SQRT2;
  const t = 1 / (1 + 0.3275911 * z);
  const polynomial = ((((1.061405429 * t - 1.453152027) * t + 1.421413741) * t - 0.284496736) * t + 0.254829592) * t;
  const erf = 1 - polynomial * Math.exp(-z * z);
  return x >= 0 ? (1 + erf) / 2 : (1 - erf) / 2;
}

const normalDensity = (x: number) => Math.exp(-0.5 * x * x) / Math.sqrt(2 * Math.PI);

/**
 * The two sides' sizes as chooseReferences takes them from `judged` pictures:
 * up to `count` liked (half the judged, rounded up, early on) and up to
 * `count` disliked from the rest.
 */
function sideSizes(judged: number, count: number): [liked: number, disliked: number] {
  const liked = Math.min(count, Math.ceil(judged / 2));
  return [liked, Math.min(count, judged - liked)];
}

/**
 * Sum of the `liked` largest minus the `disliked` smallest of `means` over
 * the pictures in `members`: the references' worth under those means. Kept
 * by insertion into two short sorted buffers, as this runs for every pair.
 */
function referenceWorth(
  means: Float64Array,
  members: readonly number[],
  [liked, disliked]: [number, number],
  top: Float64Array,
  bottom: Float64Array,
): number {
  let filledTop = 0;
  let filledBottom = 0;
  for (const member of members) {
    const value = means[member]!;
    if (liked > 0 && (filledTop < liked || value > top[liked - 1]!)) {
      // Insert into the descending buffer, dropping its last value once full.
      let slot = Math.min(filledTop, liked - 1);
      for (; slot > 0 && top[slot - 1]! < value; slot--) top[slot] = top[slot - 1]!;
      top[slot] = value;
      filledTop = Math.min(liked, filledTop + 1);
    }
    if (disliked > 0 && (filledBottom < disliked || value < bottom[disliked - 1]!)) {
      let slot = Math.min(filledBottom, disliked - 1);
      for (; slot > 0 && bottom[slot - 1]! > value; slot--) bottom[slot] = bottom[slot - 1]!;
      bottom[slot] = value;
      filledBottom = Math.min(disliked, filledBottom + 1);
    }
  }
  let worth = 0;
  for (let slot = 0; slot < liked; slot++) worth += top[slot]!;
  for (let slot = 0; slot < disliked; slot++) worth -= bottom[slot]!;
  return worth;
}

/**
 * The knowledge gradient of each pair for a reference set of `count` liked
 * and `count` disliked pictures (utility units, ≥ 0 up to rounding): the
 * expected worth of the references chosen after its answer, minus their
 * worth now. The pictures judged so far are those in the model's directional
 * answers; a pair's two pictures join them once answered.
 */
export function scoreReferenceGain(
  model: PreferenceModel,
  pairs: readonly (readonly [number, number])[],
  count = 5,
): number[] {
  const size = model.pool.features.length;
  const isJudged = new Uint8Array(size);
  for (const { winner, loser } of model.comparisons) isJudged[winner] = isJudged[loser] = 1;
  const judged = Array.from({ length: size }, (_, index) => index).filter((index) => isJudged[index]);
  const covariance = Array.from({ length: size }, (_, a) =>
    Float64Array.from({ length: size }, (_, b) => (b < a ? 0 : model.covariance(a, b))),
  );
  for (let a = 0; a < size; a++) for (let b = 0; b < a; b++) covariance[a]![b] = covariance[b]![a]!;
  const current = Float64Array.from(model.utilities);
  const [top, bottom] = [new Float64Array(count), new Float64Array(count)];
  const now = referenceWorth(current, judged, sideSizes(judged.length, count), top, bottom);
  const means = new Float64Array(size);
  const members: number[] = [];

  return pairs.map(([a, b]) => {
    members.length = 0;
    members.push(...judged);
    if (!isJudged[a]) members.push(a);
    if (!isJudged[b]) members.push(b);
    const sides = sideSizes(members.length, count);
    const [rowA, rowB] = [covariance[a]!, covariance[b]!];
    const variance = Math.max(1e-12, rowA[a]! + rowB[b]! - 2 * rowA[b]!);
    const spread = Math.sqrt(1 + probitScale * probitScale * variance);
    const z = (probitScale * (current[a]! - current[b]!)) / spread;
    const pull = (probitScale * normalDensity(z)) / spread;
    let expected = 0;
    for (const [probability, direction] of [
      [normalCdf(z), 1],
      [normalCdf(-z), -1],
    ] as const) {
      if (probability < 1e-12) continue;
      // d's mean moves by ±v·κφ(z)/(Φ(±z)·spread); each picture's by its covariance with d over v times that.
      const move = (direction * pull) / probability;
      for (const member of members) means[member] = current[member]! + (rowA[member]! - rowB[member]!) * move;
      expected += probability * referenceWorth(means, members, sides, top, bottom);
    }
    return Math.max(0, expected - now);
  });
}

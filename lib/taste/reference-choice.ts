import { describeReference, type FeatureLabel, nameDecidingTraits, type ReferenceSide } from "./describe-reference";
import type { PreferenceModel, PreferencePool } from "./preference-model";

/**
 * The quiz's result: five liked and five disliked references, taken only
 * from pictures the person actually judged (a picture they never saw is
 * never put in their mouth), ranked by the fitted utility, and skipping
 * near-duplicates of a reference already taken (the same picture twice in
 * a pool is one reference, not two).
 */

export type ChosenReference = {
  /** Pool index. */
  index: number;
  utility: number;
  /** Directional answers in which it was chosen, and passed over. */
  wins: number;
  losses: number;
  reason: string;
};

export type ReferenceSet = {
  liked: ChosenReference[];
  disliked: ChosenReference[];
  /** Both sides hold `count` pictures (PreferThinker reads exactly five of each). */
  isComplete: boolean;
};

export type ReferenceOptions = {
  /** References per side; PreferThinker's evaluation uses 5. */
  count?: number;
  /** Words for each feature, for the reasons; omit for features without words (embeddings). */
  labels?: readonly FeatureLabel[];
  /**
   * Closer than this share of the pool's median pairwise distance counts as
   * a near-duplicate (default 0.1: copies, not pictures of one look). A
   * wider net (0.25) passed over pictures of the person's own look, which is
   * what the references should show: on simulated people it cost 0.5-1
   * point of accuracy at 15 clicks, and the baseline, which compares a
   * candidate with its nearest references, loses nothing by similar ones.
   */
  duplicateShare?: number;
};

const defaultDuplicateShare = 0.1;

const squaredGap = (pool: PreferencePool, a: number, b: number) =>
  pool.features[a]!.reduce((sum, value, k) => sum + (value - pool.features[b]![k]!) ** 2, 0);

const medianGaps = new WeakMap<PreferencePool, number>();
function medianSquaredGap(pool: PreferencePool): number {
  const known = medianGaps.get(pool);
  if (known !== undefined) return known;
  const gaps: number[] = [];
  for (let a = 0; a < pool.features.length; a++)
    for (let b = a + 1; b < pool.features.length; b++) gaps.push(squaredGap(pool, a, b));
  gaps.sort((x, y) => x - y);
  const median = gaps[Math.floor(gaps.length / 2)] ?? 0;
  medianGaps.set(pool, median);
  return median;
}

/** Takes up to `count` of `ranked` in order, passing over near-duplicates of those taken unless nothing else is left. */
function takeSpread(pool: PreferencePool, ranked: readonly number[], count: number, duplicateShare: number): number[] {
  const limit = duplicateShare * duplicateShare * medianSquaredGap(pool);
  const taken: number[] = [];
  const passed: number[] = [];
  for (const index of ranked) {
    if (taken.length === count) break;
    if (taken.some((other) => squaredGap(pool, index, other) < limit)) passed.push(index);
    else taken.push(index);
  }
  return [...taken, ...passed].slice(0, count);
}

/** Counts each judged picture's wins and losses. */
function tallyAnswers(model: PreferenceModel): Map<number, { wins: number; losses: number }> {
  const tally = new Map<number, { wins: number; losses: number }>();
  const entry = (index: number) => tally.get(index) ?? tally.set(index, { wins: 0, losses: 0 }).get(index)!;
  for (const { winner, loser } of model.comparisons) {
    entry(winner).wins++;
    entry(loser).losses++;
  }
  return tally;
}

/**
 * Chooses the references from the judged pictures: the highest-utility ones
 * liked, the lowest disliked. With fewer than 2 × count judged pictures
 * (early in a quiz) the judged ones are split in half by utility, so the
 * two sides never share a picture; `isComplete` then says so.
 */
export function chooseReferences(model: PreferenceModel, options: ReferenceOptions = {}): ReferenceSet {
  const count = options.count ?? 5;
  const tally = tallyAnswers(model);
  const judged = [...tally.keys()].sort((a, b) => model.utilities[b]! - model.utilities[a]! || a - b);
  const likedCount = Math.min(count, Math.ceil(judged.length / 2));
  const liked = takeSpread(model.pool, judged, likedCount, options.duplicateShare ?? defaultDuplicateShare);
  const rest = judged.filter((index) => !liked.includes(index)).reverse();
  const disliked = takeSpread(
    model.pool,
    rest,
    Math.min(count, rest.length, judged.length - likedCount),
    options.duplicateShare ?? defaultDuplicateShare,
  );
  const weights = options.labels ? model.weights() : [];
  const describe =
    (side: ReferenceSide) =>
    (index: number): ChosenReference => {
      const answers = tally.get(index)!;
      const traits = options.labels
        ? nameDecidingTraits(side, model.pool.features[index]!, weights, options.labels)
        : [];
      return { index, utility: model.utilities[index]!, ...answers, reason: describeReference(side, answers, traits) };
    };
  return {
    liked: liked.map(describe("liked")),
    disliked: disliked.map(describe("disliked")),
    isComplete: liked.length === count && disliked.length === count,
  };
}

import type { PairOrigin } from "./pair-selection";

/**
 * Pairs drawn in the browser while the server cannot be reached: uniformly
 * among the pool's pairs not shown yet, left and right at random. The quiz
 * goes on offline with them, and their answers stay usable for unbiased
 * analysis, since the probability of each draw is known exactly (the server
 * recomputes it when the answer arrives, never taking the client's word).
 */

/** The rule stored with an answer to a pair the browser drew offline. */
export const offlineRule = "random-offline" satisfies PairOrigin;

/** Order-free key of a pair of image ids. */
const pairKey = (a: string, b: string) => (a < b ? `${a} ${b}` : `${b} ${a}`);

/** The probability of a uniform draw among the pairs of a pool of `poolSize` not among the `shownCount` shown; 0 if none is left. */
export function offlinePairProbability(poolSize: number, shownCount: number): number {
  const unseen = (poolSize * (poolSize - 1)) / 2 - shownCount;
  return unseen > 0 ? 1 / unseen : 0;
}

/** Whether a pair was shown already, in either order. */
export function wasShown(shown: readonly (readonly [string, string])[], a: string, b: string): boolean {
  const key = pairKey(a, b);
  return shown.some(([left, right]) => pairKey(left, right) === key);
}

export type OfflinePair = { leftImageId: string; rightImageId: string; probability: number };

/**
 * A pair of the pool not shown yet, drawn uniformly, or null when every pair
 * was shown. `random` returns numbers in [0, 1), as Math.random does.
 */
export function drawOfflinePair(
  imageIds: readonly string[],
  shown: readonly (readonly [string, string])[],
  random: () => number = Math.random,
): OfflinePair | null {
  const seen = new Set(shown.map(([left, right]) => pairKey(left, right)));
  const unseen: [string, string][] = [];
  for (let a = 0; a < imageIds.length; a++)
    for (let b = a + 1; b < imageIds.length; b++)
      if (!seen.has(pairKey(imageIds[a]!, imageIds[b]!))) unseen.push([imageIds[a]!, imageIds[b]!]);
  const drawn = unseen[Math.floor(random() * unseen.length)];
  if (!drawn) return null;
  const [first, second] = random() < 0.5 ? drawn : [drawn[1], drawn[0]];
  return { leftImageId: first, rightImageId: second, probability: 1 / unseen.length };
}

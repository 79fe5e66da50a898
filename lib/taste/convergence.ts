/**
 * When the quiz may stop: once the model's ranking of the pool has stopped
 * moving for a few answers in a row, more clicks mostly confirm what it
 * knows. Agreement between two rankings is Kendall's tau-a over the pool.
 */

/** Kendall's tau between the orders two utility lists put the same items in (1 same, -1 reversed). */
export function measureRankAgreement(before: readonly number[], after: readonly number[]): number {
  let agreement = 0;
  let pairs = 0;
  for (let i = 0; i < before.length; i++) {
    for (let j = i + 1; j < before.length; j++) {
      pairs++;
      agreement += Math.sign(before[i]! - before[j]!) * Math.sign(after[i]! - after[j]!);
    }
  }
  return pairs ? agreement / pairs : 1;
}

export type ConvergenceOptions = {
  /** How many consecutive answers must leave the ranking nearly unchanged. */
  window: number;
  /** Kendall's tau each of those answers must keep between the ranking before and after it. */
  minAgreement: number;
};

/**
 * True when each of the last `window` answers changed the ranking by less
 * than `minAgreement` allows. `history[i]` holds the pool's utilities after
 * the i-th directional answer: a "neither" moves the ranking only a little,
 * so a run of them must not pass for agreement.
 */
export function hasConverged(history: readonly (readonly number[])[], options: ConvergenceOptions): boolean {
  if (history.length < options.window + 1) return false;
  for (let step = history.length - options.window; step < history.length; step++) {
    if (measureRankAgreement(history[step - 1]!, history[step]!) < options.minAgreement) return false;
  }
  return true;
}

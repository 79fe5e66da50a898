import { describeReference, type FeatureLabel, nameDecidingTraits, type ReferenceSide } from "./describe-reference";
import type { PreferenceModel } from "./preference-model";

/**
 * Every picture the person judged (chosen or passed over in a directional
 * answer), most preferred first, each with the reason it would carry as a
 * liked and as a disliked reference: what the result's "Replace" chooser
 * offers, and what a saved set may hold. The reasons are worded exactly as
 * chooseReferences words them.
 */

export type JudgedPicture = {
  /** Pool index. */
  index: number;
  utility: number;
  wins: number;
  losses: number;
  reasons: Record<ReferenceSide, string>;
};

/** The judged pictures by fitted utility, highest first (ties by pool index). */
export function rankJudgedPictures(model: PreferenceModel, labels?: readonly FeatureLabel[]): JudgedPicture[] {
  const tally = new Map<number, { wins: number; losses: number }>();
  const entry = (index: number) => tally.get(index) ?? tally.set(index, { wins: 0, losses: 0 }).get(index)!;
  for (const { winner, loser } of model.comparisons) {
    entry(winner).wins++;
    entry(loser).losses++;
  }
  const weights = labels ? model.weights() : [];
  const reason = (side: ReferenceSide, index: number, answers: { wins: number; losses: number }) =>
    describeReference(
      side,
      answers,
      labels ? nameDecidingTraits(side, model.pool.features[index]!, weights, labels) : [],
    );
  return [...tally.entries()]
    .map(([index, answers]) => ({
      index,
      utility: model.utilities[index]!,
      ...answers,
      reasons: { liked: reason("liked", index, answers), disliked: reason("disliked", index, answers) },
    }))
    .sort((a, b) => b.utility - a.utility || a.index - b.index);
}

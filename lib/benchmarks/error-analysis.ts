import { compareProfileSide } from "@/lib/benchmarks/profile-similarity";
import { attributeKeys, type AttributeKey } from "@/lib/preferthinker/attributes";
import type { ImageLabel, Profile } from "@/lib/preferthinker/types";

/**
 * Where a run's wrong answers come from, attribute by attribute. For each
 * wrong answer whose output scored both candidates, the attribute that
 * decided it is the one with the largest score margin toward the wrong
 * candidate (an answer decided by a tie counts for each attribute tied).
 * Beside it, how well the predicted profile agrees with the true one per
 * attribute, where the benchmark has the true profile.
 */

/** What the analysis reads of one result: its label, verdict, and the parsed output's answer, scores and profiles. */
export type AnalysedResult = {
  label: string;
  strictCorrect: boolean;
  answer: string | null;
  scores: { A: readonly (number | null)[]; B: readonly (number | null)[] } | null;
  profiles: { preference: Profile[]; nonPreference: Profile[] } | null;
  preferAttributes: Record<string, string> | null;
  nonPreferAttributes: Record<string, string> | null;
};

/** The mean word-overlap agreement of one side's predicted profile with the true one, and over how many results. */
export type Agreement = { mean: number | null; n: number };

export type ErrorAnalysis = {
  /** Results read, and those answered wrong. */
  results: number;
  wrong: number;
  /** Per attribute, in the paper's order: how many wrong answers it decided. */
  deciding: { attribute: AttributeKey; count: number }[];
  /** Wrong answers whose output did not score both candidates on every attribute (fast mode, truncated, unreadable). */
  withoutScores: number;
  /** Wrong answers whose scores favoured no attribute toward the chosen candidate (the answer contradicts the scores). */
  noAttributeFavoured: number;
  /** Per attribute: agreement of the predicted profiles with the true ones; null when no result's sample has a true profile. */
  profileAgreement: { attribute: AttributeKey; preference: Agreement; nonPreference: Agreement }[] | null;
};

export const decidingAttributeMethod =
  "the attribute with the largest score margin toward the wrong candidate; a tie counts for each attribute tied";

/** The attributes whose margin toward `chosen` is the largest and positive; empty when none favours it, null without complete scores. */
export function decidingAttributes(
  scores: { A: readonly (number | null)[]; B: readonly (number | null)[] },
  chosen: ImageLabel,
): AttributeKey[] | null {
  const other: ImageLabel = chosen === "A" ? "B" : "A";
  const margins: number[] = [];
  for (let index = 0; index < attributeKeys.length; index++) {
    const [mine, theirs] = [scores[chosen][index], scores[other][index]];
    if (mine === null || mine === undefined || theirs === null || theirs === undefined) return null;
    margins.push(mine - theirs);
  }
  const largest = Math.max(...margins);
  if (largest <= 0) return [];
  return attributeKeys.filter((_, index) => margins[index] === largest);
}

const chosenPosition = (answer: string | null): ImageLabel | null =>
  answer === "Image A" ? "A" : answer === "Image B" ? "B" : null;

type Sums = { sum: number; n: number };

/** An analysis fed one result at a time (a run's results are read in pages), then summed up. */
export function createErrorAnalysis() {
  let results = 0;
  let wrong = 0;
  let withoutScores = 0;
  let noAttributeFavoured = 0;
  const deciding = new Map<AttributeKey, number>(attributeKeys.map((key) => [key, 0]));
  const agreement = new Map<AttributeKey, { preference: Sums; nonPreference: Sums }>(
    attributeKeys.map((key) => [key, { preference: { sum: 0, n: 0 }, nonPreference: { sum: 0, n: 0 } }]),
  );
  let anyTruth = false;

  const addAgreement = (side: "preference" | "nonPreference", predicted: Profile[], truth: Record<string, string>) => {
    for (const [key, value] of Object.entries(compareProfileSide(predicted, truth))) {
      if (value === null) continue;
      const sums = agreement.get(key as AttributeKey)![side];
      sums.sum += value;
      sums.n++;
    }
  };

  return {
    add(result: AnalysedResult): void {
      results++;
      if (result.profiles && (result.preferAttributes || result.nonPreferAttributes)) {
        anyTruth = true;
        if (result.preferAttributes) addAgreement("preference", result.profiles.preference, result.preferAttributes);
        if (result.nonPreferAttributes)
          addAgreement("nonPreference", result.profiles.nonPreference, result.nonPreferAttributes);
      }
      if (result.strictCorrect) return;
      wrong++;
      const chosen = chosenPosition(result.answer);
      const decided = chosen && result.scores ? decidingAttributes(result.scores, chosen) : null;
      if (decided === null) withoutScores++;
      else if (decided.length === 0) noAttributeFavoured++;
      else for (const key of decided) deciding.set(key, deciding.get(key)! + 1);
    },
    finish(): ErrorAnalysis {
      const mean = ({ sum, n }: Sums): Agreement => ({ mean: n > 0 ? sum / n : null, n });
      return {
        results,
        wrong,
        deciding: attributeKeys.map((attribute) => ({ attribute, count: deciding.get(attribute)! })),
        withoutScores,
        noAttributeFavoured,
        profileAgreement: anyTruth
          ? attributeKeys.map((attribute) => ({
              attribute,
              preference: mean(agreement.get(attribute)!.preference),
              nonPreference: mean(agreement.get(attribute)!.nonPreference),
            }))
          : null,
      };
    },
  };
}

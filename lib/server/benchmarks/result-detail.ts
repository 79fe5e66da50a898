import "server-only";
import type { ResultDetailJson } from "@/lib/benchmarks/benchmark-contract";
import { compareProfileSide, meanSimilarity, profileSimilarityMethod } from "@/lib/benchmarks/profile-similarity";
import type { Actor } from "@/lib/auth/policy";
import { getEvaluationResult } from "@/lib/db/evaluation-results";
import type { Database } from "@/lib/db/open-database";
import { AppError } from "@/lib/errors";
import { readStrictAnswer } from "@/lib/preferthinker/official";
import { scoreOutput } from "@/lib/preferthinker/score-output";
import type { Profile } from "@/lib/preferthinker/types";
import { getReachableRun } from "./get-reachable-benchmark";

const asText = (value: unknown): Record<string, string> | null =>
  value && typeof value === "object" && !Array.isArray(value)
    ? Object.fromEntries(
        Object.entries(value).filter((entry): entry is [string, string] => typeof entry[1] === "string"),
      )
    : null;

const onlyStrings = (profile: Profile): Record<string, string> =>
  Object.fromEntries(
    Object.entries(profile).filter((entry): entry is [string, string] => typeof entry[1] === "string"),
  );

/**
 * One stored result as the failure browser shows it: the output and its
 * reading (re-read from the text, so the view always matches the parser of
 * this version), its sample, and how close the predicted profile is to the
 * sample's true one when it has one.
 */
export async function readResultDetail(database: Database, actor: Actor, id: string): Promise<ResultDetailJson> {
  const found = await getEvaluationResult(database, id);
  if (!found) throw new AppError("not_found", "No such result.");
  const run = await getReachableRun(database, actor, found.runId, "read").catch(() => {
    throw new AppError("not_found", "No such result.");
  });
  const mode = run.mode === "fast" ? "fast" : "reasoning";
  const { parsed } = scoreOutput(found.output, found.sample.label, mode);
  const preferAttributes = asText(found.sample.preferAttributes);
  const nonPreferAttributes = asText(found.sample.nonPreferAttributes);
  const hasTruth =
    Boolean(preferAttributes && Object.keys(preferAttributes).length > 0) ||
    Boolean(nonPreferAttributes && Object.keys(nonPreferAttributes).length > 0);
  const preference = compareProfileSide(parsed.profiles.preference, preferAttributes);
  const nonPreference = compareProfileSide(parsed.profiles.nonPreference, nonPreferAttributes);
  const totalOf = (image: "A" | "B") => parsed.statedTotals[image]?.stated ?? null;
  return {
    result: {
      id: found.id,
      runId: found.runId,
      output: found.output,
      strictCorrect: found.strictCorrect,
      lenientCorrect: found.lenientCorrect,
      formatValid: found.formatValid,
      officialCorrect: found.officialCorrect,
      milliseconds: found.milliseconds,
      answer: parsed.answer,
      issues: parsed.issues,
      profiles: {
        preference: parsed.profiles.preference.map(onlyStrings),
        nonPreference: parsed.profiles.nonPreference.map(onlyStrings),
      },
      scores: { A: [...parsed.scores.A], B: [...parsed.scores.B] },
      statedTotals: { A: totalOf("A"), B: totalOf("B") },
      computedTotals: parsed.computedTotals,
      cached: found.cached,
      swapped:
        found.swapOutput === null
          ? null
          : {
              output: found.swapOutput,
              answer: readStrictAnswer(found.swapOutput),
              strictCorrect: found.swapStrictCorrect ?? false,
              cached: found.swapCached ?? false,
              consistent: found.swapConsistent,
            },
    },
    sample: { ...found.sample, preferAttributes, nonPreferAttributes },
    profileSimilarity: hasTruth
      ? { method: profileSimilarityMethod, preference, nonPreference, mean: meanSimilarity(preference, nonPreference) }
      : null,
  };
}

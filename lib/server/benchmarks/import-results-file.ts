import "server-only";
import type { Actor } from "@/lib/auth/policy";
import { findSamplesByPicturePaths, type SamplePaths } from "@/lib/db/benchmark-subsets";
import { createCompletedRun, type EvaluationRunRecord, type NewEvaluationResult } from "@/lib/db/evaluation-runs";
import type { Database } from "@/lib/db/open-database";
import { AppError } from "@/lib/errors";
import { readResultsFile } from "@/lib/preferthinker/results-format";
import { scoreOutput } from "@/lib/preferthinker/score-output";
import { getReachableSubset } from "./get-reachable-benchmark";

const pairKey = (imageA: string, imageB: string) => `${imageA.trim()}\u0000${imageB.trim()}`;

/**
 * Reads an official results file (`rec_results_<run>_<subset>.json`) into a
 * finished run of the subset: each row is matched to its sample by its
 * (imageA, imageB) paths and re-read by our readers; the file's own verdict
 * is kept beside ours. A row that matches no sample, a sample named twice or
 * a ground truth that is not the sample's label refuses the whole file.
 */
export async function importResultsFile(
  database: Database,
  actor: Actor,
  subsetId: string,
  data: unknown,
  model: string,
): Promise<EvaluationRunRecord> {
  const subset = await getReachableSubset(database, actor, subsetId, "change");
  let file;
  try {
    file = readResultsFile(data);
  } catch (error) {
    throw new AppError("bad_request", (error as Error).message);
  }
  // Only the samples the file names are read: a file covers a few of a large subset's samples, or all.
  const byPair = new Map<string, SamplePaths[]>();
  for (const sample of await findSamplesByPicturePaths(database, subset.id, file.results)) {
    const key = pairKey(sample.imageAPath, sample.imageBPath);
    byPair.set(key, [...(byPair.get(key) ?? []), sample]);
  }
  const results: NewEvaluationResult[] = file.results.map((row, i) => {
    const sample = byPair.get(pairKey(row.imageA, row.imageB))?.shift();
    if (!sample)
      throw new AppError(
        "bad_request",
        `results.${i}: no sample of ${subset.name} has imageA ${JSON.stringify(row.imageA)} and imageB ${JSON.stringify(row.imageB)} (or it is named twice).`,
      );
    if (row.ground_truth.trim() !== sample.label) {
      throw new AppError(
        "bad_request",
        `results.${i}: ground_truth ${JSON.stringify(row.ground_truth)} is not the label of sample ${sample.index} (${sample.label}).`,
      );
    }
    const scored = scoreOutput(row.model_output, sample.label);
    return {
      sampleId: sample.id,
      output: row.model_output,
      parsed: JSON.parse(JSON.stringify(scored.parsed)) as object,
      strictCorrect: scored.strictCorrect,
      lenientCorrect: scored.lenientCorrect,
      formatValid: scored.formatValid,
      issueCodes: scored.issueCodes,
      officialCorrect: row.correct === 1,
      milliseconds: null,
    };
  });
  return createCompletedRun(
    database,
    {
      ownerId: subset.ownerId,
      subsetId: subset.id,
      provider: "imported",
      endpoint: "imported",
      model,
      mode: "reasoning",
      templateId: "official",
      history: 5,
      concurrency: 1,
      source: "imported",
    },
    results,
  );
}

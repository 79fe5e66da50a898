import "server-only";
import type { FlipJson, RunComparisonJson } from "@/lib/benchmarks/benchmark-contract";
import { pairedBootstrapDifference } from "@/lib/benchmarks/bootstrap";
import { mcnemarTest } from "@/lib/benchmarks/mcnemar";
import type { Actor } from "@/lib/auth/policy";
import { getBenchmarkSubset } from "@/lib/db/benchmark-subsets";
import { countPairedVerdicts, findFlips } from "@/lib/db/evaluation-results";
import type { Database } from "@/lib/db/open-database";
import { AppError } from "@/lib/errors";
import { wilsonInterval } from "@/lib/preferthinker/metrics";
import { getReachableRun } from "./get-reachable-benchmark";

/**
 * B's accuracy minus A's by a paired bootstrap (seed 42): run B is the
 * bootstrap's first run. It depends on the four counts alone and takes up to
 * a fifth of a second, so each set of counts is resampled once.
 */
const intervals = new Map<string, { low: number; high: number; level: number; method: string }>();
const intervalsKept = 500;

function intervalOfDifference(bothRight: number, bothWrong: number, rightToWrong: number, wrongToRight: number) {
  const key = `${bothRight} ${bothWrong} ${rightToWrong} ${wrongToRight}`;
  const known = intervals.get(key);
  if (known) return known;
  const { low, high, level, method } = pairedBootstrapDifference({
    bothCorrect: bothRight,
    neither: bothWrong,
    onlyA: wrongToRight,
    onlyB: rightToWrong,
  });
  intervals.set(key, { low, high, level, method });
  if (intervals.size > intervalsKept) intervals.delete(intervals.keys().next().value!);
  return { low, high, level, method };
}

/**
 * Two runs of one subset side by side, sample by sample: which samples
 * flipped (right in A and wrong in B, or the reverse), the strict accuracy
 * of each over the samples both have, the difference with its paired
 * bootstrap interval, and McNemar's test of it.
 */
export async function compareRuns(
  database: Database,
  actor: Actor,
  aId: string,
  bId: string,
): Promise<RunComparisonJson> {
  if (aId === bId) throw new AppError("bad_request", "Pick two different runs to compare.");
  const [a, b] = await Promise.all([
    getReachableRun(database, actor, aId, "read"),
    getReachableRun(database, actor, bId, "read"),
  ]);
  if (a.subsetId !== b.subsetId)
    throw new AppError(
      "bad_request",
      "The two runs evaluated different subsets; only runs of the same subset can be compared sample by sample.",
    );
  const subset = (await getBenchmarkSubset(database, a.subsetId, undefined))!;
  // Counted and listed by the database: two runs of 100,000 samples are never held here whole.
  const [counts, flips] = await Promise.all([
    countPairedVerdicts(database, a.id, b.id),
    findFlips(database, a.id, b.id),
  ]);
  const { bothRight, bothWrong } = counts;
  const rightToWrong: FlipJson[] = [];
  const wrongToRight: FlipJson[] = [];
  for (const { aRight, ...flip } of flips) (aRight ? rightToWrong : wrongToRight).push(flip);
  const paired = bothRight + bothWrong + rightToWrong.length + wrongToRight.length;
  const aAccuracy = wilsonInterval(bothRight + rightToWrong.length, paired);
  const bAccuracy = wilsonInterval(bothRight + wrongToRight.length, paired);
  return {
    a: { id: a.id, model: a.model, accuracy: aAccuracy },
    b: { id: b.id, model: b.model, accuracy: bAccuracy },
    subset: { id: subset.id, name: subset.name },
    paired,
    bothRight,
    bothWrong,
    rightToWrong,
    wrongToRight,
    difference: paired > 0 ? bAccuracy.value - aAccuracy.value : null,
    differenceInterval:
      paired > 0 ? intervalOfDifference(bothRight, bothWrong, rightToWrong.length, wrongToRight.length) : null,
    mcnemar: mcnemarTest(rightToWrong.length, wrongToRight.length),
  };
}

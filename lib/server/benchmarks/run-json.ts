import "server-only";
import type { EvaluationRunJson } from "@/lib/benchmarks/benchmark-contract";
import { getConfig } from "@/lib/config";
import type { BenchmarkSubsetRecord } from "@/lib/db/benchmark-subsets";
import {
  countRunningAppRuns,
  type EvaluationRunRecord,
  type ListedEvaluationRun,
  type RunResultTotals,
  sumOneRunResults,
} from "@/lib/db/evaluation-runs";
import type { Database } from "@/lib/db/open-database";
import { findRunWait } from "@/lib/inference/capacity-policy";
import { wilsonInterval } from "@/lib/preferthinker/metrics";

const waitsForCapacity = (run: EvaluationRunRecord) => run.status === "queued" && run.source === "app";

/**
 * A run as the API shows it: its settings, why it waits if it does, progress
 * (done/total, throughput, ETA) and results summary. A run from
 * findEvaluationRuns carries its totals, so a list costs no query per run;
 * any other run costs one query (two for a queued run of the app).
 */
export async function toRunJson(
  database: Database,
  run: EvaluationRunRecord | ListedEvaluationRun,
  subset: BenchmarkSubsetRecord,
): Promise<EvaluationRunJson> {
  if ("totals" in run) return describeRun(run, subset, run.totals, run.runningAppRuns);
  const [totals, runningAppRuns] = await Promise.all([
    sumOneRunResults(database, run),
    waitsForCapacity(run) ? countRunningAppRuns(database, run.ownerId) : 0,
  ]);
  return describeRun(run, subset, totals, runningAppRuns);
}

/** `runningAppRuns`: how many of the owner's runs of the app are running. */
function describeRun(
  run: EvaluationRunRecord,
  subset: BenchmarkSubsetRecord,
  totals: RunResultTotals,
  runningAppRuns: number,
): EvaluationRunJson {
  return {
    id: run.id,
    subset: { id: subset.id, name: subset.name, sampleCount: subset.sampleCount },
    provider: run.provider,
    endpoint: run.endpoint,
    model: run.model,
    mode: run.mode,
    templateId: run.templateId,
    history: run.history,
    concurrency: run.concurrency,
    servedModel: run.servedModel,
    freshOutputs: run.freshOutputs,
    swap: run.swap,
    structured: run.structured,
    status: run.status,
    source: run.source,
    error: (run.error as EvaluationRunJson["error"]) ?? null,
    createdAt: run.createdAt.toISOString(),
    startedAt: run.startedAt?.toISOString() ?? null,
    finishedAt: run.finishedAt?.toISOString() ?? null,
    // A queued run of the app waits while its owner has as many runs executing as RUNS_PER_USER allows.
    waitingFor: waitsForCapacity(run) ? findRunWait(run.status, runningAppRuns, getConfig().runsPerUser) : null,
    progress: measureProgress(run, subset.sampleCount, totals),
    summary: summarise(run, totals),
  };
}

/** Throughput counts the results stored since the run last started, so a resumed run is not credited with earlier work. */
function measureProgress(
  run: EvaluationRunRecord,
  total: number,
  totals: RunResultTotals,
): EvaluationRunJson["progress"] {
  const { done, failed } = totals;
  if (!run.startedAt || run.source !== "app") return { done, failed, total, samplesPerSecond: null, etaSeconds: null };
  const since = run.startedAt.getTime();
  const until = run.finishedAt?.getTime() ?? Date.now();
  const seconds = (until - since) / 1000;
  const samplesPerSecond = totals.sinceStart > 0 && seconds > 0 ? totals.sinceStart / seconds : null;
  const running = run.status === "running" || run.status === "queued";
  const etaSeconds = running && samplesPerSecond ? (total - done - failed) / samplesPerSecond : running ? null : 0;
  return { done, failed, total, samplesPerSecond, etaSeconds };
}

/**
 * The paper's metrics over the run's results: a run covers one subset, so
 * its column is every result (lib/preferthinker/metrics' computeMetrics,
 * from counts rather than rows).
 */
function summarise(run: EvaluationRunRecord, totals: RunResultTotals): EvaluationRunJson["summary"] {
  return {
    strict: wilsonInterval(totals.strictCorrect, totals.done),
    lenient: wilsonInterval(totals.lenientCorrect, totals.done),
    formatValid: wilsonInterval(totals.formatValid, totals.done),
    official: totals.officiallyJudged > 0 ? wilsonInterval(totals.officiallyCorrect, totals.officiallyJudged) : null,
    issueCounts: totals.issueCounts,
    millisecondsPerSample: totals.timed > 0 ? totals.totalMilliseconds / totals.timed : null,
    reused: { outputs: totals.outputs, cached: totals.cachedOutputs },
    swap: run.swap
      ? {
          positionBias: wilsonInterval(totals.swapJudged - totals.swapConsistent, totals.swapJudged),
          consistentAccuracy: wilsonInterval(totals.consistentCorrect, totals.swapConsistent),
          accuracyBothOrders: wilsonInterval(totals.correctBothOrders, totals.done),
        }
      : null,
  };
}

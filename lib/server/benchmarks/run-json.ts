import "server-only";
import type { EvaluationRunJson } from "@/lib/benchmarks/benchmark-contract";
import { getConfig } from "@/lib/config";
import type { BenchmarkSubsetRecord } from "@/lib/db/benchmark-subsets";
import { countRunningAppRuns, type EvaluationRunRecord, findResultVerdicts } from "@/lib/db/evaluation-runs";
import type { Database } from "@/lib/db/open-database";
import { benchmarkSubsets, type BenchmarkSubset } from "@/lib/preferthinker/benchmark-format";
import { findRunWait } from "@/lib/inference/capacity-policy";
import { computeMetrics, wilsonInterval } from "@/lib/preferthinker/metrics";
import type { IssueCode } from "@/lib/preferthinker/types";

type Verdicts = Awaited<ReturnType<typeof findResultVerdicts>>;

/** A run as the API shows it: its settings, why it waits if it does, progress (done/total, throughput, ETA) and results summary. */
export async function toRunJson(
  database: Database,
  run: EvaluationRunRecord,
  subset: BenchmarkSubsetRecord,
): Promise<EvaluationRunJson> {
  const [verdicts, waitingFor] = await Promise.all([
    findResultVerdicts(database, run.id),
    findWhyRunWaits(database, run),
  ]);
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
    status: run.status,
    source: run.source,
    error: (run.error as EvaluationRunJson["error"]) ?? null,
    createdAt: run.createdAt.toISOString(),
    startedAt: run.startedAt?.toISOString() ?? null,
    finishedAt: run.finishedAt?.toISOString() ?? null,
    waitingFor,
    progress: measureProgress(run, subset.sampleCount, verdicts),
    summary: summarise(subset.name, verdicts),
  };
}

/** A queued run of the app waits while its owner has as many runs executing as RUNS_PER_USER allows. */
async function findWhyRunWaits(database: Database, run: EvaluationRunRecord): Promise<EvaluationRunJson["waitingFor"]> {
  if (run.status !== "queued" || run.source !== "app") return null;
  return findRunWait(run.status, await countRunningAppRuns(database, run.ownerId), getConfig().runsPerUser);
}

/** Throughput counts the results stored since the run last started, so a resumed run is not credited with earlier work. */
function measureProgress(run: EvaluationRunRecord, total: number, verdicts: Verdicts): EvaluationRunJson["progress"] {
  const done = verdicts.length;
  if (!run.startedAt || run.source !== "app") return { done, total, samplesPerSecond: null, etaSeconds: null };
  const since = run.startedAt.getTime();
  const until = run.finishedAt?.getTime() ?? Date.now();
  const recent = verdicts.filter((verdict) => verdict.createdAt.getTime() >= since).length;
  const seconds = (until - since) / 1000;
  const samplesPerSecond = recent > 0 && seconds > 0 ? recent / seconds : null;
  const running = run.status === "running" || run.status === "queued";
  const etaSeconds = running && samplesPerSecond ? (total - done) / samplesPerSecond : running ? null : 0;
  return { done, total, samplesPerSecond, etaSeconds };
}

function summarise(name: string, verdicts: Verdicts): EvaluationRunJson["summary"] {
  // The metrics are computed per paper column; a run covers one subset, so its column is the one that counts.
  const subset = (benchmarkSubsets as readonly string[]).includes(name) ? (name as BenchmarkSubset) : "TEST_SP_ID";
  const table = computeMetrics(
    verdicts.map((verdict) => ({
      subset,
      strictCorrect: verdict.strictCorrect,
      lenientCorrect: verdict.lenientCorrect,
      formatValid: verdict.formatValid,
      issues: verdict.issueCodes as IssueCode[],
    })),
  );
  const column = table.columns.find((entry) => entry.subset === subset)!;
  const official = verdicts.filter((verdict) => verdict.officialCorrect !== null);
  const timed = verdicts.filter((verdict) => verdict.milliseconds !== null);
  return {
    strict: column.strict,
    lenient: column.lenient,
    formatValid: column.formatValid,
    official:
      official.length > 0
        ? wilsonInterval(official.filter((verdict) => verdict.officialCorrect).length, official.length)
        : null,
    issueCounts: column.issueCounts as Record<string, number>,
    millisecondsPerSample:
      timed.length > 0 ? timed.reduce((sum, verdict) => sum + verdict.milliseconds!, 0) / timed.length : null,
  };
}

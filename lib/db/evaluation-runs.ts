import "server-only";
import { type EvaluationRunStatus, Prisma } from "./generated/prisma/client";
import { createRunTasks } from "./evaluation-tasks";
import type { Database } from "./open-database";

export type { EvaluationRunStatus };

export type EvaluationRunRecord = {
  id: string;
  ownerId: string;
  subsetId: string;
  provider: string;
  endpoint: string;
  model: string;
  mode: string;
  templateId: string;
  history: number;
  concurrency: number;
  status: EvaluationRunStatus;
  source: string;
  /** The model as the endpoint's server reported it when the run last started; null before, or when it did not answer. */
  servedModel: string | null;
  /** Asks the model for every sample rather than reusing a kept output. */
  freshOutputs: boolean;
  /** Each sample in both orders, A/B and B/A. */
  swap: boolean;
  /** The output grammar sent with each request ("regex for vllm"), or null when the requests were the official ones. */
  structured: string | null;
  error: Prisma.JsonValue | null;
  createdAt: Date;
  startedAt: Date | null;
  finishedAt: Date | null;
};

export type NewEvaluationRun = Pick<
  EvaluationRunRecord,
  | "ownerId"
  | "subsetId"
  | "provider"
  | "endpoint"
  | "model"
  | "mode"
  | "templateId"
  | "history"
  | "concurrency"
  | "source"
> &
  Partial<Pick<EvaluationRunRecord, "freshOutputs" | "swap" | "structured">> & {
    status?: EvaluationRunStatus;
  };

export type NewEvaluationResult = {
  sampleId: string;
  output: string;
  parsed: Prisma.InputJsonValue;
  strictCorrect: boolean;
  lenientCorrect: boolean;
  formatValid: boolean;
  issueCodes: string[];
  officialCorrect: boolean | null;
  milliseconds: number | null;
};

export type EvaluationResultRecord = Omit<NewEvaluationResult, "parsed"> & {
  id: string;
  runId: string;
  parsed: Prisma.JsonValue | null;
  createdAt: Date;
};

/** A new run; a run of the app's gets a pending task for each sample of its subset in the same transaction. */
export async function createEvaluationRun(database: Database, run: NewEvaluationRun): Promise<EvaluationRunRecord> {
  return database.prisma.$transaction(async (transaction) => {
    const created = await transaction.evaluationRun.create({ data: run });
    if (run.source === "app") await createRunTasks(transaction, created.id);
    return created;
  });
}

/** A finished run and all its results, written together (an imported results file). */
const completedResultsPerStatement = 500;

export async function createCompletedRun(
  database: Database,
  run: NewEvaluationRun,
  results: NewEvaluationResult[],
): Promise<EvaluationRunRecord> {
  return database.prisma.$transaction(async (transaction) => {
    const now = new Date();
    const created = await transaction.evaluationRun.create({
      data: { ...run, status: "completed", startedAt: now, finishedAt: now },
    });
    // In slices: the client's query compiler takes many times a statement's rows in memory.
    for (let start = 0; start < results.length; start += completedResultsPerStatement)
      await transaction.evaluationResult.createMany({
        data: results
          .slice(start, start + completedResultsPerStatement)
          .map((result) => ({ ...result, runId: created.id })),
      });
    return created;
  });
}

/** A run by id; `ownerId` limits it to that person's (admins reading anyone's pass undefined). */
export async function getEvaluationRun(
  database: Database,
  id: string,
  ownerId: string | undefined,
): Promise<EvaluationRunRecord | null> {
  return database.prisma.evaluationRun.findFirst({ where: { id, ...(ownerId ? { ownerId } : {}) } });
}

/**
 * A listed run, with its results' totals and how many of its owner's runs of
 * the app are running (what a queued run waits on), so that showing a list
 * costs no query per run.
 */
export type ListedEvaluationRun = EvaluationRunRecord & { totals: RunResultTotals; runningAppRuns: number };

/** One person's runs, newest first, each with its totals: two statements, however many runs there are. */
export async function findEvaluationRuns(database: Database, ownerId: string): Promise<ListedEvaluationRun[]> {
  const runs = await database.prisma.evaluationRun.findMany({
    where: { ownerId },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
  });
  const totals = await sumRunTotals(database, runs);
  // The list holds every run of the owner's, so it counts their running runs as countRunningAppRuns would.
  const runningAppRuns = runs.filter((run) => run.source === "app" && run.status === "running").length;
  return runs.map((run) => ({ ...run, totals: totals.get(run.id) ?? noResults, runningAppRuns }));
}

/** Records the model the run's endpoint reported serving, under which its outputs are kept. */
export async function recordServedModel(database: Database, runId: string, servedModel: string): Promise<void> {
  await database.prisma.evaluationRun.update({ where: { id: runId }, data: { servedModel } });
}

/** Of the runs listed, those still running (one statement however many). */
export async function findRunningRunIds(database: Database, ids: string[]): Promise<Set<string>> {
  const rows = await database.prisma.evaluationRun.findMany({
    where: { id: { in: ids }, status: "running" },
    select: { id: true },
  });
  return new Set(rows.map((row) => row.id));
}

/** Researchers with a queued run of the app and fewer than `limit` running. */
export async function findOwnersWithWaitingRuns(database: Database, limit: number): Promise<string[]> {
  const rows = await database.prisma.$queryRaw<{ ownerId: string }[]>`
    SELECT owner_id::text AS "ownerId" FROM evaluation_run
    WHERE source = 'app' AND status IN ('queued', 'running')
    GROUP BY owner_id
    HAVING count(*) FILTER (WHERE status = 'queued') > 0 AND count(*) FILTER (WHERE status = 'running') < ${limit}`;
  return rows.map((row) => row.ownerId);
}

/** How many of a researcher's runs of the app are running. */
export async function countRunningAppRuns(database: Database, ownerId: string): Promise<number> {
  return database.prisma.evaluationRun.count({ where: { ownerId, source: "app", status: "running" } });
}

/**
 * Moves a run to a new status, only from one of `from` (so a cancel that
 * came first is not overwritten by the runner); false when it was not in one.
 */
export async function setRunStatus(
  database: Database,
  id: string,
  from: EvaluationRunStatus[],
  change: { status: EvaluationRunStatus; error?: Prisma.InputJsonValue; startedAt?: Date; finishedAt?: Date | null },
): Promise<boolean> {
  const { count } = await database.prisma.evaluationRun.updateMany({
    where: { id, status: { in: from } },
    data: change,
  });
  return count === 1;
}

/**
 * Puts a failed or cancelled run of the app's back in the queue, its error
 * cleared; false when it was in any other state (one statement, so two
 * resumes at once start it once).
 */
export async function requeueEvaluationRun(database: Database, id: string): Promise<boolean> {
  const { count } = await database.prisma.evaluationRun.updateMany({
    where: { id, source: "app", status: { in: ["failed", "cancelled"] } },
    data: { status: "queued", error: Prisma.DbNull, finishedAt: null },
  });
  return count === 1;
}

/**
 * Stores results of a run in one statement; a result the run already has for
 * a sample is kept (the unique index on run and sample), and is not counted.
 * Returns how many were newly stored.
 */
export async function saveEvaluationResults(
  database: Database,
  runId: string,
  results: NewEvaluationResult[],
): Promise<number> {
  if (results.length === 0) return 0;
  const { count } = await database.prisma.evaluationResult.createMany({
    data: results.map((result) => ({ ...result, runId })),
    skipDuplicates: true,
  });
  return count;
}

/** A run's results summed up: what its progress and summary are computed from. */
export type RunResultTotals = {
  done: number;
  /** Samples whose task failed every attempt. */
  failed: number;
  /** Results stored since the run last started (none while it never started). */
  sinceStart: number;
  strictCorrect: number;
  lenientCorrect: number;
  formatValid: number;
  /** Results that carry the official evaluation's verdict, and those it counts correct. */
  officiallyJudged: number;
  officiallyCorrect: number;
  /** Results with a time, and their times added up. */
  timed: number;
  totalMilliseconds: number;
  /** Per issue code, how many results have it (once each, however often the code repeats in one). */
  issueCounts: Record<string, number>;
  /** Outputs stored (two per result of a swap run), and those that were kept ones reused. */
  outputs: number;
  cachedOutputs: number;
  /** Swap runs: results answered in both orders, those naming the same picture both times, those correct in both orders, and those both consistent and correct. */
  swapJudged: number;
  swapConsistent: number;
  correctBothOrders: number;
  consistentCorrect: number;
};

const noResults: RunResultTotals = {
  done: 0,
  failed: 0,
  sinceStart: 0,
  strictCorrect: 0,
  lenientCorrect: 0,
  formatValid: 0,
  officiallyJudged: 0,
  officiallyCorrect: 0,
  timed: 0,
  totalMilliseconds: 0,
  issueCounts: {},
  outputs: 0,
  cachedOutputs: 0,
  swapJudged: 0,
  swapConsistent: 0,
  correctBothOrders: 0,
  consistentCorrect: 0,
};

/**
 * The totals of each run's results, summed in the database in one
 * statement, however many runs and results there are; a run without
 * results gets zeros.
 */
export async function sumRunResults(database: Database, runIds: string[]): Promise<Map<string, RunResultTotals>> {
  if (runIds.length === 0) return new Map();
  const rows = await database.prisma.$queryRaw<(RunResultTotals & { runId: string })[]>`
    WITH issues AS (
      SELECT run_id, jsonb_object_agg(code, results) AS counts
      FROM (
        SELECT r.run_id, c.code, count(DISTINCT r.id)::int AS results
        FROM evaluation_result r CROSS JOIN LATERAL unnest(r.issue_codes) AS c(code)
        WHERE r.run_id = ANY(${runIds}::uuid[])
        GROUP BY r.run_id, c.code
      ) per_code
      GROUP BY run_id
    )
    SELECT run.id::text AS "runId",
      count(r.id)::int AS done,
      (SELECT count(*) FROM evaluation_task t WHERE t.run_id = run.id AND t.status = 'failed')::int AS failed,
      (count(r.id) FILTER (WHERE r.created_at >= run.started_at))::int AS "sinceStart",
      (count(r.id) FILTER (WHERE r.strict_correct))::int AS "strictCorrect",
      (count(r.id) FILTER (WHERE r.lenient_correct))::int AS "lenientCorrect",
      (count(r.id) FILTER (WHERE r.format_valid))::int AS "formatValid",
      count(r.official_correct)::int AS "officiallyJudged",
      (count(r.id) FILTER (WHERE r.official_correct))::int AS "officiallyCorrect",
      count(r.milliseconds)::int AS timed,
      coalesce(sum(r.milliseconds), 0)::float8 AS "totalMilliseconds",
      coalesce(i.counts, '{}'::jsonb) AS "issueCounts",
      (count(r.id) + count(r.swap_output))::int AS outputs,
      (count(r.id) FILTER (WHERE r.cached) + count(r.id) FILTER (WHERE r.swap_cached))::int AS "cachedOutputs",
      count(r.swap_consistent)::int AS "swapJudged",
      (count(r.id) FILTER (WHERE r.swap_consistent))::int AS "swapConsistent",
      (count(r.id) FILTER (WHERE r.strict_correct AND r.swap_strict_correct))::int AS "correctBothOrders",
      (count(r.id) FILTER (WHERE r.swap_consistent AND r.strict_correct AND r.swap_strict_correct))::int AS "consistentCorrect"
    FROM evaluation_run run
    LEFT JOIN evaluation_result r ON r.run_id = run.id
    LEFT JOIN issues i ON i.run_id = run.id
    WHERE run.id = ANY(${runIds}::uuid[])
    GROUP BY run.id, i.counts`;
  return new Map(rows.map(({ runId, ...totals }) => [runId, totals]));
}

/**
 * The totals of runs that ended a while ago, by run id, with the end they
 * were summed at: they cannot change until the run is resumed (which gives
 * it a new end), so a list of many large runs sums only those still going.
 * A minute's wait lets the results of samples out at a cancel arrive first.
 */
const endedTotals = new Map<string, { end: string; totals: RunResultTotals }>();
const endedTotalsKept = 1000;
const settledAfterMs = 60_000;

const endOf = (run: Pick<EvaluationRunRecord, "status" | "finishedAt">) =>
  (run.status === "completed" || run.status === "failed" || run.status === "cancelled") &&
  run.finishedAt !== null &&
  Date.now() - run.finishedAt.getTime() > settledAfterMs
    ? `${run.status} ${run.finishedAt.getTime()}`
    : null;

/**
 * The totals of runs still going, with when they were summed and how long
 * that took: a run's page asks every second, and summing 100,000 results
 * takes a good part of a second on the embedded database, which shares the
 * run's thread. So totals are summed again only once they are ten times as
 * old as their summing took, when that was 50 ms or more: a small run's
 * stay live, a large run's are a few seconds old at most, and summing takes
 * no more than a tenth of the time.
 */
const slowSumMs = 50;
const liveTotals = new Map<string, { at: number; tookMs: number; totals: RunResultTotals }>();
const liveTotalsKept = 1000;

/**
 * The totals of these runs: summed in one statement, except those of runs
 * that ended a while ago and were summed since, and those of running runs
 * summed recently for their size.
 */
export async function sumRunTotals(
  database: Database,
  runs: Pick<EvaluationRunRecord, "id" | "status" | "finishedAt">[],
): Promise<Map<string, RunResultTotals>> {
  const totals = new Map<string, RunResultTotals>();
  const toSum: typeof runs = [];
  const now = Date.now();
  for (const run of runs) {
    const kept = endedTotals.get(run.id);
    const end = endOf(run);
    const live = run.status === "running" ? liveTotals.get(run.id) : undefined;
    if (kept && end !== null && kept.end === end) totals.set(run.id, kept.totals);
    else if (live && live.tookMs >= slowSumMs && now - live.at < 10 * live.tookMs) totals.set(run.id, live.totals);
    else toSum.push(run);
  }
  const started = performance.now();
  const summed = await sumRunResults(
    database,
    toSum.map((run) => run.id),
  );
  const tookMs = performance.now() - started;
  for (const run of toSum) {
    const runTotals = summed.get(run.id) ?? noResults;
    totals.set(run.id, runTotals);
    if (run.status === "running") {
      liveTotals.delete(run.id);
      liveTotals.set(run.id, { at: now, tookMs, totals: runTotals });
      if (liveTotals.size > liveTotalsKept) liveTotals.delete(liveTotals.keys().next().value!);
    } else liveTotals.delete(run.id);
    const end = endOf(run);
    if (end === null) continue;
    endedTotals.delete(run.id);
    endedTotals.set(run.id, { end, totals: runTotals });
    // The oldest kept go first: a Map iterates in insertion order.
    if (endedTotals.size > endedTotalsKept) endedTotals.delete(endedTotals.keys().next().value!);
  }
  return totals;
}

/** The totals of one run's results. */
export async function sumOneRunResults(
  database: Database,
  run: Pick<EvaluationRunRecord, "id" | "status" | "finishedAt">,
): Promise<RunResultTotals> {
  return (await sumRunTotals(database, [run])).get(run.id) ?? noResults;
}

/**
 * One keyset page of a run's results for export, in the official order: the
 * `limit` results after the sample at official position `afterOfficialOrder`
 * (from the start without one), each with its sample's paths and label and
 * DreamSim's vote on it in this run, if stored.
 */
export async function findResultsForExportPage(
  database: Database,
  runId: string,
  page: { afterOfficialOrder?: number; limit: number },
) {
  return database.prisma.evaluationResult.findMany({
    where: {
      runId,
      ...(page.afterOfficialOrder === undefined ? {} : { sample: { officialOrder: { gt: page.afterOfficialOrder } } }),
    },
    select: {
      sampleId: true,
      output: true,
      strictCorrect: true,
      lenientCorrect: true,
      formatValid: true,
      issueCodes: true,
      milliseconds: true,
      cached: true,
      swapOutput: true,
      swapStrictCorrect: true,
      swapConsistent: true,
      sample: {
        select: {
          index: true,
          officialOrder: true,
          imageAPath: true,
          imageBPath: true,
          label: true,
          similarityVotes: { where: { runId }, select: { vote: true } },
        },
      },
    },
    orderBy: { sample: { officialOrder: "asc" } },
    take: page.limit,
  });
}

export type ResultForExport = Awaited<ReturnType<typeof findResultsForExportPage>>[number];

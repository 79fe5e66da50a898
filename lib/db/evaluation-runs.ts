import "server-only";
import { type EvaluationRunStatus, Prisma } from "./generated/prisma/client";
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
> & {
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

export async function createEvaluationRun(database: Database, run: NewEvaluationRun): Promise<EvaluationRunRecord> {
  return database.prisma.evaluationRun.create({ data: run });
}

/** A finished run and all its results, written together (an imported results file). */
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
    await transaction.evaluationResult.createMany({
      data: results.map((result) => ({ ...result, runId: created.id })),
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

/** One person's runs, newest first. */
export async function findEvaluationRuns(database: Database, ownerId: string): Promise<EvaluationRunRecord[]> {
  return database.prisma.evaluationRun.findMany({
    where: { ownerId },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
  });
}

/** Runs in a state, oldest first (on start-up: those a stop left running). */
export async function findRunsByStatus(
  database: Database,
  statuses: EvaluationRunStatus[],
): Promise<EvaluationRunRecord[]> {
  return database.prisma.evaluationRun.findMany({ where: { status: { in: statuses } }, orderBy: { createdAt: "asc" } });
}

/** One researcher's runs of the app that are queued or running, oldest first: what the limit on runs per person decides over. */
export async function findActiveAppRuns(database: Database, ownerId: string): Promise<EvaluationRunRecord[]> {
  return database.prisma.evaluationRun.findMany({
    where: { ownerId, source: "app", status: { in: ["queued", "running"] } },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
  });
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

/** The ids of the samples the run has results for. */
export async function findResultSampleIds(database: Database, runId: string): Promise<Set<string>> {
  const rows = await database.prisma.evaluationResult.findMany({ where: { runId }, select: { sampleId: true } });
  return new Set(rows.map((row) => row.sampleId));
}

/** What a run's summary needs of each result, in the order they were stored. */
export async function findResultVerdicts(database: Database, runId: string) {
  return database.prisma.evaluationResult.findMany({
    where: { runId },
    select: {
      sampleId: true,
      strictCorrect: true,
      lenientCorrect: true,
      formatValid: true,
      issueCodes: true,
      officialCorrect: true,
      milliseconds: true,
      createdAt: true,
    },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
  });
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

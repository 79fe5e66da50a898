import "server-only";
import type { Prisma } from "./generated/prisma/client";
import type { AssessmentStatus } from "./generated/prisma/enums";
import type { Database } from "./open-database";

export type { AssessmentStatus };

export type NewAssessment = {
  id: string;
  ownerId: string;
  mode: string;
  preferredImageIds: string[];
  nonPreferredImageIds: string[];
  candidateImageIds: string[];
  provider: string;
  endpoint: string;
  model: string;
  templateId: string;
  settings: Prisma.InputJsonValue;
};

export async function createAssessment(database: Database, assessment: NewAssessment) {
  return database.prisma.assessment.create({ data: assessment });
}

export type AssessmentRecord = Awaited<ReturnType<typeof createAssessment>>;

export async function markAssessmentRunning(database: Database, id: string, queueWaitMs: number): Promise<void> {
  await database.prisma.assessment.update({ where: { id }, data: { status: "running", queueWaitMs } });
}

/** Saves the output so far, so a crash or a failure keeps what the model wrote. */
export async function saveAssessmentOutput(database: Database, id: string, output: string): Promise<void> {
  await database.prisma.assessment.update({ where: { id }, data: { output } });
}

export async function finishAssessment(
  database: Database,
  id: string,
  result: {
    status: AssessmentStatus;
    output: string;
    parsed: Prisma.InputJsonValue | null;
    issueCodes: string[];
    error: { code: string; message: string } | null;
    firstTokenMs: number | null;
    totalMs: number;
    promptTokens: number | null;
    completionTokens: number | null;
  },
): Promise<void> {
  await database.prisma.assessment.update({
    where: { id },
    data: {
      status: result.status,
      output: result.output,
      parsed: result.parsed ?? undefined,
      issueCodes: result.issueCodes,
      error: result.error ?? undefined,
      firstTokenMs: result.firstTokenMs,
      totalMs: result.totalMs,
      promptTokens: result.promptTokens,
      completionTokens: result.completionTokens,
      finishedAt: new Date(),
    },
  });
}

export async function getAssessment(database: Database, id: string): Promise<AssessmentRecord | null> {
  return database.prisma.assessment.findUnique({ where: { id } });
}

/** A person's assessments, newest first, a page at a time. */
export async function findAssessments(database: Database, ownerId: string, page: { limit: number; beforeId?: string }): Promise<AssessmentRecord[]> {
  const cursor = page.beforeId ? await database.prisma.assessment.findFirst({ where: { id: page.beforeId, ownerId }, select: { createdAt: true, id: true } }) : null;
  return database.prisma.assessment.findMany({
    where: { ownerId, ...(cursor ? { OR: [{ createdAt: { lt: cursor.createdAt } }, { createdAt: cursor.createdAt, id: { lt: cursor.id } }] } : {}) },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: page.limit,
  });
}

/** Runs interrupted by a stop of the server: they will not finish. */
export async function failInterruptedAssessments(database: Database): Promise<number> {
  const result = await database.prisma.assessment.updateMany({
    where: { status: { in: ["queued", "running"] } },
    data: { status: "failed", error: { code: "unavailable", message: "The server stopped while this assessment ran; what it had written is kept." }, finishedAt: new Date() },
  });
  return result.count;
}

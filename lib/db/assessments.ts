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
  /** The reference set the references came from. */
  referenceSetId?: string | null;
  /** The assessment this one repeats with A and B swapped. */
  swapOfId?: string | null;
};

/** Every read of an assessment carries its judgment (null until the person judges it). */
const withJudgment = { judgment: true } as const;

export async function createAssessment(database: Database, assessment: NewAssessment) {
  return database.prisma.assessment.create({ data: assessment, include: withJudgment });
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
  return database.prisma.assessment.findUnique({ where: { id }, include: withJudgment });
}

/** One of the person's own assessments (not anyone else's, whatever their role), or null. */
export async function getOwnedAssessment(
  database: Database,
  ownerId: string,
  id: string,
): Promise<AssessmentRecord | null> {
  return database.prisma.assessment.findFirst({ where: { id, ownerId }, include: withJudgment });
}

export type AssessmentFilters = {
  mode?: string;
  model?: string;
  /** agree / disagree: judged with A or B against a model answer of "Image A" or "Image B"; ties and unanswered runs are neither. */
  agreement?: "agree" | "disagree" | "unjudged";
  issues?: "with" | "without";
};

const answered = (choice: "A" | "B", answer: "A" | "B"): Prisma.AssessmentWhereInput => ({
  judgment: { is: { choice } },
  parsed: { path: ["answer"], equals: `Image ${answer}` },
});

const agreementFilter: Record<NonNullable<AssessmentFilters["agreement"]>, Prisma.AssessmentWhereInput> = {
  agree: { OR: [answered("A", "A"), answered("B", "B")] },
  disagree: { OR: [answered("A", "B"), answered("B", "A")] },
  unjudged: { judgment: { is: null } },
};

/** A listed assessment, with when its original ran if it is a swapped repeat (the list labels it by that). */
export type ListedAssessment = AssessmentRecord & { swapOf: { id: string; createdAt: Date } | null };

/** A person's assessments, newest first, a page at a time, optionally filtered. */
export async function findAssessments(
  database: Database,
  ownerId: string,
  page: { limit: number; beforeId?: string },
  filters: AssessmentFilters = {},
): Promise<ListedAssessment[]> {
  const cursor = page.beforeId
    ? await database.prisma.assessment.findFirst({
        where: { id: page.beforeId, ownerId },
        select: { createdAt: true, id: true },
      })
    : null;
  const conditions: Prisma.AssessmentWhereInput[] = [{ ownerId }];
  if (cursor)
    conditions.push({
      OR: [{ createdAt: { lt: cursor.createdAt } }, { createdAt: cursor.createdAt, id: { lt: cursor.id } }],
    });
  if (filters.mode) conditions.push({ mode: filters.mode });
  if (filters.model) conditions.push({ model: filters.model });
  if (filters.agreement) conditions.push(agreementFilter[filters.agreement]);
  if (filters.issues) conditions.push({ issueCodes: { isEmpty: filters.issues === "without" } });
  return database.prisma.assessment.findMany({
    where: { AND: conditions },
    include: { ...withJudgment, swapOf: { select: { id: true, createdAt: true } } },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: page.limit,
  });
}

/** One swapped repeat of an assessment, as far as its verdict needs it. */
export type SwappedRepeat = {
  id: string;
  status: AssessmentStatus;
  candidateImageIds: string[];
  parsed: Prisma.JsonValue | null;
  createdAt: Date;
};

/**
 * The runs that repeated this assessment with A and B swapped, newest first.
 * Only its owner can start one (start-assessment checks), and the owner filter
 * keeps it so.
 */
export async function findSwappedRepeats(
  database: Database,
  assessment: { id: string; ownerId: string },
): Promise<SwappedRepeat[]> {
  return database.prisma.assessment.findMany({
    where: { swapOfId: assessment.id, ownerId: assessment.ownerId },
    select: { id: true, status: true, candidateImageIds: true, parsed: true, createdAt: true },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
  });
}

/** Runs interrupted by a stop of the server: they will not finish. */
export async function failInterruptedAssessments(database: Database): Promise<number> {
  const result = await database.prisma.assessment.updateMany({
    where: { status: { in: ["queued", "running"] } },
    data: {
      status: "failed",
      error: {
        code: "unavailable",
        message: "The server stopped while this assessment ran; what it had written is kept.",
      },
      finishedAt: new Date(),
    },
  });
  return result.count;
}

/** The person's latest completed assessment from a reference set that predicted a profile (reasoning or single mode), or null. */
export async function getLatestProfiledAssessment(
  database: Database,
  ownerId: string,
  referenceSetId: string,
): Promise<AssessmentRecord | null> {
  return database.prisma.assessment.findFirst({
    where: { ownerId, referenceSetId, status: "completed", mode: { in: ["reasoning", "single"] } },
    orderBy: { createdAt: "desc" },
    include: withJudgment,
  });
}

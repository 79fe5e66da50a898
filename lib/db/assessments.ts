import "server-only";
import { Prisma } from "./generated/prisma/client";
import type { AssessmentStatus } from "./generated/prisma/enums";
import type { JudgmentRecord } from "./judgments";
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

/** Statuses of a row whose run has not ended: the only ones a run's own writes may change. */
const unfinished = ["queued", "running"] as const satisfies AssessmentStatus[];

/** Its turn came: running now, unless something (a cancel, the interrupted sweep) ended it meanwhile. */
export async function markAssessmentRunning(database: Database, id: string, queueWaitMs: number): Promise<void> {
  await database.prisma.assessment.updateMany({
    where: { id, status: "queued" },
    data: { status: "running", queueWaitMs },
  });
}

/**
 * Saves the output so far, so a crash or a failure keeps what the model
 * wrote, and renews the run's lease on the database's clock.
 */
export async function saveAssessmentOutput(
  database: Database,
  id: string,
  output: string,
  leaseSeconds: number,
): Promise<void> {
  await database.prisma.$executeRaw`
    UPDATE assessment SET output = ${output}, lease_until = now() + make_interval(secs => ${leaseSeconds}::float8)
    WHERE id = ${id}::uuid AND status IN ('queued', 'running')`;
}

/** The run's end, written once: a row that something else ended meanwhile keeps that ending (and false is answered). */
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
): Promise<boolean> {
  const { count } = await database.prisma.assessment.updateMany({
    where: { id, status: { in: [...unfinished] } },
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
      leaseUntil: null,
    },
  });
  return count > 0;
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

/** The stored reading's answer, read in SQL: a list never loads the outputs and their readings. */
const answerOf = Prisma.sql`a.parsed ->> 'answer'`;

const agreementCondition: Record<NonNullable<AssessmentFilters["agreement"]>, Prisma.Sql> = {
  agree: Prisma.sql`j.choice IN ('A', 'B') AND ${answerOf} = ('Image ' || j.choice)`,
  disagree: Prisma.sql`((j.choice = 'A' AND ${answerOf} = 'Image B') OR (j.choice = 'B' AND ${answerOf} = 'Image A'))`,
  unjudged: Prisma.sql`j.id IS NULL`,
};

/**
 * An assessment as a list shows it: every field but the output and its
 * reading, of which only the answer is read; the judgment, and when its
 * original ran if it is a swapped repeat (the list labels it by that).
 */
export type ListedAssessment = Omit<AssessmentRecord, "ownerId" | "output" | "parsed" | "judgment"> & {
  answer: string | null;
  judgment: Pick<JudgmentRecord, "assessmentId" | "choice" | "disagreements" | "createdAt" | "updatedAt"> | null;
  swapOf: { id: string; createdAt: Date } | null;
};

type ListedRow = Omit<ListedAssessment, "judgment" | "swapOf"> & {
  swapOfCreatedAt: Date | null;
  judgmentChoice: string | null;
  judgmentDisagreements: string[] | null;
  judgmentCreatedAt: Date | null;
  judgmentUpdatedAt: Date | null;
};

/**
 * A person's assessments, newest first, a page at a time (after the
 * assessment `beforeId`, when it is theirs), optionally filtered: one
 * statement, with the judgment and the swapped original joined.
 */
export async function findAssessments(
  database: Database,
  ownerId: string,
  page: { limit: number; beforeId?: string },
  filters: AssessmentFilters = {},
): Promise<ListedAssessment[]> {
  const conditions = [Prisma.sql`a.owner_id = ${ownerId}::uuid`];
  if (page.beforeId)
    conditions.push(Prisma.sql`NOT EXISTS (
      SELECT 1 FROM assessment c WHERE c.id = ${page.beforeId}::uuid AND c.owner_id = ${ownerId}::uuid
        AND (a.created_at, a.id) >= (c.created_at, c.id))`);
  if (filters.mode) conditions.push(Prisma.sql`a.mode = ${filters.mode}`);
  if (filters.model) conditions.push(Prisma.sql`a.model = ${filters.model}`);
  if (filters.agreement) conditions.push(agreementCondition[filters.agreement]);
  if (filters.issues)
    conditions.push(
      Prisma.sql`cardinality(COALESCE(a.issue_codes, '{}')) ${filters.issues === "with" ? Prisma.sql`>` : Prisma.sql`=`} 0`,
    );
  const rows = await database.prisma.$queryRaw<ListedRow[]>`
    SELECT a.id::text AS id, a.status::text AS status, a.mode,
      a.preferred_image_ids AS "preferredImageIds", a.non_preferred_image_ids AS "nonPreferredImageIds",
      a.candidate_image_ids AS "candidateImageIds", a.provider, a.endpoint, a.model, a.template_id AS "templateId",
      a.settings, ${answerOf} AS answer, COALESCE(a.issue_codes, '{}') AS "issueCodes", a.error,
      a.queue_wait_ms AS "queueWaitMs", a.first_token_ms AS "firstTokenMs", a.total_ms AS "totalMs",
      a.prompt_tokens AS "promptTokens", a.completion_tokens AS "completionTokens",
      a.created_at AS "createdAt", a.finished_at AS "finishedAt",
      a.reference_set_id::text AS "referenceSetId", a.swap_of_id::text AS "swapOfId", o.created_at AS "swapOfCreatedAt",
      j.choice AS "judgmentChoice", j.disagreements AS "judgmentDisagreements",
      j.created_at AS "judgmentCreatedAt", j.updated_at AS "judgmentUpdatedAt"
    FROM assessment a
    LEFT JOIN judgment j ON j.assessment_id = a.id
    LEFT JOIN assessment o ON o.id = a.swap_of_id
    WHERE ${Prisma.join(conditions, " AND ")}
    ORDER BY a.created_at DESC, a.id DESC
    LIMIT ${page.limit}::int`;
  return rows.map(
    ({ swapOfCreatedAt, judgmentChoice, judgmentDisagreements, judgmentCreatedAt, judgmentUpdatedAt, ...row }) => ({
      ...row,
      judgment:
        judgmentChoice === null
          ? null
          : {
              assessmentId: row.id,
              choice: judgmentChoice,
              disagreements: judgmentDisagreements ?? [],
              createdAt: judgmentCreatedAt!,
              updatedAt: judgmentUpdatedAt!,
            },
      swapOf: row.swapOfId && swapOfCreatedAt ? { id: row.swapOfId, createdAt: swapOfCreatedAt } : null,
    }),
  );
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

const interruptedError = {
  code: "unavailable",
  message: "The server stopped while this assessment ran; what it had written is kept.",
};

/** Runs interrupted by a stop of the server, when one process owns the database (embedded): none of them will finish. */
export async function failInterruptedAssessments(database: Database): Promise<number> {
  const result = await database.prisma.assessment.updateMany({
    where: { status: { in: [...unfinished] } },
    data: { status: "failed", error: interruptedError, finishedAt: new Date(), leaseUntil: null },
  });
  return result.count;
}

/**
 * Runs whose instance went away, when several may share the database: rows
 * still queued or running past their lease. A row without a lease was
 * written by an older version of the app, which may still be running it
 * during a rolling deploy: it is failed only an hour after it started.
 */
export async function failExpiredAssessments(database: Database): Promise<string[]> {
  const rows = await database.prisma.$queryRaw<{ id: string }[]>`
    UPDATE assessment
    SET status = 'failed', error = ${JSON.stringify(interruptedError)}::jsonb, finished_at = now(), lease_until = NULL
    WHERE status IN ('queued', 'running')
      AND (lease_until < now() OR (lease_until IS NULL AND created_at < now() - interval '1 hour'))
    RETURNING id::text AS id`;
  return rows.map((row) => row.id);
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

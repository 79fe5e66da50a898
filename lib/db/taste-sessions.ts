import "server-only";
import type { Prisma } from "./generated/prisma/client";
import type { Database } from "./open-database";

type Transaction = Prisma.TransactionClient;

/**
 * "Find my taste" quizzes and their answers. Every query takes the acting
 * person and filters by them: a quiz is personal data, so not even an admin
 * reaches another person's.
 */

export type TastePoolKind = "demo" | "library" | "subset";

export type TasteSessionRecord = {
  id: string;
  ownerId: string;
  poolKind: TastePoolKind;
  subsetId: string | null;
  imageIds: string[];
  seed: number;
  status: "active" | "finished";
  createdAt: Date;
  finishedAt: Date | null;
  referenceSetId: string | null;
};

export type TasteAnswerRecord = {
  id: string;
  sessionId: string;
  ownerId: string;
  /** quiz: learnt from; check: predicted before the answer, never learnt from (lib/db/taste-checks.ts). */
  phase: "quiz" | "check";
  position: number;
  leftImageId: string;
  rightImageId: string;
  /** Null only for a check pair still waiting for its answer. */
  choice: number | null;
  probability: number;
  rule: string;
  predictedChoice: number | null;
  predictedProbability: number | null;
  proposedAt: Date | null;
  answeredAt: Date | null;
  idempotencyKey: string | null;
  undoneAt: Date | null;
};

export type NewTasteAnswer = Pick<
  TasteAnswerRecord,
  "position" | "leftImageId" | "rightImageId" | "probability" | "rule"
> & {
  choice: number;
  idempotencyKey: string;
};

export async function createTasteSession(
  database: Database,
  ownerId: string,
  session: { poolKind: TastePoolKind; subsetId: string | null; imageIds: string[]; seed: number },
): Promise<TasteSessionRecord> {
  return database.prisma.tasteSession.create({ data: { ownerId, ...session } });
}

/** The person's quiz with this id, or null (another person's does not exist for them). */
export async function getTasteSession(
  database: Database,
  ownerId: string,
  id: string,
): Promise<TasteSessionRecord | null> {
  return database.prisma.tasteSession.findFirst({ where: { id, ownerId } });
}

/** The person's most recently started quiz that is still active. */
export async function getCurrentTasteSession(database: Database, ownerId: string): Promise<TasteSessionRecord | null> {
  return database.prisma.tasteSession.findFirst({
    where: { ownerId, status: "active" },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
  });
}

/** The session's quiz answers still in force, in click order (the check's are not among them). */
export async function findLiveTasteAnswers(
  database: Database,
  ownerId: string,
  sessionId: string,
): Promise<TasteAnswerRecord[]> {
  return database.prisma.tasteAnswer.findMany({
    where: { sessionId, ownerId, phase: "quiz", undoneAt: null },
    orderBy: { position: "asc" },
  });
}

/** Under the session's lock: whether its check has begun, which fixes the quiz's answers (the check measures that model). */
async function hasBegunCheck(transaction: Transaction, sessionId: string): Promise<boolean> {
  return (await transaction.tasteAnswer.count({ where: { sessionId, phase: "check", undoneAt: null } })) > 0;
}

export type SaveTasteAnswerOutcome =
  { kind: "created" | "repeated"; answer: TasteAnswerRecord } | { kind: "stale" | "finished" | "missing" | "checking" };

/**
 * Stores one click, under a lock on the session row so two clicks at once
 * are taken one after the other: a key the session already holds returns
 * its answer and stores nothing ("repeated"); otherwise the answer is
 * stored only when `isExpected` accepts it against the live answers (the
 * caller checks the pair is the one its quiz proposes at that position),
 * and never once the check has begun ("checking").
 */
export async function saveTasteAnswer(
  database: Database,
  ownerId: string,
  sessionId: string,
  answer: NewTasteAnswer,
  isExpected: (live: TasteAnswerRecord[]) => boolean,
): Promise<SaveTasteAnswerOutcome> {
  return database.prisma.$transaction(async (transaction) => {
    const locked = await transaction.$queryRaw<{ status: string }[]>`
      SELECT status::text AS status FROM taste_session WHERE id = ${sessionId}::uuid AND owner_id = ${ownerId}::uuid FOR UPDATE`;
    const session = locked[0];
    if (!session) return { kind: "missing" };
    const repeated = await transaction.tasteAnswer.findFirst({
      where: { sessionId, idempotencyKey: answer.idempotencyKey },
    });
    if (repeated) return { kind: "repeated", answer: repeated };
    if (session.status !== "active") return { kind: "finished" };
    if (await hasBegunCheck(transaction, sessionId)) return { kind: "checking" };
    const live = await transaction.tasteAnswer.findMany({
      where: { sessionId, phase: "quiz", undoneAt: null },
      orderBy: { position: "asc" },
    });
    if (!isExpected(live)) return { kind: "stale" };
    return {
      kind: "created",
      answer: await transaction.tasteAnswer.create({ data: { ...answer, sessionId, ownerId } }),
    };
  });
}

/**
 * Marks the session's last live quiz answer undone: "none" when it has none
 * (or the session is not the person's, or is finished), "checking" once the
 * check has begun.
 */
export async function undoLastTasteAnswer(
  database: Database,
  ownerId: string,
  sessionId: string,
): Promise<"undone" | "none" | "checking"> {
  return database.prisma.$transaction(async (transaction) => {
    // The same lock as an answer's, so an undo and a click never interleave.
    const locked = await transaction.$queryRaw<{ id: string }[]>`
      SELECT id FROM taste_session WHERE id = ${sessionId}::uuid AND owner_id = ${ownerId}::uuid AND status = 'active' FOR UPDATE`;
    if (locked.length === 0) return "none";
    if (await hasBegunCheck(transaction, sessionId)) return "checking";
    const last = await transaction.tasteAnswer.findFirst({
      where: { sessionId, phase: "quiz", undoneAt: null },
      orderBy: { position: "desc" },
      select: { id: true },
    });
    if (!last) return "none";
    await transaction.tasteAnswer.update({ where: { id: last.id }, data: { undoneAt: new Date() } });
    return "undone";
  });
}

/** Marks the person's quiz finished, with the reference set saved from it; a finished one keeps its first end time. Null if it is not theirs. */
export async function finishTasteSession(
  database: Database,
  ownerId: string,
  id: string,
  referenceSetId: string | null,
): Promise<TasteSessionRecord | null> {
  await database.prisma.tasteSession.updateMany({
    where: { id, ownerId, status: "active" },
    data: { status: "finished", finishedAt: new Date() },
  });
  if (referenceSetId)
    await database.prisma.tasteSession.updateMany({ where: { id, ownerId }, data: { referenceSetId } });
  return getTasteSession(database, ownerId, id);
}

/** Ids of the person's library pictures, in a stable order (the pool is then sampled from them by the quiz's seed). */
export async function findLibraryImageIds(database: Database, ownerId: string): Promise<string[]> {
  const rows = await database.prisma.image.findMany({
    where: { ownerId, librarySource: { not: null } },
    select: { id: true },
    orderBy: { id: "asc" },
  });
  return rows.map((row) => row.id);
}

import "server-only";
import type { Prisma } from "./generated/prisma/client";
import type { Database } from "./open-database";
import type { TasteAnswerRecord } from "./taste-sessions";

/**
 * "Check my taste": its pairs are taste_answer rows of phase "check". A pair
 * is stored when it is proposed, with the model's prediction and no answer
 * (choice null); the answer is later written into that row, so every
 * prediction is on record before its answer exists. Every write takes the
 * lock on the session row that the quiz's answers take, and proposes the
 * next pair in the same transaction.
 */

type Transaction = Prisma.TransactionClient;

export type NewTasteCheckPair = Pick<
  TasteAnswerRecord,
  "position" | "leftImageId" | "rightImageId" | "probability" | "rule"
> & { predictedChoice: 1 | 2; predictedProbability: number };

/** The pair to store after `live` (the check's live rows, in order), or null when the check has no more. */
export type ProposeCheckPair = (live: readonly TasteAnswerRecord[]) => NewTasteCheckPair | null;

/** Locks the person's session row: null when it is not theirs. */
async function lockSession(transaction: Transaction, ownerId: string, sessionId: string) {
  const rows = await transaction.$queryRaw<{ status: string }[]>`
    SELECT status::text AS status FROM taste_session WHERE id = ${sessionId}::uuid AND owner_id = ${ownerId}::uuid FOR UPDATE`;
  return rows[0] ?? null;
}

const findLive = (client: Transaction | Database["prisma"], sessionId: string, ownerId: string) =>
  client.tasteAnswer.findMany({
    where: { sessionId, ownerId, phase: "check", undoneAt: null },
    orderBy: { position: "asc" },
  });

async function storeProposal(
  transaction: Transaction,
  ownerId: string,
  sessionId: string,
  proposal: NewTasteCheckPair | null,
): Promise<void> {
  if (!proposal) return;
  await transaction.tasteAnswer.create({
    data: { ...proposal, sessionId, ownerId, phase: "check", proposedAt: new Date(), answeredAt: null },
  });
}

/** The check's live pairs, answered and waiting, in order. */
export async function findLiveTasteCheckPairs(
  database: Database,
  ownerId: string,
  sessionId: string,
): Promise<TasteAnswerRecord[]> {
  return findLive(database.prisma, sessionId, ownerId);
}

export type BeginTasteCheckOutcome = { kind: "started" | "begun" | "missing" | "finished" | "stale" | "exhausted" };

/**
 * Stores the check's first pair ("started"); "begun" when it has pairs
 * already. The caller's model was fitted to `quizAnswerIds`: when the live
 * quiz answers are others by now, nothing is stored ("stale"). From here on
 * the quiz's answers are fixed (see saveTasteAnswer).
 */
export async function beginTasteCheck(
  database: Database,
  ownerId: string,
  sessionId: string,
  quizAnswerIds: readonly string[],
  propose: ProposeCheckPair,
): Promise<BeginTasteCheckOutcome> {
  return database.prisma.$transaction(async (transaction) => {
    const session = await lockSession(transaction, ownerId, sessionId);
    if (!session) return { kind: "missing" };
    if (session.status !== "active") return { kind: "finished" };
    if ((await findLive(transaction, sessionId, ownerId)).length > 0) return { kind: "begun" };
    const quiz = await transaction.tasteAnswer.findMany({
      where: { sessionId, phase: "quiz", undoneAt: null },
      orderBy: { position: "asc" },
      select: { id: true },
    });
    if (quiz.map((row) => row.id).join() !== quizAnswerIds.join()) return { kind: "stale" };
    const proposal = propose([]);
    if (!proposal) return { kind: "exhausted" };
    await storeProposal(transaction, ownerId, sessionId, proposal);
    return { kind: "started" };
  });
}

export type TasteCheckAnswer = Pick<TasteAnswerRecord, "position" | "leftImageId" | "rightImageId"> & {
  choice: number;
  idempotencyKey: string;
};

export type AnswerTasteCheckOutcome = { kind: "created" | "repeated" | "missing" | "finished" | "stale" };

/**
 * Writes the answer into the waiting check pair, which must be the one
 * named (else "stale"), and stores the next pair with its prediction. A key
 * the session holds already stores nothing ("repeated").
 */
export async function answerTasteCheck(
  database: Database,
  ownerId: string,
  sessionId: string,
  answer: TasteCheckAnswer,
  propose: ProposeCheckPair,
): Promise<AnswerTasteCheckOutcome> {
  return database.prisma.$transaction(async (transaction) => {
    const session = await lockSession(transaction, ownerId, sessionId);
    if (!session) return { kind: "missing" };
    const repeated = await transaction.tasteAnswer.findFirst({
      where: { sessionId, idempotencyKey: answer.idempotencyKey },
      select: { id: true },
    });
    if (repeated) return { kind: "repeated" };
    if (session.status !== "active") return { kind: "finished" };
    const live = await findLive(transaction, sessionId, ownerId);
    const waiting = live.at(-1);
    if (
      !waiting ||
      waiting.choice !== null ||
      waiting.position !== answer.position ||
      waiting.leftImageId !== answer.leftImageId ||
      waiting.rightImageId !== answer.rightImageId
    )
      return { kind: "stale" };
    const answered = await transaction.tasteAnswer.update({
      where: { id: waiting.id },
      data: { choice: answer.choice, idempotencyKey: answer.idempotencyKey, answeredAt: new Date() },
    });
    await storeProposal(transaction, ownerId, sessionId, propose([...live.slice(0, -1), answered]));
    return { kind: "created" };
  });
}

/**
 * Takes back the check's last answer: it and the pair proposed after it are
 * marked undone (they stay stored), and the pair is proposed again, as the
 * check's state before that answer had it. "none" when nothing is answered.
 */
export async function undoTasteCheckAnswer(
  database: Database,
  ownerId: string,
  sessionId: string,
  propose: ProposeCheckPair,
): Promise<"undone" | "none" | "missing" | "finished"> {
  return database.prisma.$transaction(async (transaction) => {
    const session = await lockSession(transaction, ownerId, sessionId);
    if (!session) return "missing";
    if (session.status !== "active") return "finished";
    const live = await findLive(transaction, sessionId, ownerId);
    const last = live.findLast((row) => row.choice !== null);
    if (!last) return "none";
    await transaction.tasteAnswer.updateMany({
      where: { sessionId, phase: "check", undoneAt: null, position: { gte: last.position } },
      data: { undoneAt: new Date() },
    });
    await storeProposal(transaction, ownerId, sessionId, propose(live.filter((row) => row.position < last.position)));
    return "undone";
  });
}

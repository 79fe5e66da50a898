import "server-only";
import type { Database } from "@/lib/db/open-database";
import { saveTasteAnswer } from "@/lib/db/taste-sessions";
import { AppError } from "@/lib/errors";
import type { TasteAnswerBody, TasteProgress } from "@/lib/taste/taste-contract";
import { getOwnTasteSession, loadTasteQuiz } from "./load-taste-quiz";
import { proposeTastePair, toTasteProgressJson } from "./taste-json";

const stale = () => new AppError("conflict", "This pair is no longer the next one; reload.");

/** Once the check has begun, the quiz it measures stays as it was: its answers can be neither added to nor undone. */
export const checkHasBegun = () =>
  new AppError("conflict", "The check of this quiz has begun, so its answers are fixed; finish the check or save.");

/**
 * Stores a click on the pair the server proposes at `position`. The pair's
 * probability and rule are the server's own, never the client's. A key
 * the session holds already stores nothing and answers with the current
 * state (`isRepeat`), so a retried click counts once. Once the check has
 * begun, the quiz takes no more answers (409).
 */
export async function answerTastePair(
  database: Database,
  ownerId: string,
  id: string,
  body: TasteAnswerBody,
): Promise<TasteProgress & { isRepeat: boolean }> {
  const session = await getOwnTasteSession(database, ownerId, id);
  const quiz = await loadTasteQuiz(database, session);
  const pair = proposeTastePair(session, quiz);
  const isProposed =
    pair !== null &&
    body.position === quiz.steps.length &&
    body.leftImageId === session.imageIds[pair.left] &&
    body.rightImageId === session.imageIds[pair.right];
  const outcome = await saveTasteAnswer(
    database,
    ownerId,
    session.id,
    {
      position: body.position,
      leftImageId: body.leftImageId,
      rightImageId: body.rightImageId,
      choice: body.choice,
      probability: pair?.probability ?? 0,
      rule: pair?.rule ?? "",
      idempotencyKey: body.key,
    },
    // Checked again under the session's lock: the quiz read above must still be the live one.
    (live) => isProposed && live.length === quiz.steps.length,
  );
  if (outcome.kind === "missing") throw new AppError("not_found", "No such taste quiz.");
  if (outcome.kind === "finished") throw new AppError("conflict", "This taste quiz is finished; start a new one.");
  if (outcome.kind === "checking") throw checkHasBegun();
  if (outcome.kind === "stale") throw stale();
  const after = await loadTasteQuiz(database, session);
  return { ...toTasteProgressJson(session, after), isRepeat: outcome.kind === "repeated" };
}

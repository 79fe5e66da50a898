import "server-only";
import type { Database } from "@/lib/db/open-database";
import { saveTasteAnswer, type TasteSessionRecord } from "@/lib/db/taste-sessions";
import { AppError } from "@/lib/errors";
import { offlinePairProbability, offlineRule, wasShown } from "@/lib/taste/offline-pairs";
import type { ShownPair } from "@/lib/taste/pair-selection";
import type { TasteAnswerBody, TasteProgress } from "@/lib/taste/taste-contract";
import type { TasteQuiz } from "@/lib/taste/taste-quiz";
import { getOwnTasteSession, loadTasteQuiz } from "./load-taste-quiz";
import { proposeTastePair, toTasteProgressJson } from "./taste-json";

const stale = () => new AppError("conflict", "This pair is no longer the next one; reload.");

/** Once the check has begun, the quiz it measures stays as it was: its answers can be neither added to nor undone. */
export const checkHasBegun = () =>
  new AppError("conflict", "The check of this quiz has begun, so its answers are fixed; finish the check or save.");

/**
 * A pair the browser drew while offline, as the quiz would store it: null
 * (a stale answer) when the quiz asks nothing more or the pair was shown
 * already; its probability is the uniform draw's, computed here.
 */
function acceptOfflinePair(
  session: TasteSessionRecord,
  quiz: TasteQuiz,
  body: TasteAnswerBody,
  isAsking: boolean,
): ShownPair | null {
  const left = session.imageIds.indexOf(body.leftImageId);
  const right = session.imageIds.indexOf(body.rightImageId);
  if (left < 0 || right < 0 || left === right)
    throw new AppError("bad_request", "leftImageId and rightImageId must be two different pictures of this quiz.");
  const shown = quiz.steps.map((step): [string, string] => [
    session.imageIds[step.left]!,
    session.imageIds[step.right]!,
  ]);
  if (!isAsking || wasShown(shown, body.leftImageId, body.rightImageId)) return null;
  const probability = offlinePairProbability(session.imageIds.length, quiz.steps.length);
  return { left, right, probability, rule: offlineRule };
}

/**
 * Stores a click on the pair the server proposes at `position`. The pair's
 * probability and rule are the server's own, never the client's. A key
 * the session holds already stores nothing and answers with the current
 * state (`isRepeat`), so a retried click counts once. Once the check has
 * begun, the quiz takes no more answers (409). A pair the browser drew
 * offline (`drawnOffline`) is taken in place of the proposed one if it is
 * a pair of the pool not shown yet.
 */
export async function answerTastePair(
  database: Database,
  ownerId: string,
  id: string,
  body: TasteAnswerBody,
): Promise<TasteProgress & { isRepeat: boolean }> {
  const session = await getOwnTasteSession(database, ownerId, id);
  const quiz = await loadTasteQuiz(database, session);
  const proposed = proposeTastePair(session, quiz);
  const pair = body.drawnOffline ? acceptOfflinePair(session, quiz, body, proposed !== null) : proposed;
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

import "server-only";
import type { Database } from "@/lib/db/open-database";
import { answerTasteCheck as storeCheckAnswer, findLiveTasteCheckPairs } from "@/lib/db/taste-checks";
import { AppError } from "@/lib/errors";
import type { TasteAnswerBody, TasteCheck } from "@/lib/taste/taste-contract";
import { getOwnTasteSession, loadTasteQuiz } from "./load-taste-quiz";
import { createCheckProposer, toTasteCheckJson } from "./taste-check-json";

export const finishedQuiz = () => new AppError("conflict", "This taste quiz is finished; start a new one.");

/**
 * Stores the answer to the check pair waiting at `position` (its prediction
 * was stored when it was proposed and stays as it was), and proposes the
 * next. A key the session holds already stores nothing and answers with the
 * check as it is (`isRepeat`). The answer never reaches the quiz's model.
 */
export async function answerTasteCheck(
  database: Database,
  ownerId: string,
  id: string,
  body: TasteAnswerBody,
): Promise<{ check: TasteCheck; isRepeat: boolean }> {
  // A check pair's prediction is stored before it is shown, so a pair drawn without the server cannot be checked.
  if (body.drawnOffline)
    throw new AppError("bad_request", "drawnOffline is for quiz answers; the check needs the server.");
  const session = await getOwnTasteSession(database, ownerId, id);
  const proposer = createCheckProposer(session, await loadTasteQuiz(database, session));
  const outcome = await storeCheckAnswer(
    database,
    ownerId,
    session.id,
    {
      position: body.position,
      leftImageId: body.leftImageId,
      rightImageId: body.rightImageId,
      choice: body.choice,
      idempotencyKey: body.key,
    },
    proposer,
  );
  if (outcome.kind === "missing") throw new AppError("not_found", "No such taste quiz.");
  if (outcome.kind === "finished") throw finishedQuiz();
  if (outcome.kind === "stale") throw new AppError("conflict", "This pair is no longer the next one; reload.");
  const check = toTasteCheckJson(await findLiveTasteCheckPairs(database, ownerId, session.id));
  return { check, isRepeat: outcome.kind === "repeated" };
}

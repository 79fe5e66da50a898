import "server-only";
import type { Database } from "@/lib/db/open-database";
import { findLiveTasteCheckPairs, undoTasteCheckAnswer as markCheckAnswerUndone } from "@/lib/db/taste-checks";
import { AppError } from "@/lib/errors";
import type { TasteCheck } from "@/lib/taste/taste-contract";
import { finishedQuiz } from "./answer-taste-check";
import { getOwnTasteSession, loadTasteQuiz } from "./load-taste-quiz";
import { createCheckProposer, toTasteCheckJson } from "./taste-check-json";

/** Takes back the check's last answer (it stays stored, marked undone): the same pair waits again, with the same prediction. 409 when there is none. */
export async function undoTasteCheck(database: Database, ownerId: string, id: string): Promise<TasteCheck> {
  const session = await getOwnTasteSession(database, ownerId, id);
  const proposer = createCheckProposer(session, await loadTasteQuiz(database, session));
  const outcome = await markCheckAnswerUndone(database, ownerId, session.id, proposer);
  if (outcome === "missing") throw new AppError("not_found", "No such taste quiz.");
  if (outcome === "finished") throw finishedQuiz();
  if (outcome === "none") throw new AppError("conflict", "There is no check answer to undo.");
  return toTasteCheckJson(await findLiveTasteCheckPairs(database, ownerId, session.id));
}

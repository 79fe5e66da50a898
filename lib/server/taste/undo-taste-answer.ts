import "server-only";
import type { Database } from "@/lib/db/open-database";
import { undoLastTasteAnswer } from "@/lib/db/taste-sessions";
import { AppError } from "@/lib/errors";
import type { TasteProgress } from "@/lib/taste/taste-contract";
import { checkHasBegun } from "./answer-taste-pair";
import { getOwnTasteSession, loadTasteQuiz } from "./load-taste-quiz";
import { toTasteProgressJson } from "./taste-json";

/** Takes back the last live answer (it stays stored, marked undone): the quiz is then exactly as before it. 409 when there is none, or once the check has begun. */
export async function undoTasteAnswer(database: Database, ownerId: string, id: string): Promise<TasteProgress> {
  const session = await getOwnTasteSession(database, ownerId, id);
  if (session.status !== "active") throw new AppError("conflict", "This taste quiz is finished; start a new one.");
  const outcome = await undoLastTasteAnswer(database, ownerId, session.id);
  if (outcome === "checking") throw checkHasBegun();
  if (outcome === "none") throw new AppError("conflict", "There is no answer to undo.");
  return toTasteProgressJson(session, await loadTasteQuiz(database, session));
}

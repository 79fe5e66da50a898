import "server-only";
import type { Database } from "@/lib/db/open-database";
import { getCurrentTasteSession } from "@/lib/db/taste-sessions";
import { AppError } from "@/lib/errors";
import type { TasteSessionState } from "@/lib/taste/taste-contract";
import { getOwnTasteSession, loadTasteQuiz } from "./load-taste-quiz";
import { toTasteStateJson } from "./taste-json";

/** One of the person's quizzes as a reload finds it: the session, the pair to show and the status. */
export async function getTasteState(database: Database, ownerId: string, id: string): Promise<TasteSessionState> {
  const session = await getOwnTasteSession(database, ownerId, id);
  return toTasteStateJson(session, await loadTasteQuiz(database, session));
}

/** The person's latest active quiz, to resume; a 404 when there is none. */
export async function getCurrentTasteState(database: Database, ownerId: string): Promise<TasteSessionState> {
  const session = await getCurrentTasteSession(database, ownerId);
  if (!session) throw new AppError("not_found", "You have no taste quiz in progress.");
  return toTasteStateJson(session, await loadTasteQuiz(database, session));
}

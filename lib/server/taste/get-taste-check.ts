import "server-only";
import type { Database } from "@/lib/db/open-database";
import { findLiveTasteCheckPairs } from "@/lib/db/taste-checks";
import type { TasteCheck } from "@/lib/taste/taste-contract";
import { getOwnTasteSession } from "./load-taste-quiz";
import { toTasteCheckJson } from "./taste-check-json";

/** "Check my taste" of one of the person's quizzes as a reload finds it (not begun: no pairs, `isStarted` false). */
export async function getTasteCheck(database: Database, ownerId: string, id: string): Promise<TasteCheck> {
  const session = await getOwnTasteSession(database, ownerId, id);
  return toTasteCheckJson(await findLiveTasteCheckPairs(database, ownerId, session.id));
}

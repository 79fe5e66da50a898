import "server-only";
import { randomInt } from "node:crypto";
import type { Database } from "@/lib/db/open-database";
import { createTasteSession } from "@/lib/db/taste-sessions";
import type { StartTasteSessionBody, TasteSessionState } from "@/lib/taste/taste-contract";
import { chooseTastePool } from "./choose-taste-pool";
import { loadTasteQuiz } from "./load-taste-quiz";
import { toTasteStateJson } from "./taste-json";

/**
 * Starts a quiz over the chosen pool: the pictures are fixed now, with a
 * fresh seed, and measured before the first pair is proposed. Earlier
 * quizzes stay as they are; the newest active one is the person's current.
 */
export async function startTasteSession(
  database: Database,
  ownerId: string,
  body: StartTasteSessionBody,
): Promise<TasteSessionState> {
  // Below 2^31: the column is a 32-bit integer.
  const seed = randomInt(0, 2 ** 31 - 1);
  const imageIds = await chooseTastePool(database, ownerId, body.pool, seed);
  const session = await createTasteSession(database, ownerId, {
    poolKind: body.pool.kind,
    subsetId: body.pool.kind === "subset" ? body.pool.subsetId : null,
    imageIds,
    seed,
  });
  return toTasteStateJson(session, await loadTasteQuiz(database, session, []));
}

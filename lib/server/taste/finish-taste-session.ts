import "server-only";
import type { Database } from "@/lib/db/open-database";
import { getReferenceSet } from "@/lib/db/reference-sets";
import { finishTasteSession as markTasteSessionFinished } from "@/lib/db/taste-sessions";
import { AppError } from "@/lib/errors";
import type { FinishTasteSessionBody, TasteSession } from "@/lib/taste/taste-contract";
import { getOwnTasteSession } from "./load-taste-quiz";
import { toTasteSessionJson } from "./taste-json";

/**
 * Ends a quiz, noting the reference set the page saved from its result (the
 * person's own: another's is a 404). Finishing again only adds the set.
 */
export async function finishTasteSession(
  database: Database,
  ownerId: string,
  id: string,
  body: FinishTasteSessionBody,
): Promise<TasteSession> {
  const session = await getOwnTasteSession(database, ownerId, id);
  if (body.referenceSetId && !(await getReferenceSet(database, body.referenceSetId, ownerId)))
    throw new AppError("not_found", "No such reference set.");
  const finished = await markTasteSessionFinished(database, ownerId, session.id, body.referenceSetId ?? null);
  if (!finished) throw new AppError("not_found", "No such taste quiz.");
  return toTasteSessionJson(finished);
}

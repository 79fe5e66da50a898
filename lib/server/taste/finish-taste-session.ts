import "server-only";
import type { Actor } from "@/lib/auth/policy";
import type { Database } from "@/lib/db/open-database";
import { getReferenceSet, type ReferenceSetRecord } from "@/lib/db/reference-sets";
import { finishTasteSession as markTasteSessionFinished, type TasteSessionRecord } from "@/lib/db/taste-sessions";
import { AppError } from "@/lib/errors";
import { createReferenceSet } from "@/lib/server/reference-sets/create-reference-set";
import type {
  FinishTasteSessionBody,
  TasteReferenceSetBody,
  TasteSavedSet,
  TasteSession,
} from "@/lib/taste/taste-contract";
import { getOwnTasteSession, loadTasteQuiz } from "./load-taste-quiz";
import { toTasteSessionJson } from "./taste-json";

/**
 * Every picture of a set saved from the quiz must be one the person judged
 * in it (chosen or passed over in a quiz pair): the result offers no other,
 * and a set must not put in their mouth a picture they never judged. A 400
 * names the first that is not.
 */
async function requireJudgedPictures(database: Database, session: TasteSessionRecord, set: TasteReferenceSetBody) {
  const quiz = await loadTasteQuiz(database, session);
  const judged = new Set(
    quiz.model.comparisons.flatMap(({ winner, loser }) => [session.imageIds[winner], session.imageIds[loser]]),
  );
  for (const field of ["preferredImageIds", "nonPreferredImageIds"] as const) {
    const index = set[field].findIndex((imageId) => !judged.has(imageId));
    if (index >= 0)
      throw new AppError("bad_request", `referenceSet.${field}.${index}: must be a picture you judged in this quiz`);
  }
}

/**
 * Ends a quiz, recording the reference set saved from its result: one the
 * page saved (`referenceSetId`, the person's own: another's is a 404), or
 * one saved here from the pictures given (`referenceSet`, every one judged
 * in this quiz). Finishing again only adds the set.
 */
export async function finishTasteSession(
  database: Database,
  actor: Actor,
  id: string,
  body: FinishTasteSessionBody,
): Promise<{ session: TasteSession; referenceSet: TasteSavedSet | null }> {
  const session = await getOwnTasteSession(database, actor.userId, id);
  let set: ReferenceSetRecord | null = null;
  if (body.referenceSetId) {
    set = await getReferenceSet(database, body.referenceSetId, actor.userId);
    if (!set) throw new AppError("not_found", "No such reference set.");
  } else if (body.referenceSet) {
    await requireJudgedPictures(database, session, body.referenceSet);
    set = await createReferenceSet(database, actor, body.referenceSet);
  }
  const finished = await markTasteSessionFinished(database, actor.userId, session.id, set?.id ?? null);
  if (!finished) throw new AppError("not_found", "No such taste quiz.");
  const referenceSet = set && {
    id: set.id,
    name: set.name,
    preferredImageIds: set.preferredImageIds,
    nonPreferredImageIds: set.nonPreferredImageIds,
  };
  return { session: toTasteSessionJson(finished), referenceSet };
}

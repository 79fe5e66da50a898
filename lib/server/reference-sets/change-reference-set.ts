import "server-only";
import { emptySetMessage, type ReferenceSetChange } from "@/lib/assessments/reference-set-contract";
import type { Actor } from "@/lib/auth/policy";
import type { Database } from "@/lib/db/open-database";
import { getReferenceSet, type ReferenceSetRecord, updateReferenceSet } from "@/lib/db/reference-sets";
import { isUniqueViolation } from "@/lib/db/unique-violation";
import { AppError } from "@/lib/errors";
import { requireLibraryImages } from "@/lib/server/images/require-library-images";
import { nameTaken } from "./create-reference-set";

/**
 * The owner renames a reference set, changes its images or their stated
 * profile. Nobody else may, admins included: to them it does not exist.
 * The images are checked against the columns as they will be, so an image
 * moved from one side to the other must leave the first in the same change.
 */
export async function changeReferenceSet(
  database: Database,
  actor: Actor,
  id: string,
  change: ReferenceSetChange,
): Promise<ReferenceSetRecord> {
  const existing = await getReferenceSet(database, id, actor.userId);
  if (!existing) throw new AppError("not_found", "No such reference set.");
  const preferred = change.preferredImageIds ?? existing.preferredImageIds;
  const nonPreferred = change.nonPreferredImageIds ?? existing.nonPreferredImageIds;
  const onBothSides = preferred.filter((imageId) => nonPreferred.includes(imageId));
  if (onBothSides.length > 0)
    throw new AppError(
      "bad_request",
      `An image cannot be both preferred and non-preferred: ${onBothSides.join(", ")}.`,
    );
  // Only a change of images can empty a set (sets saved empty before this rule can still be renamed).
  const changesImages = change.preferredImageIds !== undefined || change.nonPreferredImageIds !== undefined;
  if (changesImages && preferred.length + nonPreferred.length === 0) throw new AppError("bad_request", emptySetMessage);
  await requireLibraryImages(database, actor.userId, [
    ...(change.preferredImageIds ?? []),
    ...(change.nonPreferredImageIds ?? []),
  ]);
  let updated: ReferenceSetRecord | null;
  try {
    updated = await updateReferenceSet(database, actor.userId, id, change);
  } catch (error) {
    if (change.name !== undefined && isUniqueViolation(error)) throw nameTaken(change.name);
    throw error;
  }
  if (!updated) throw new AppError("not_found", "No such reference set.");
  return updated;
}

import "server-only";
import type { NewReferenceSetBody } from "@/lib/assessments/reference-set-contract";
import type { Actor } from "@/lib/auth/policy";
import type { Database } from "@/lib/db/open-database";
import { createReferenceSet as insertReferenceSet, type ReferenceSetRecord } from "@/lib/db/reference-sets";
import { isUniqueViolation } from "@/lib/db/unique-violation";
import { AppError } from "@/lib/errors";
import { requireLibraryImages } from "@/lib/server/images/require-library-images";

/** Saves a reference set of the caller's library images (404 naming any that are not); a name they use already is a 409. */
export async function createReferenceSet(
  database: Database,
  actor: Actor,
  body: NewReferenceSetBody,
): Promise<ReferenceSetRecord> {
  await requireLibraryImages(database, actor.userId, [...body.preferredImageIds, ...body.nonPreferredImageIds]);
  try {
    return await insertReferenceSet(database, actor.userId, {
      name: body.name,
      preferredImageIds: body.preferredImageIds,
      nonPreferredImageIds: body.nonPreferredImageIds,
      statedProfile: body.statedProfile ?? null,
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw nameTaken(body.name);
    throw error;
  }
}

/** The unique index on (owner, name) decides, so two saves at once cannot both take a name. */
export const nameTaken = (name: string) =>
  new AppError(
    "conflict",
    `You already have a reference set named "${name}". Choose another name, or update that set.`,
  );

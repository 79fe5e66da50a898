import "server-only";
import type { NewReferenceSetBody } from "@/lib/assessments/reference-set-schemas";
import type { Actor } from "@/lib/auth/policy";
import type { Database } from "@/lib/db/open-database";
import { createReferenceSet as insertReferenceSet, type ReferenceSetRecord } from "@/lib/db/reference-sets";
import { requireOwnedImages } from "@/lib/server/images/require-owned-images";

/** Saves a reference set of the caller's own images (404 naming any that are not theirs). */
export async function createReferenceSet(database: Database, actor: Actor, body: NewReferenceSetBody): Promise<ReferenceSetRecord> {
  await requireOwnedImages(database, actor.userId, [...body.preferredImageIds, ...body.nonPreferredImageIds]);
  return insertReferenceSet(database, actor.userId, {
    name: body.name,
    preferredImageIds: body.preferredImageIds,
    nonPreferredImageIds: body.nonPreferredImageIds,
    statedProfile: body.statedProfile ?? null,
  });
}

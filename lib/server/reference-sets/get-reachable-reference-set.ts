import "server-only";
import { type Actor, canReachOwnedBy } from "@/lib/auth/policy";
import type { Database } from "@/lib/db/open-database";
import { getReferenceSet, type ReferenceSetRecord } from "@/lib/db/reference-sets";
import { AppError } from "@/lib/errors";

/** The reference set if the actor may read it (its owner, or an admin); to anyone else it does not exist. */
export async function getReachableReferenceSet(
  database: Database,
  actor: Actor,
  id: string,
): Promise<ReferenceSetRecord> {
  const set = await getReferenceSet(database, id, undefined);
  if (!set || !canReachOwnedBy(actor, set.ownerId)) throw new AppError("not_found", "No such reference set.");
  return set;
}

import "server-only";
import type { Database } from "./open-database";

/**
 * Model outputs kept for reuse (model_response), a person's own: written
 * with the results that produced them (lib/db/evaluation-tasks.ts
 * completeTasks), read here by the key of the request.
 */

/** The output `ownerId` keeps under `key`, or null. */
export async function findKeptOutput(database: Database, ownerId: string, key: string): Promise<string | null> {
  const row = await database.prisma.modelResponse.findUnique({
    where: { ownerId_key: { ownerId, key } },
    select: { output: true },
  });
  return row?.output ?? null;
}

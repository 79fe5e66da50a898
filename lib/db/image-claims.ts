import "server-only";
import type { Database } from "./open-database";

/**
 * Uploads and the image sweep agree through the database on which stored
 * bytes are in use, whichever instance each runs on. An upload claims its
 * bytes before it stores their files and lets go once its image row is
 * written; the sweep removes a picture's files only while holding the same
 * bytes' advisory lock, and only when no row refers to them and no live claim
 * stands. A claim taken while the sweep removes those files waits for the
 * removal to finish, so the upload then stores them afresh: no interleaving
 * leaves an image row whose files are gone.
 */

/** The two-number advisory lock namespace of stored bytes ("PTIM"); the second number is the hash's hashtext. */
const bytesLockNamespace = 0x50_54_49_4d;

/** A claim older than this belongs to an upload that died: it no longer protects its bytes. */
export const claimLifetimeMs = 60 * 60 * 1000;

/**
 * Claims the given hashes for uploads about to store them; resolves with the
 * claims' ids once no sweep is removing any of them. Locks are taken in hash
 * order, so two batches with hashes in common cannot deadlock.
 */
export async function claimUploads(database: Database, hashes: readonly string[]): Promise<string[]> {
  const unique = [...new Set(hashes)].sort();
  if (unique.length === 0) return [];
  return database.prisma.$transaction(async (tx) => {
    await tx.$queryRaw`SELECT pg_advisory_xact_lock(${bytesLockNamespace}::int4, hashtext(h))::text
      FROM unnest(${unique}::text[]) AS h ORDER BY h`;
    // Stamped by the database's clock, as the sweep that judges their age reads it.
    const rows = await tx.$queryRaw<{ id: string }[]>`INSERT INTO image_upload_claim (id, sha256)
      SELECT gen_random_uuid(), h FROM unnest(${unique}::text[]) AS h RETURNING id::text`;
    return rows.map((row) => row.id);
  });
}

/** Lets go of claims: the bytes are now referenced by their image rows, or the upload gave up and leaves them to the sweep. */
export async function releaseUploadClaims(database: Database, ids: readonly string[]): Promise<void> {
  if (ids.length === 0) return;
  await database.prisma.imageUploadClaim.deleteMany({ where: { id: { in: [...ids] } } });
}

/**
 * Calls `remove` for these bytes' files, under their advisory lock, unless an
 * image row refers to them or a live upload claim stands; true when removed.
 * The lock is held until `remove` has finished, which is what makes a claim
 * taken meanwhile wait.
 */
export async function removeUnlessInUse(
  database: Database,
  sha256: string,
  remove: () => Promise<void>,
): Promise<boolean> {
  return database.prisma.$transaction(
    async (tx) => {
      await tx.$queryRaw`SELECT pg_advisory_xact_lock(${bytesLockNamespace}::int4, hashtext(${sha256}))::text`;
      const [{ uses }] = await tx.$queryRaw<[{ uses: number }]>`SELECT
        (SELECT count(*) FROM image WHERE sha256 = ${sha256})::int
        + (SELECT count(*) FROM image_upload_claim WHERE sha256 = ${sha256}
           AND claimed_at > now() - make_interval(secs => ${claimLifetimeMs / 1000}::float8))::int AS uses`;
      if (uses > 0) return false;
      await remove();
      return true;
    },
    // The removal is a call to the store (an S3 request at worst), inside the transaction on purpose.
    { timeout: 60_000, maxWait: 30_000 },
  );
}

/** Deletes claims past their lifetime (left by uploads that died); returns how many. */
export async function deleteDeadUploadClaims(database: Database): Promise<number> {
  return database.prisma.$executeRaw`DELETE FROM image_upload_claim
    WHERE claimed_at <= now() - make_interval(secs => ${claimLifetimeMs / 1000}::float8)`;
}

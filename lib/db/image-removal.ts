import "server-only";
import type { Database } from "./open-database";

export type LibraryRemoval = {
  /** Ids whose rows are gone: nothing used them. */
  deleted: string[];
  /** Ids taken out of the library but kept, because stored assessments, benchmark samples, annotation items or taste quizzes use them. */
  keptForStoredWork: string[];
};

/**
 * Takes images out of a person's library, in one transaction. Pictures that
 * stored work points at (by id, in arrays that no foreign key guards) leave
 * the library but keep their row, so that work still shows them; the rest
 * are deleted. Either way they leave the person's reference sets. Ids that
 * are not in the person's library are ignored. The bytes of deleted rows are
 * left to the store's sweep, which removes files no row refers to.
 */
export async function removeFromLibrary(database: Database, ownerId: string, ids: string[]): Promise<LibraryRemoval> {
  if (ids.length === 0) return { deleted: [], keptForStoredWork: [] };
  return database.prisma.$transaction(async (tx) => {
    // Locked first, so a second removal of the same pictures waits and then finds nothing left to do.
    const targets = (
      await tx.$queryRaw<{ id: string }[]>`
        SELECT id::text FROM image
        WHERE owner_id = ${ownerId}::uuid AND id::text = ANY(${ids}::text[]) AND library_source IS NOT NULL
        ORDER BY id FOR UPDATE`
    ).map((row) => row.id);
    if (targets.length === 0) return { deleted: [], keptForStoredWork: [] };
    const used = new Set(
      (
        await tx.$queryRaw<{ id: string }[]>`
          SELECT DISTINCT picture AS id FROM (
            SELECT unnest(preferred_image_ids || non_preferred_image_ids || candidate_image_ids) AS picture
            FROM assessment
            WHERE owner_id = ${ownerId}::uuid AND (preferred_image_ids || non_preferred_image_ids || candidate_image_ids) && ${targets}::text[]
            UNION ALL
            SELECT unnest(ARRAY[s.image_a_id::text, s.image_b_id::text] || s.preferred_image_ids || s.non_preferred_image_ids)
            FROM benchmark_sample s JOIN benchmark_subset b ON b.id = s.subset_id
            WHERE b.owner_id = ${ownerId}::uuid AND (ARRAY[s.image_a_id::text, s.image_b_id::text] || s.preferred_image_ids || s.non_preferred_image_ids) && ${targets}::text[]
            UNION ALL
            SELECT unnest(preferred_image_ids || non_preferred_image_ids || candidate_image_ids)
            FROM annotation_item
            WHERE (preferred_image_ids || non_preferred_image_ids || candidate_image_ids) && ${targets}::text[]
            UNION ALL
            SELECT unnest(image_ids::text[])
            FROM taste_session
            WHERE owner_id = ${ownerId}::uuid AND image_ids::text[] && ${targets}::text[]
          ) AS uses
          WHERE picture = ANY(${targets}::text[])`
      ).map((row) => row.id),
    );
    const keptForStoredWork = targets.filter((id) => used.has(id));
    const deleted = targets.filter((id) => !used.has(id));
    if (keptForStoredWork.length > 0) {
      await tx.$executeRaw`UPDATE image SET library_source = NULL, added_to_library_at = NULL WHERE id::text = ANY(${keptForStoredWork}::text[])`;
    }
    if (deleted.length > 0) await tx.$executeRaw`DELETE FROM image WHERE id::text = ANY(${deleted}::text[])`;
    await tx.$executeRaw`
      UPDATE reference_set SET
        preferred_image_ids = ARRAY(SELECT p FROM unnest(preferred_image_ids) WITH ORDINALITY AS u(p, n) WHERE p <> ALL(${targets}::text[]) ORDER BY n),
        non_preferred_image_ids = ARRAY(SELECT p FROM unnest(non_preferred_image_ids) WITH ORDINALITY AS u(p, n) WHERE p <> ALL(${targets}::text[]) ORDER BY n),
        updated_at = now()
      WHERE owner_id = ${ownerId}::uuid AND (preferred_image_ids || non_preferred_image_ids) && ${targets}::text[]`;
    return { deleted, keptForStoredWork };
  });
}

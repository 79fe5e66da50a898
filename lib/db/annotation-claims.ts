import "server-only";
import type { Prisma } from "./generated/prisma/client";
import type { Database } from "./open-database";
import { isUniqueViolation } from "./unique-violation";

/**
 * Handing out annotation work. Every change of who holds a slot is one
 * statement whose conditions are on the slot row itself, so PostgreSQL
 * re-checks them on the row's latest version under the row lock: two people
 * pressing "next" at once never get the same slot, and a person never holds
 * two slots of one item (the unique index on item and annotator).
 */

export type Claim = { slotId: string; itemId: string; claimedAt: Date; leaseExpiresAt: Date };

type ClaimRow = { id: string; item_id: string; claimed_at: Date; lease_expires_at: Date };
const toClaim = (row: ClaimRow): Claim => ({
  slotId: row.id,
  itemId: row.item_id,
  claimedAt: row.claimed_at,
  leaseExpiresAt: row.lease_expires_at,
});

/**
 * One statement: renew the slot the annotator still holds in this queue
 * (even if its lease ran out while nobody took it), else take the first
 * free slot of an item they never held. Both parts see the same snapshot;
 * the second runs only when the first changed nothing. The pick is a
 * materialized CTE, so it runs once: as a subquery joined to the update,
 * statistics could lead the planner to run it again for every open slot in
 * the table, and the claim then found nothing in a queue full of free slots.
 */
async function claimSlot(
  database: Database,
  queueId: string,
  annotatorId: string,
  leaseMs: number,
): Promise<Claim | null> {
  const rows = await database.prisma.$queryRaw<ClaimRow[]>`
    WITH held AS (
      UPDATE annotation_slot SET lease_expires_at = now() + ${leaseMs}::int * interval '1 millisecond'
      WHERE id = (
        SELECT id FROM annotation_slot
        WHERE queue_id = ${queueId}::uuid AND annotator_id = ${annotatorId}::uuid AND is_open
        ORDER BY position, slot_number LIMIT 1
      ) AND annotator_id = ${annotatorId}::uuid AND is_open
      RETURNING id, item_id, claimed_at, lease_expires_at
    ), picked AS MATERIALIZED (
      SELECT f.id FROM annotation_slot f
      WHERE NOT EXISTS (SELECT 1 FROM held)
        AND f.queue_id = ${queueId}::uuid AND f.is_open = true
        AND (f.annotator_id IS NULL OR f.lease_expires_at < now())
        AND NOT EXISTS (SELECT 1 FROM annotation_slot o WHERE o.item_id = f.item_id AND o.annotator_id = ${annotatorId}::uuid)
      ORDER BY f.position, f.slot_number
      LIMIT 1
      FOR UPDATE SKIP LOCKED
    ), taken AS (
      UPDATE annotation_slot AS s
      SET annotator_id = ${annotatorId}::uuid, claimed_at = now(), lease_expires_at = now() + ${leaseMs}::int * interval '1 millisecond'
      FROM picked
      WHERE s.id = picked.id AND s.is_open AND (s.annotator_id IS NULL OR s.lease_expires_at < now())
      RETURNING s.id, s.item_id, s.claimed_at, s.lease_expires_at
    )
    SELECT id::text, item_id::text, claimed_at, lease_expires_at FROM held
    UNION ALL
    SELECT id::text, item_id::text, claimed_at, lease_expires_at FROM taken`;
  return rows[0] ? toClaim(rows[0]) : null;
}

/**
 * The annotator's next item in a queue: the one they hold already, else a
 * new one, leased for `leaseMs`; null when nothing is left for them.
 */
export async function claimNextItem(
  database: Database,
  queueId: string,
  annotatorId: string,
  leaseMs: number,
): Promise<Claim | null> {
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      return await claimSlot(database, queueId, annotatorId, leaseMs);
    } catch (error) {
      // The same person claiming twice at once: the index refused the second slot of one item; the retry resumes the first.
      if (!isUniqueViolation(error)) throw error;
    }
  }
  return null;
}

export type NewAnnotation = { verdict: string; body: Prisma.InputJsonValue };

/**
 * Stores an annotation for the slot the annotator holds on this item, and
 * marks the slot done, together. Null when they no longer hold it (their
 * lease ran out and someone else took it, or they submitted already).
 */
export async function submitAnnotation(
  database: Database,
  itemId: string,
  annotatorId: string,
  annotation: NewAnnotation,
) {
  // One statement: the slot is marked done and the annotation written together, or neither.
  const rows = await database.prisma.$queryRaw<{ id: string; created_at: Date }[]>`
    WITH slot AS (
      UPDATE annotation_slot SET submitted_at = now(), is_open = false, lease_expires_at = NULL
      WHERE item_id = ${itemId}::uuid AND annotator_id = ${annotatorId}::uuid AND is_open
      RETURNING id, claimed_at
    )
    INSERT INTO annotation (id, slot_id, item_id, annotator_id, verdict, body, seconds, created_at)
    SELECT gen_random_uuid(), slot.id, ${itemId}::uuid, ${annotatorId}::uuid, ${annotation.verdict}, ${JSON.stringify(annotation.body)}::jsonb,
      GREATEST(0, round(extract(epoch FROM now() - coalesce(slot.claimed_at, now()))))::int, now()
    FROM slot
    RETURNING id::text, created_at`;
  const row = rows[0];
  return row ? { id: row.id, createdAt: row.created_at } : null;
}

/**
 * Takes back the annotator's own annotation if it is younger than
 * `windowMs`: the annotation is deleted and the item is theirs again under a
 * new lease. False when it is not theirs, gone, or too old.
 */
export async function undoAnnotation(
  database: Database,
  annotationId: string,
  annotatorId: string,
  windowMs: number,
  leaseMs: number,
): Promise<{ itemId: string; queueId: string } | null> {
  return database.prisma.$transaction(async (transaction) => {
    const deleted = await transaction.$queryRaw<{ slot_id: string; item_id: string }[]>`
      DELETE FROM annotation
      WHERE id = ${annotationId}::uuid AND annotator_id = ${annotatorId}::uuid AND created_at > now() - ${windowMs}::int * interval '1 millisecond'
      RETURNING slot_id::text, item_id::text`;
    const row = deleted[0];
    if (!row) return null;
    const slots = await transaction.$queryRaw<{ queue_id: string }[]>`
      UPDATE annotation_slot SET submitted_at = NULL, is_open = true, lease_expires_at = now() + ${leaseMs}::int * interval '1 millisecond'
      WHERE id = ${row.slot_id}::uuid
      RETURNING queue_id::text`;
    return { itemId: row.item_id, queueId: slots[0]!.queue_id };
  });
}

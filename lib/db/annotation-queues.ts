import "server-only";
import type { Prisma } from "./generated/prisma/client";
import type { Database } from "./open-database";

export type NewAnnotationItem = {
  evaluationResultId: string | null;
  assessmentId: string | null;
  model: string;
  output: string;
  label: string | null;
  preferredImageIds: string[];
  nonPreferredImageIds: string[];
  candidateImageIds: string[];
  precheckCodes: string[];
};

export type NewAnnotationQueue = {
  ownerId: string;
  name: string;
  filter: Prisma.InputJsonValue;
  requiredAnnotations: number;
  annotatorIds: string[];
};

/**
 * A queue, its items in order, and one slot per annotation each item needs,
 * written together. The slots are made by the database from the items (one
 * statement), and the transaction may take a while for a queue of thousands.
 */
export async function createAnnotationQueue(database: Database, queue: NewAnnotationQueue, items: NewAnnotationItem[]) {
  return database.prisma.$transaction(
    async (transaction) => {
      const created = await transaction.annotationQueue.create({ data: queue });
      await transaction.annotationItem.createMany({
        data: items.map((item, position) => ({ ...item, queueId: created.id, position })),
      });
      await transaction.$executeRaw`
        INSERT INTO annotation_slot (id, queue_id, item_id, position, slot_number)
        SELECT gen_random_uuid(), i.queue_id, i.id, i.position, slot_number
        FROM annotation_item i CROSS JOIN generate_series(0, ${queue.requiredAnnotations}::int - 1) AS slot_number
        WHERE i.queue_id = ${created.id}::uuid`;
      return created;
    },
    { timeout: 120_000, maxWait: 10_000 },
  );
}

export type AnnotationQueueRecord = Awaited<ReturnType<typeof createAnnotationQueue>>;

/** A queue by id; `ownerId` limits it to that person's (admins pass undefined). */
export async function getAnnotationQueue(
  database: Database,
  id: string,
  ownerId: string | undefined,
): Promise<AnnotationQueueRecord | null> {
  return database.prisma.annotationQueue.findFirst({ where: { id, ...(ownerId ? { ownerId } : {}) } });
}

/** The queues a person made (every queue, for an admin passing undefined), newest first. */
export async function findOwnedQueues(
  database: Database,
  ownerId: string | undefined,
): Promise<AnnotationQueueRecord[]> {
  return database.prisma.annotationQueue.findMany({
    where: ownerId ? { ownerId } : {},
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
  });
}

/** The queues an annotator may work on: those naming them, and those open to every annotator. */
export async function findWorkableQueues(database: Database, annotatorId: string): Promise<AnnotationQueueRecord[]> {
  return database.prisma.annotationQueue.findMany({
    where: { OR: [{ annotatorIds: { isEmpty: true } }, { annotatorIds: { has: annotatorId } }] },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
  });
}

/** Per queue: annotations needed and done (in total and by this person), items this person holds, and items still open to them. */
export async function countQueueSlots(database: Database, queueIds: string[], annotatorId?: string) {
  if (queueIds.length === 0)
    return new Map<
      string,
      { total: number; submitted: number; mine: number; heldByMe: number; availableToMe: number }
    >();
  const rows = await database.prisma.$queryRaw<
    { queue_id: string; total: bigint; submitted: bigint; mine: bigint; held: bigint; available: bigint }[]
  >`
    SELECT s.queue_id::text AS queue_id,
      count(*) AS total,
      count(*) FILTER (WHERE s.submitted_at IS NOT NULL) AS submitted,
      count(*) FILTER (WHERE s.submitted_at IS NOT NULL AND s.annotator_id = ${annotatorId ?? null}::uuid) AS mine,
      count(*) FILTER (WHERE s.is_open AND s.annotator_id = ${annotatorId ?? null}::uuid) AS held,
      count(DISTINCT s.item_id) FILTER (WHERE s.is_open AND (s.annotator_id IS NULL OR s.lease_expires_at < now())
        AND NOT EXISTS (SELECT 1 FROM annotation_slot o WHERE o.item_id = s.item_id AND o.annotator_id = ${annotatorId ?? null}::uuid)) AS available
    FROM annotation_slot s
    WHERE s.queue_id = ANY(${queueIds}::uuid[])
    GROUP BY s.queue_id`;
  return new Map(
    rows.map((row) => [
      row.queue_id,
      {
        total: Number(row.total),
        submitted: Number(row.submitted),
        mine: Number(row.mine),
        heldByMe: Number(row.held),
        availableToMe: Number(row.available),
      },
    ]),
  );
}

/** Every item of a queue with its annotations, in queue order (agreement, review, exports). */

/**
 * A queue's items with their annotations, in queue order: all of them, or
 * one keyset page, the `limit` items after position `afterPosition` (from
 * the start without one). The unique index on (queue, position) serves a
 * page, so each costs the same however far into the queue it is (streamed
 * exports).
 */
export async function findQueueItemsWithAnnotations(
  database: Database,
  queueId: string,
  page?: { afterPosition?: number; limit: number },
) {
  return database.prisma.annotationItem.findMany({
    where: { queueId, ...(page?.afterPosition === undefined ? {} : { position: { gt: page.afterPosition } }) },
    include: {
      annotations: {
        orderBy: [{ createdAt: "asc" }, { id: "asc" }],
        include: { annotator: { select: { email: true } } },
      },
    },
    orderBy: { position: "asc" },
    ...(page ? { take: page.limit } : {}),
  });
}

export type QueueItemWithAnnotations = Awaited<ReturnType<typeof findQueueItemsWithAnnotations>>[number];

/**
 * The stored hashes of queue items' pictures, by image id, in one read (a
 * streamed export asks once per page); an id with no image row is absent.
 */
export async function findItemPictureHashes(database: Database, imageIds: string[]): Promise<Map<string, string>> {
  if (imageIds.length === 0) return new Map();
  const rows = await database.prisma.image.findMany({
    where: { id: { in: imageIds } },
    select: { id: true, sha256: true },
  });
  return new Map(rows.map((row) => [row.id, row.sha256]));
}

/** An item by id with the queue it belongs to, or null. */
export async function getAnnotationItem(database: Database, id: string) {
  return database.prisma.annotationItem.findUnique({ where: { id }, include: { queue: true } });
}

export type AnnotationItemRecord = NonNullable<Awaited<ReturnType<typeof getAnnotationItem>>>;

/** Records a reviewer's final annotation of a disputed item. */
export async function resolveAnnotationItem(
  database: Database,
  itemId: string,
  reviewerId: string,
  resolution: Prisma.InputJsonValue,
): Promise<void> {
  await database.prisma.annotationItem.update({
    where: { id: itemId },
    data: { resolution, reviewerId, resolvedAt: new Date() },
  });
}

/** One annotation by id, or null. */
export async function getAnnotation(database: Database, id: string) {
  return database.prisma.annotation.findUnique({ where: { id } });
}

import "server-only";
import type { AnnotationBody } from "@/lib/annotation/annotation-contract";
import type { ReviewItem } from "@/lib/annotation/item-view-contract";
import type { Actor } from "@/lib/auth/policy";
import { resolveAnnotationItem } from "@/lib/db/annotation-queues";
import type { Database } from "@/lib/db/open-database";
import { AppError } from "@/lib/errors";
import { getManagedQueue, getReachableItem } from "./get-reachable-queue";
import { toItemView } from "./item-view";
import { readQueueItems } from "./read-queue-items";
import { assertVerdictFits } from "./submit-annotation";

/** A queue's items whose annotators disagree and that no reviewer has settled, with every annotation. */
export async function findDisputedItems(database: Database, actor: Actor, queueId: string): Promise<ReviewItem[]> {
  const queue = await getManagedQueue(database, actor, queueId);
  const items = await readQueueItems(database, queue.id, queue.requiredAnnotations);
  return items
    .filter((item) => item.state === "disputed")
    .map((item) => ({
      item: toItemView({ ...item.record, queue }, null),
      annotations: item.annotations.map((annotation) => ({
        id: annotation.id,
        annotatorEmail: annotation.email,
        verdict: annotation.verdict,
        body: annotation.body,
        createdAt: annotation.createdAt.toISOString(),
      })),
    }));
}

/** A reviewer's final annotation of a disputed item. */
export async function resolveItem(
  database: Database,
  actor: Actor,
  itemId: string,
  resolution: AnnotationBody,
): Promise<void> {
  assertVerdictFits(resolution);
  const item = await getReachableItem(database, actor, itemId, "manage");
  const items = await readQueueItems(database, item.queueId, item.queue.requiredAnnotations);
  const state = items.find((candidate) => candidate.record.id === item.id)?.state;
  if (state !== "disputed" && state !== "resolved")
    throw new AppError("conflict", "Only items whose annotators disagree go to review.");
  await resolveAnnotationItem(database, item.id, actor.userId, resolution);
}

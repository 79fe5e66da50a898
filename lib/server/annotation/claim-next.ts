import "server-only";
import { annotationLeaseMs } from "@/lib/annotation/annotation-timing";
import type { ClaimResponse } from "@/lib/annotation/item-view-contract";
import type { Actor } from "@/lib/auth/policy";
import { claimNextItem } from "@/lib/db/annotation-claims";
import { countQueueSlots, getAnnotationItem } from "@/lib/db/annotation-queues";
import type { Database } from "@/lib/db/open-database";
import { getWorkableQueue } from "./get-reachable-queue";
import { toItemView } from "./item-view";

/** The annotator's next item of a queue (the one they hold, else a new one), and how many more are open to them. */
export async function claimNext(database: Database, actor: Actor, queueId: string): Promise<ClaimResponse> {
  const queue = await getWorkableQueue(database, actor, queueId);
  const claim = await claimNextItem(database, queue.id, actor.userId, annotationLeaseMs);
  // The count and the item are independent reads: both at once, so a claim waits for one round trip, not two.
  const [countsByQueue, item] = await Promise.all([
    countQueueSlots(database, [queue.id], actor.userId),
    claim ? getAnnotationItem(database, claim.itemId) : Promise.resolve(null),
  ]);
  const counts = countsByQueue.get(queue.id);
  // What is left for them: the items they hold (this one included) and those they may still take.
  const remaining = (counts?.heldByMe ?? 0) + (counts?.availableToMe ?? 0);
  if (!claim || !item) return { item: null, remaining };
  return { item: toItemView(item, claim.leaseExpiresAt), remaining };
}

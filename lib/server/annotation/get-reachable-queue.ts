import "server-only";
import { type Actor, can, canReachOwnedBy } from "@/lib/auth/policy";
import {
  type AnnotationItemRecord,
  type AnnotationQueueRecord,
  getAnnotationItem,
  getAnnotationQueue,
} from "@/lib/db/annotation-queues";
import type { Database } from "@/lib/db/open-database";
import { AppError } from "@/lib/errors";

/**
 * Queues and items as each person may reach them: a queue's maker (and
 * admins) manage it; the annotators it names (all, when it names none) work
 * on it. To anyone else it does not exist (404).
 */

export const mayWork = (actor: Actor, queue: Pick<AnnotationQueueRecord, "annotatorIds">) =>
  can(actor, "annotation") && (queue.annotatorIds.length === 0 || queue.annotatorIds.includes(actor.userId));

const mayManage = (actor: Actor, queue: Pick<AnnotationQueueRecord, "ownerId">) =>
  can(actor, "annotation-queues") && canReachOwnedBy(actor, queue.ownerId);

export async function getManagedQueue(database: Database, actor: Actor, id: string): Promise<AnnotationQueueRecord> {
  const queue = await getAnnotationQueue(database, id, undefined);
  if (!queue || !mayManage(actor, queue)) throw new AppError("not_found", "No such annotation queue.");
  return queue;
}

export async function getWorkableQueue(database: Database, actor: Actor, id: string): Promise<AnnotationQueueRecord> {
  const queue = await getAnnotationQueue(database, id, undefined);
  if (!queue || !mayWork(actor, queue)) throw new AppError("not_found", "No such annotation queue.");
  return queue;
}

/** An item the actor may work on (its queue is open to them) or manage. */
export async function getReachableItem(
  database: Database,
  actor: Actor,
  id: string,
  purpose: "work" | "manage" | "either",
): Promise<AnnotationItemRecord> {
  const item = await getAnnotationItem(database, id);
  const canWork = item !== null && mayWork(actor, item.queue);
  const canManage = item !== null && mayManage(actor, item.queue);
  const allowed = purpose === "work" ? canWork : purpose === "manage" ? canManage : canWork || canManage;
  if (!item || !allowed) throw new AppError("not_found", "No such annotation item.");
  return item;
}

import "server-only";
import type { QueueDetail, QueueSummary } from "@/lib/annotation/item-view-contract";
import { computeQueueAgreement } from "@/lib/annotation/queue-agreement";
import type { Actor } from "@/lib/auth/policy";
import { type AnnotationQueueRecord, countQueueSlots } from "@/lib/db/annotation-queues";
import type { Database } from "@/lib/db/open-database";
import { findUsersByIds } from "@/lib/db/users";
import { mayWork } from "./get-reachable-queue";
import { readQueueItems } from "./read-queue-items";

/** Queues as the pages list them, with progress counted for the person asking and whether they may work on each. */
export async function toQueueSummaries(
  database: Database,
  queues: AnnotationQueueRecord[],
  viewer: Actor,
): Promise<QueueSummary[]> {
  const counts = await countQueueSlots(
    database,
    queues.map((queue) => queue.id),
    viewer.userId,
  );
  return queues.map((queue) => {
    const count = counts.get(queue.id) ?? { total: 0, submitted: 0, mine: 0, heldByMe: 0, availableToMe: 0 };
    return {
      id: queue.id,
      name: queue.name,
      createdAt: queue.createdAt.toISOString(),
      requiredAnnotations: queue.requiredAnnotations,
      items: Math.round(count.total / queue.requiredAnnotations),
      annotationsNeeded: count.total,
      annotationsDone: count.submitted,
      mine: count.mine,
      availableToMe: count.availableToMe + count.heldByMe,
      mayWork: mayWork(viewer, queue),
    };
  });
}

/** One queue for its maker: progress, item states and agreement figures. */
export async function toQueueDetail(
  database: Database,
  queue: AnnotationQueueRecord,
  viewer: Actor,
): Promise<QueueDetail> {
  const [summary] = await toQueueSummaries(database, [queue], viewer);
  const items = await readQueueItems(database, queue.id, queue.requiredAnnotations);
  const states = { open: 0, disputed: 0, resolved: 0, settled: 0 };
  for (const item of items) states[item.state]++;
  const annotators = await findUsersByIds(database, queue.annotatorIds);
  return {
    ...summary!,
    filter: queue.filter,
    annotators: annotators.map((user) => user.email),
    states,
    agreement: computeQueueAgreement(
      items.map((item) => ({ parsed: item.parsed, annotations: item.annotations, resolution: item.resolution })),
    ),
  };
}

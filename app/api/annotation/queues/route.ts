import { createQueueSchema } from "@/lib/annotation/annotation-contract";
import { canReachEveryone } from "@/lib/auth/policy";
import { findOwnedQueues } from "@/lib/db/annotation-queues";
import { defineRoute } from "@/lib/http/define-route";
import { createQueue } from "@/lib/server/annotation/create-queue";
import { toQueueSummaries } from "@/lib/server/annotation/queue-json";
import { queueSummariesResponseSchema, queueResponseSchema } from "@/lib/annotation/item-view-contract";
import { jsonResponse } from "@/lib/http/json-response";

/** GET /api/annotation/queues: the queues the researcher made (every queue, for an admin), newest first. */
export const GET = defineRoute({ access: "annotation-queues" }, async ({ database, actor }) => {
  const queues = await findOwnedQueues(database, canReachEveryone(actor) ? undefined : actor.userId);
  return jsonResponse(queueSummariesResponseSchema, { queues: await toQueueSummaries(database, queues, actor) });
});

/** POST /api/annotation/queues: a queue from a filter over stored outputs (a run's results, or the maker's assessments). */
export const POST = defineRoute(
  { access: "annotation-queues", body: createQueueSchema },
  async ({ body, database, actor }) => {
    const queue = await createQueue(database, actor, body);
    const [summary] = await toQueueSummaries(database, [queue], actor);
    return jsonResponse(queueResponseSchema, { queue: summary! }, { status: 201 });
  },
);

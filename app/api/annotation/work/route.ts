import { findWorkableQueues } from "@/lib/db/annotation-queues";
import { defineRoute } from "@/lib/http/define-route";
import { toQueueSummaries } from "@/lib/server/annotation/queue-json";
import { queueSummariesResponseSchema } from "@/lib/annotation/item-view-contract";
import { jsonResponse } from "@/lib/http/json-response";

/** GET /api/annotation/work: the queues the annotator may work on, with what is left for them in each. */
export const GET = defineRoute({ access: "annotation" }, async ({ database, actor }) => {
  const queues = await findWorkableQueues(database, actor.userId);
  return jsonResponse(
    queueSummariesResponseSchema,
    { queues: await toQueueSummaries(database, queues, actor) },
    { headers: { "Cache-Control": "no-store" } },
  );
});

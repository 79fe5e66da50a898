import { defineRoute } from "@/lib/http/define-route";
import { getManagedQueue } from "@/lib/server/annotation/get-reachable-queue";
import { toQueueDetail } from "@/lib/server/annotation/queue-json";
import { queueDetailResponseSchema } from "@/lib/annotation/item-view-contract";
import { jsonResponse } from "@/lib/http/json-response";

/** GET /api/annotation/queues/:id: progress, item states and agreement figures, for the queue's maker or an admin. */
export const GET = defineRoute(
  { access: "annotation-queues", params: { id: "annotation queue" } },
  async ({ params, database, actor }) => {
    const queue = await getManagedQueue(database, actor, params.id);
    return jsonResponse(
      queueDetailResponseSchema,
      { queue: await toQueueDetail(database, queue, actor) },
      { headers: { "Cache-Control": "no-store" } },
    );
  },
);

import { route } from "@/lib/auth/route";
import { getManagedQueue } from "@/lib/server/annotation/get-reachable-queue";
import { toQueueDetail } from "@/lib/server/annotation/queue-json";

/** GET /api/annotation/queues/:id: progress, item states and agreement figures, for the queue's maker or an admin. */
export const GET = route<"annotation-queues", { id: string }>(
  "annotation-queues",
  async ({ params, database, actor }) => {
    const queue = await getManagedQueue(database, actor, params.id);
    return Response.json(
      { queue: await toQueueDetail(database, queue, actor) },
      { headers: { "Cache-Control": "no-store" } },
    );
  },
);

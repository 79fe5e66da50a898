import { route } from "@/lib/auth/route";
import { findWorkableQueues } from "@/lib/db/annotation-queues";
import { toQueueSummaries } from "@/lib/server/annotation/queue-json";

/** GET /api/annotation/work: the queues the annotator may work on, with what is left for them in each. */
export const GET = route("annotation", async ({ database, actor }) => {
  const queues = await findWorkableQueues(database, actor.userId);
  return Response.json(
    { queues: await toQueueSummaries(database, queues, actor) },
    { headers: { "Cache-Control": "no-store" } },
  );
});

import { readJsonBody, route } from "@/lib/auth/route";
import { createQueueSchema } from "@/lib/annotation/annotation-contract";
import { findOwnedQueues } from "@/lib/db/annotation-queues";
import { createQueue } from "@/lib/server/annotation/create-queue";
import { toQueueSummaries } from "@/lib/server/annotation/queue-json";

/** GET /api/annotation/queues: the queues the researcher made (every queue, for an admin), newest first. */
export const GET = route("annotation-queues", async ({ database, actor }) => {
  const queues = await findOwnedQueues(database, actor.roles.includes("admin") ? undefined : actor.userId);
  return Response.json({ queues: await toQueueSummaries(database, queues, actor) });
});

/** POST /api/annotation/queues: a queue from a filter over stored outputs (a run's results, or the maker's assessments). */
export const POST = route("annotation-queues", async ({ request, database, actor }) => {
  const input = await readJsonBody(request, createQueueSchema);
  const queue = await createQueue(database, actor, input);
  const [summary] = await toQueueSummaries(database, [queue], actor);
  return Response.json({ queue: summary }, { status: 201 });
});

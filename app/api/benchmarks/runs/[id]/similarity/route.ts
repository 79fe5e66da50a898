import { readJsonBody, route } from "@/lib/auth/route";
import { putSimilarityVotesSchema } from "@/lib/benchmarks/similarity-vote-contract";
import { getReachableRun } from "@/lib/server/benchmarks/get-reachable-benchmark";
import { getSimilarityWork, storeSimilarityVotes } from "@/lib/server/benchmarks/similarity-votes";

/** GET /api/benchmarks/runs/:id/similarity: every sample of the run with the references it sent, the model's answer and the stored DreamSim vote. */
export const GET = route<"benchmarks", { id: string }>("benchmarks", async ({ params, database, actor }) => {
  const run = await getReachableRun(database, actor, params.id, "read");
  return Response.json(await getSimilarityWork(database, run), { headers: { "Cache-Control": "no-store" } });
});

/** PUT /api/benchmarks/runs/:id/similarity: stores a batch of DreamSim votes computed in the browser (the run's owner only). */
export const PUT = route<"benchmarks", { id: string }>("benchmarks", async ({ request, params, database, actor }) => {
  const run = await getReachableRun(database, actor, params.id, "change");
  const { votes } = await readJsonBody(request, putSimilarityVotesSchema);
  return Response.json({ stored: await storeSimilarityVotes(database, run, votes) });
});

import {
  putSimilarityVotesSchema,
  similarityWorkQuerySchema,
  similarityWorkSchema,
  storedSimilarityVotesSchema,
} from "@/lib/benchmarks/similarity-vote-contract";
import { defineRoute } from "@/lib/http/define-route";
import { getReachableRun } from "@/lib/server/benchmarks/get-reachable-benchmark";
import { getSimilarityWork, storeSimilarityVotes } from "@/lib/server/benchmarks/similarity-votes";
import { jsonResponse } from "@/lib/http/json-response";

/**
 * GET /api/benchmarks/runs/:id/similarity?after=&limit=&pendingFor=: a page of the run's samples with the references it
 * sent, the model's answer and the stored DreamSim vote (only those without a vote of `pendingFor`, if given).
 */
export const GET = defineRoute(
  { access: "benchmarks", params: { id: "evaluation run" }, query: similarityWorkQuerySchema },
  async ({ params, query, database, actor }) => {
    const run = await getReachableRun(database, actor, params.id, "read");
    return jsonResponse(similarityWorkSchema, await getSimilarityWork(database, run, query), {
      headers: { "Cache-Control": "no-store" },
    });
  },
);

/** PUT /api/benchmarks/runs/:id/similarity: stores a batch of DreamSim votes computed in the browser (the run's owner only). */
export const PUT = defineRoute(
  { access: "benchmarks", params: { id: "evaluation run" }, body: putSimilarityVotesSchema },
  async ({ params, body, database, actor }) => {
    const run = await getReachableRun(database, actor, params.id, "change");
    return jsonResponse(storedSimilarityVotesSchema, { stored: await storeSimilarityVotes(database, run, body.votes) });
  },
);

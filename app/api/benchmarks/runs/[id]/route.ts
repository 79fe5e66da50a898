import { getBenchmarkSubset } from "@/lib/db/benchmark-subsets";
import { defineRoute } from "@/lib/http/define-route";
import { getReachableRun } from "@/lib/server/benchmarks/get-reachable-benchmark";
import { toRunJson } from "@/lib/server/benchmarks/run-json";
import { evaluationRunBodySchema } from "@/lib/benchmarks/benchmark-contract";
import { jsonResponse } from "@/lib/http/json-response";

/** GET /api/benchmarks/runs/:id: the run, its progress and its results summary. */
export const GET = defineRoute(
  { access: "benchmarks", params: { id: "evaluation run" } },
  async ({ params, database, actor }) => {
    const run = await getReachableRun(database, actor, params.id, "read");
    const subset = (await getBenchmarkSubset(database, run.subsetId, undefined))!;
    return jsonResponse(
      evaluationRunBodySchema,
      { run: await toRunJson(database, run, subset) },
      { headers: { "Cache-Control": "no-store" } },
    );
  },
);

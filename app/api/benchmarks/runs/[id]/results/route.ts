import { resultRowsQuerySchema, resultRowsSchema } from "@/lib/benchmarks/benchmark-contract";
import { findResultRows } from "@/lib/db/evaluation-results";
import { defineRoute } from "@/lib/http/define-route";
import { getReachableRun } from "@/lib/server/benchmarks/get-reachable-benchmark";
import { jsonResponse } from "@/lib/http/json-response";

/**
 * GET /api/benchmarks/runs/:id/results[?q=text]: every stored result of the
 * run as a compact row (label, answer, verdicts, issue codes), in the
 * official order; with `q`, only those whose output contains the text.
 */
export const GET = defineRoute(
  { access: "benchmarks", params: { id: "evaluation run" }, query: resultRowsQuerySchema },
  async ({ params, query: { q }, database, actor }) => {
    const run = await getReachableRun(database, actor, params.id, "read");
    const results = await findResultRows(database, run.id, q || undefined);
    return jsonResponse(resultRowsSchema, { results }, { headers: { "Cache-Control": "no-store" } });
  },
);

import { resultRowsQuerySchema, resultRowsSchema } from "@/lib/benchmarks/benchmark-contract";
import { findResultRows } from "@/lib/db/evaluation-results";
import { defineRoute } from "@/lib/http/define-route";
import { getReachableRun } from "@/lib/server/benchmarks/get-reachable-benchmark";
import { jsonResponse } from "@/lib/http/json-response";

/**
 * GET /api/benchmarks/runs/:id/results[?q=text][&after=n][&limit=n]: a page
 * of the run's stored results as compact rows (label, answer, verdicts,
 * issue codes), in the official order; with `q`, only those whose output
 * contains the text. `next` is the `after` of the following page, null on
 * the last.
 */
export const GET = defineRoute(
  { access: "benchmarks", params: { id: "evaluation run" }, query: resultRowsQuerySchema },
  async ({ params, query: { q, after, limit }, database, actor }) => {
    const run = await getReachableRun(database, actor, params.id, "read");
    const results = await findResultRows(database, run.id, { text: q || undefined, after, limit });
    const next = results.length === limit ? results.at(-1)!.officialOrder : null;
    return jsonResponse(resultRowsSchema, { results, next }, { headers: { "Cache-Control": "no-store" } });
  },
);

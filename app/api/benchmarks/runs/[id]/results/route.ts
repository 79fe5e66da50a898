import { readSearchParams, route } from "@/lib/auth/route";
import { resultRowsQuerySchema } from "@/lib/benchmarks/benchmark-contract";
import { findResultRows } from "@/lib/db/evaluation-results";
import { getReachableRun } from "@/lib/server/benchmarks/get-reachable-benchmark";

/**
 * GET /api/benchmarks/runs/:id/results[?q=text]: every stored result of the
 * run as a compact row (label, answer, verdicts, issue codes), in the
 * official order; with `q`, only those whose output contains the text.
 */
export const GET = route<"benchmarks", { id: string }>("benchmarks", async ({ request, params, database, actor }) => {
  const { q } = readSearchParams(request, resultRowsQuerySchema);
  const run = await getReachableRun(database, actor, params.id, "read");
  const results = await findResultRows(database, run.id, q || undefined);
  return Response.json({ results }, { headers: { "Cache-Control": "no-store" } });
});

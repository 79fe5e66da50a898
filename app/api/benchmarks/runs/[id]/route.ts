import { route } from "@/lib/auth/route";
import { getBenchmarkSubset } from "@/lib/db/benchmark-subsets";
import { getReachableRun } from "@/lib/server/benchmarks/get-reachable-benchmark";
import { toRunJson } from "@/lib/server/benchmarks/run-json";

/** GET /api/benchmarks/runs/:id: the run, its progress and its results summary. */
export const GET = route<"benchmarks", { id: string }>("benchmarks", async ({ params, database, actor }) => {
  const run = await getReachableRun(database, actor, params.id, "read");
  const subset = (await getBenchmarkSubset(database, run.subsetId, undefined))!;
  return Response.json({ run: await toRunJson(database, run, subset) }, { headers: { "Cache-Control": "no-store" } });
});

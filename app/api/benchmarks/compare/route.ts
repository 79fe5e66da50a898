import { readSearchParams, route } from "@/lib/auth/route";
import { compareRunsQuerySchema } from "@/lib/benchmarks/benchmark-contract";
import { compareRuns } from "@/lib/server/benchmarks/compare-runs";

/** GET /api/benchmarks/compare?a=<run>&b=<run>: two runs of one subset, sample by sample, with McNemar's test. */
export const GET = route<"benchmarks">("benchmarks", async ({ request, database, actor }) => {
  const { a, b } = readSearchParams(request, compareRunsQuerySchema);
  return Response.json(await compareRuns(database, actor, a, b), { headers: { "Cache-Control": "no-store" } });
});

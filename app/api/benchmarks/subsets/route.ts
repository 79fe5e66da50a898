import { findBenchmarkSubsets } from "@/lib/db/benchmark-subsets";
import { defineRoute } from "@/lib/http/define-route";
import { toSubsetJson } from "@/lib/server/benchmarks/benchmark-json";
import { benchmarkSubsetsSchema } from "@/lib/benchmarks/benchmark-contract";
import { jsonResponse } from "@/lib/http/json-response";

/** GET /api/benchmarks/subsets: the caller's imported subsets, newest first. */
export const GET = defineRoute({ access: "benchmarks" }, async ({ database, actor }) => {
  const subsets = await findBenchmarkSubsets(database, actor.userId);
  return jsonResponse(
    benchmarkSubsetsSchema,
    { subsets: subsets.map(toSubsetJson) },
    { headers: { "Cache-Control": "no-store" } },
  );
});

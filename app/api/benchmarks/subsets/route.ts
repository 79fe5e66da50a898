import { route } from "@/lib/auth/route";
import { findBenchmarkSubsets } from "@/lib/db/benchmark-subsets";
import { toSubsetJson } from "@/lib/server/benchmarks/benchmark-json";

/** GET /api/benchmarks/subsets: the caller's imported subsets, newest first. */
export const GET = route("benchmarks", async ({ database, actor }) => {
  const subsets = await findBenchmarkSubsets(database, actor.userId);
  return Response.json({ subsets: subsets.map(toSubsetJson) }, { headers: { "Cache-Control": "no-store" } });
});

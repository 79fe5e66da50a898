import { readJsonBody, route } from "@/lib/auth/route";
import { newEvaluationRunSchema } from "@/lib/benchmarks/benchmark-contract";
import { findBenchmarkSubsets } from "@/lib/db/benchmark-subsets";
import { findEvaluationRuns } from "@/lib/db/evaluation-runs";
import { getReachableSubset } from "@/lib/server/benchmarks/get-reachable-benchmark";
import { toRunJson } from "@/lib/server/benchmarks/run-json";
import { startEvaluationRun } from "@/lib/server/benchmarks/start-evaluation-run";

/** GET /api/benchmarks/runs: the caller's runs, newest first, each as GET /api/benchmarks/runs/:id shows it. */
export const GET = route("benchmarks", async ({ database, actor }) => {
  const [runs, subsets] = await Promise.all([
    findEvaluationRuns(database, actor.userId),
    findBenchmarkSubsets(database, actor.userId),
  ]);
  const subsetsById = new Map(subsets.map((subset) => [subset.id, subset]));
  // A run belongs to one of its owner's subsets, so the lookup always finds it.
  const json = await Promise.all(runs.map((run) => toRunJson(database, run, subsetsById.get(run.subsetId)!)));
  return Response.json({ runs: json }, { headers: { "Cache-Control": "no-store" } });
});

/** POST /api/benchmarks/runs {subsetId, endpoint?, mode?, history?, concurrency?}: 201 {run}, started in the background. */
export const POST = route("benchmarks", async ({ request, database, actor }) => {
  const body = await readJsonBody(request, newEvaluationRunSchema);
  const run = await startEvaluationRun(database, actor, body);
  const subset = await getReachableSubset(database, actor, run.subsetId, "read");
  return Response.json({ run: await toRunJson(database, run, subset) }, { status: 201 });
});

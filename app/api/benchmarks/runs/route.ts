import { readJsonBody, route } from "@/lib/auth/route";
import { newEvaluationRunSchema } from "@/lib/benchmarks/benchmark-schemas";
import { getReachableSubset } from "@/lib/server/benchmarks/get-reachable-benchmark";
import { toRunJson } from "@/lib/server/benchmarks/run-json";
import { startEvaluationRun } from "@/lib/server/benchmarks/start-evaluation-run";

/** POST /api/benchmarks/runs {subsetId, endpoint?, mode?, history?, concurrency?}: 201 {run}, started in the background. */
export const POST = route("benchmarks", async ({ request, database, actor }) => {
  const body = await readJsonBody(request, newEvaluationRunSchema);
  const run = await startEvaluationRun(database, actor, body);
  const subset = await getReachableSubset(database, actor, run.subsetId, "read");
  return Response.json({ run: await toRunJson(database, run, subset) }, { status: 201 });
});

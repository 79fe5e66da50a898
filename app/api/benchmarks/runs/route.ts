import {
  newEvaluationRunSchema,
  evaluationRunsSchema,
  evaluationRunBodySchema,
} from "@/lib/benchmarks/benchmark-contract";
import { findBenchmarkSubsets } from "@/lib/db/benchmark-subsets";
import { findEvaluationRuns } from "@/lib/db/evaluation-runs";
import { defineRoute } from "@/lib/http/define-route";
import { rowId } from "@/lib/http/row-id";
import { getReachableSubset } from "@/lib/server/benchmarks/get-reachable-benchmark";
import { toRunJson } from "@/lib/server/benchmarks/run-json";
import { startEvaluationRun } from "@/lib/server/benchmarks/start-evaluation-run";
import { jsonResponse } from "@/lib/http/json-response";

/** GET /api/benchmarks/runs: the caller's runs, newest first, each as GET /api/benchmarks/runs/:id shows it. */
export const GET = defineRoute({ access: "benchmarks" }, async ({ database, actor }) => {
  const [runs, subsets] = await Promise.all([
    findEvaluationRuns(database, actor.userId),
    findBenchmarkSubsets(database, actor.userId),
  ]);
  const subsetsById = new Map(subsets.map((subset) => [subset.id, subset]));
  // A run belongs to one of its owner's subsets, so the lookup always finds it.
  const json = await Promise.all(runs.map((run) => toRunJson(database, run, subsetsById.get(run.subsetId)!)));
  return jsonResponse(evaluationRunsSchema, { runs: json }, { headers: { "Cache-Control": "no-store" } });
});

/** A subsetId that is not a UUID names no subset: 404, as a missing one. */
const newRunSchema = newEvaluationRunSchema.extend({
  subsetId: newEvaluationRunSchema.shape.subsetId.pipe(rowId("benchmark subset")),
});

/** POST /api/benchmarks/runs {subsetId, endpoint?, mode?, history?, concurrency?}: 201 {run}, started in the background. */
export const POST = defineRoute({ access: "benchmarks", body: newRunSchema }, async ({ body, database, actor }) => {
  const run = await startEvaluationRun(database, actor, body);
  const subset = await getReachableSubset(database, actor, run.subsetId, "read");
  return jsonResponse(evaluationRunBodySchema, { run: await toRunJson(database, run, subset) }, { status: 201 });
});

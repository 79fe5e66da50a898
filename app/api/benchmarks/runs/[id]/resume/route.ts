import { getConfig } from "@/lib/config";
import { getBenchmarkSubset } from "@/lib/db/benchmark-subsets";
import { AppError } from "@/lib/errors";
import { defineRoute } from "@/lib/http/define-route";
import { getReachableRun } from "@/lib/server/benchmarks/get-reachable-benchmark";
import { resumeEvaluationRun } from "@/lib/server/benchmarks/run-evaluation";
import { endpointForRun } from "@/lib/server/benchmarks/run-settings";
import { toRunJson } from "@/lib/server/benchmarks/run-json";
import { evaluationRunBodySchema } from "@/lib/benchmarks/benchmark-contract";
import { jsonResponse } from "@/lib/http/json-response";

/**
 * POST /api/benchmarks/runs/:id/resume: 202 {run}, a failed or cancelled run queued again, its finished samples kept
 * and skipped; 409 otherwise, or when the server no longer sends what the run was started with (model, prompt
 * template, output grammar).
 */
export const POST = defineRoute(
  { access: "benchmarks", params: { id: "evaluation run" } },
  async ({ params, database, actor }) => {
    const run = await getReachableRun(database, actor, params.id, "change");
    if (run.status === "failed" || run.status === "cancelled") endpointForRun(getConfig(), run);
    if (!(await resumeEvaluationRun(database, run)))
      throw new AppError("conflict", `The run is ${run.status}: only a failed or cancelled run can be resumed.`);
    const resumed = await getReachableRun(database, actor, params.id, "change");
    const subset = (await getBenchmarkSubset(database, run.subsetId, undefined))!;
    return jsonResponse(evaluationRunBodySchema, { run: await toRunJson(database, resumed, subset) }, { status: 202 });
  },
);

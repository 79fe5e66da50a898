import { getBenchmarkSubset } from "@/lib/db/benchmark-subsets";
import { AppError } from "@/lib/errors";
import { defineRoute } from "@/lib/http/define-route";
import { getReachableRun } from "@/lib/server/benchmarks/get-reachable-benchmark";
import { toRunJson } from "@/lib/server/benchmarks/run-json";
import { cancelEvaluationRun } from "@/lib/server/benchmarks/run-evaluation";
import { evaluationRunBodySchema } from "@/lib/benchmarks/benchmark-contract";
import { jsonResponse } from "@/lib/http/json-response";

/** POST /api/benchmarks/runs/:id/cancel: 202 {run}, its results so far kept; 409 once it has ended. */
export const POST = defineRoute(
  { access: "benchmarks", params: { id: "evaluation run" } },
  async ({ params, database, actor }) => {
    const run = await getReachableRun(database, actor, params.id, "change");
    if (!(await cancelEvaluationRun(database, run)))
      throw new AppError("conflict", `The run has already ended (${run.status}).`);
    const cancelled = await getReachableRun(database, actor, params.id, "change");
    const subset = (await getBenchmarkSubset(database, run.subsetId, undefined))!;
    return jsonResponse(
      evaluationRunBodySchema,
      { run: await toRunJson(database, cancelled, subset) },
      { status: 202 },
    );
  },
);

import { route } from "@/lib/auth/route";
import { getBenchmarkSubset } from "@/lib/db/benchmark-subsets";
import { AppError } from "@/lib/errors";
import { getReachableRun } from "@/lib/server/benchmarks/get-reachable-benchmark";
import { toRunJson } from "@/lib/server/benchmarks/run-json";
import { cancelEvaluationRun } from "@/lib/server/benchmarks/run-evaluation";

/** POST /api/benchmarks/runs/:id/cancel: 202 {run}, its results so far kept; 409 once it has ended. */
export const POST = route<"benchmarks", { id: string }>("benchmarks", async ({ params, database, actor }) => {
  const run = await getReachableRun(database, actor, params.id, "change");
  if (!(await cancelEvaluationRun(database, run.id)))
    throw new AppError("conflict", `The run has already ended (${run.status}).`);
  const cancelled = await getReachableRun(database, actor, params.id, "change");
  const subset = (await getBenchmarkSubset(database, run.subsetId, undefined))!;
  return Response.json({ run: await toRunJson(database, cancelled, subset) }, { status: 202 });
});

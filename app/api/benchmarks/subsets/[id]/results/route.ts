import { readSearchParams, route } from "@/lib/auth/route";
import { importResultsQuerySchema } from "@/lib/benchmarks/benchmark-schemas";
import { AppError } from "@/lib/errors";
import { getReachableSubset } from "@/lib/server/benchmarks/get-reachable-benchmark";
import { importResultsFile } from "@/lib/server/benchmarks/import-results-file";
import { toRunJson } from "@/lib/server/benchmarks/run-json";

/** POST /api/benchmarks/subsets/:id/results?model=NAME with an official rec_results file: 201 {run}, a finished run of imported results. */
export const POST = route<"benchmarks", { id: string }>("benchmarks", async ({ request, params, database, actor }) => {
  const { model } = readSearchParams(request, importResultsQuerySchema);
  let data: unknown;
  try {
    data = await request.json();
  } catch {
    throw new AppError("bad_request", "The request body must be an official results file (JSON).");
  }
  const run = await importResultsFile(database, actor, params.id, data, model);
  const subset = await getReachableSubset(database, actor, params.id, "read");
  return Response.json({ run: await toRunJson(database, run, subset) }, { status: 201 });
});

import { readSearchParams, route } from "@/lib/auth/route";
import { importResultsQuerySchema } from "@/lib/benchmarks/benchmark-contract";
import { getConfig } from "@/lib/config";
import { readBoundedJson } from "@/lib/http/read-bounded-body";
import { getReachableSubset } from "@/lib/server/benchmarks/get-reachable-benchmark";
import { importResultsFile } from "@/lib/server/benchmarks/import-results-file";
import { toRunJson } from "@/lib/server/benchmarks/run-json";

/** POST /api/benchmarks/subsets/:id/results?model=NAME with an official rec_results file (at most RESULTS_UPLOAD_MAX_MB): 201 {run}, a finished run of imported results. */
export const POST = route<"benchmarks", { id: string }>("benchmarks", async ({ request, params, database, actor }) => {
  const { model } = readSearchParams(request, importResultsQuerySchema);
  const data = await readBoundedJson(request, getConfig().bodyLimits.resultsFileBytes, {
    what: "The results file",
    notJson: "The request body must be an official results file (JSON).",
  });
  const run = await importResultsFile(database, actor, params.id, data, model);
  const subset = await getReachableSubset(database, actor, params.id, "read");
  return Response.json({ run: await toRunJson(database, run, subset) }, { status: 201 });
});

import { importResultsQuerySchema, evaluationRunBodySchema } from "@/lib/benchmarks/benchmark-contract";
import { getConfig } from "@/lib/config";
import { defineRoute } from "@/lib/http/define-route";
import { readBoundedJson } from "@/lib/http/read-bounded-body";
import { getReachableSubset } from "@/lib/server/benchmarks/get-reachable-benchmark";
import { importResultsFile } from "@/lib/server/benchmarks/import-results-file";
import { toRunJson } from "@/lib/server/benchmarks/run-json";
import { jsonResponse } from "@/lib/http/json-response";

/** POST /api/benchmarks/subsets/:id/results?model=NAME with an official rec_results file (at most RESULTS_UPLOAD_MAX_MB): 201 {run}, a finished run of imported results. */
export const POST = defineRoute(
  { access: "benchmarks", params: { id: "benchmark subset" }, query: importResultsQuerySchema },
  async ({ request, params, query: { model }, database, actor }) => {
    const data = await readBoundedJson(request, getConfig().bodyLimits.resultsFileBytes, {
      what: "The results file",
      notJson: "The request body must be an official results file (JSON).",
    });
    const run = await importResultsFile(database, actor, params.id, data, model);
    const subset = await getReachableSubset(database, actor, params.id, "read");
    return jsonResponse(evaluationRunBodySchema, { run: await toRunJson(database, run, subset) }, { status: 201 });
  },
);

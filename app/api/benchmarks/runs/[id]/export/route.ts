import { exportRunQuerySchema } from "@/lib/benchmarks/benchmark-contract";
import { getBenchmarkSubset } from "@/lib/db/benchmark-subsets";
import { defineRoute } from "@/lib/http/define-route";
import { getReachableRun } from "@/lib/server/benchmarks/get-reachable-benchmark";
import { exportCsvResults, exportOfficialResults } from "@/lib/server/benchmarks/export-run";

const fileSafe = (text: string) => text.replace(/[^A-Za-z0-9._-]+/g, "-");

/**
 * GET /api/benchmarks/runs/:id/export?format=official|csv: the results as a file (official rec_results JSON, or CSV),
 * streamed as they are read, so with no Content-Length.
 */
export const GET = defineRoute(
  { access: "benchmarks", params: { id: "evaluation run" }, query: exportRunQuerySchema },
  async ({ request, params, query: { format }, database, actor }) => {
    const run = await getReachableRun(database, actor, params.id, "read");
    const subset = (await getBenchmarkSubset(database, run.subsetId, undefined))!;
    const name = `rec_results_${fileSafe(run.model)}_${fileSafe(subset.name)}`;
    if (format === "csv") {
      return new Response(exportCsvResults(database, run.id, { signal: request.signal }), {
        headers: {
          "Content-Type": "text/csv; charset=utf-8",
          "Content-Disposition": `attachment; filename="${name}.csv"`,
          "Cache-Control": "no-store",
        },
      });
    }
    return new Response(exportOfficialResults(database, run.id, { signal: request.signal }), {
      headers: {
        "Content-Type": "application/json",
        "Content-Disposition": `attachment; filename="${name}.json"`,
        "Cache-Control": "no-store",
      },
    });
  },
);

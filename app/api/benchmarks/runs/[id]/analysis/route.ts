import { runAnalysisSchema } from "@/lib/benchmarks/benchmark-contract";
import { defineRoute } from "@/lib/http/define-route";
import { jsonResponse } from "@/lib/http/json-response";
import { analyseRun } from "@/lib/server/benchmarks/analyse-run";

/** GET /api/benchmarks/runs/:id/analysis: strict accuracy with its intervals (Wilson; clustered by person where people have several samples) and the per-attribute error analysis. */
export const GET = defineRoute(
  { access: "benchmarks", params: { id: "evaluation run" } },
  async ({ params, database, actor }) =>
    jsonResponse(runAnalysisSchema, await analyseRun(database, actor, params.id), {
      headers: { "Cache-Control": "no-store" },
    }),
);

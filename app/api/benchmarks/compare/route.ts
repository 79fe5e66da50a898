import { compareRunsQuerySchema, runComparisonSchema } from "@/lib/benchmarks/benchmark-contract";
import { defineRoute } from "@/lib/http/define-route";
import { missingRowIssue, rowId } from "@/lib/http/row-id";
import { compareRuns } from "@/lib/server/benchmarks/compare-runs";
import { jsonResponse } from "@/lib/http/json-response";

const runId = rowId("evaluation run");

/** Two different ids must each name a run (anything but a UUID names none: 404); the same id twice is compareRuns' 400. */
const compareQuerySchema = compareRunsQuerySchema.superRefine(({ a, b }, context) => {
  if (a !== b && !(runId.safeParse(a).success && runId.safeParse(b).success))
    context.addIssue(missingRowIssue("evaluation run"));
});

/** GET /api/benchmarks/compare?a=<run>&b=<run>: two runs of one subset, sample by sample, with McNemar's test. */
export const GET = defineRoute(
  { access: "benchmarks", query: compareQuerySchema },
  async ({ query: { a, b }, database, actor }) => {
    return jsonResponse(runComparisonSchema, await compareRuns(database, actor, a, b), {
      headers: { "Cache-Control": "no-store" },
    });
  },
);

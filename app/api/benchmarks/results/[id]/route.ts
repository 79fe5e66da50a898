import { defineRoute } from "@/lib/http/define-route";
import { readResultDetail } from "@/lib/server/benchmarks/result-detail";
import { resultDetailSchema } from "@/lib/benchmarks/benchmark-contract";
import { jsonResponse } from "@/lib/http/json-response";

/** GET /api/benchmarks/results/:id: one result in full: the output and its reading, the sample, the profile's similarity to the true one. */
export const GET = defineRoute(
  { access: "benchmarks", params: { id: "benchmark result" } },
  async ({ params, database, actor }) =>
    jsonResponse(resultDetailSchema, await readResultDetail(database, actor, params.id), {
      headers: { "Cache-Control": "no-store" },
    }),
);

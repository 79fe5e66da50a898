import { getConfig } from "@/lib/config";
import { defineRoute } from "@/lib/http/define-route";
import { listModelEndpoints } from "@/lib/inference/list-model-endpoints";
import { modelEndpointsSchema } from "@/lib/assessments/model-endpoints-contract";
import { jsonResponse } from "@/lib/http/json-response";

/** GET /api/models: every place an assessment can run, whether it answers, and the models it serves. */
export const GET = defineRoute({ access: "own-data" }, async () => {
  const endpoints = await listModelEndpoints(getConfig());
  return jsonResponse(modelEndpointsSchema, { endpoints }, { headers: { "Cache-Control": "no-store" } });
});

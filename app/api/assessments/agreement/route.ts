import { defineRoute } from "@/lib/http/define-route";
import { getModelAgreement } from "@/lib/server/judgments/get-model-agreement";
import { agreementResponseSchema } from "@/lib/assessments/judgment-contract";
import { jsonResponse } from "@/lib/http/json-response";

/** GET /api/assessments/agreement: per model, how often the caller chose the model's answer, in all and per week. */
export const GET = defineRoute({ access: "own-data" }, async ({ database, actor }) => {
  return jsonResponse(agreementResponseSchema, await getModelAgreement(database, actor.userId), {
    headers: { "Cache-Control": "no-store" },
  });
});

import { route } from "@/lib/auth/route";
import { getModelAgreement } from "@/lib/server/judgments/get-model-agreement";

/** GET /api/assessments/agreement: per model, how often the caller chose the model's answer, in all and per week. */
export const GET = route("own-data", async ({ database, actor }) => {
  return Response.json(await getModelAgreement(database, actor.userId), { headers: { "Cache-Control": "no-store" } });
});

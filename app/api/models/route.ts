import { route } from "@/lib/auth/route";
import { getConfig } from "@/lib/config";
import { checkModelEndpoints } from "@/lib/inference/check-model-server";

/** GET /api/models: every configured model endpoint, whether it answers, and the models it serves. */
export const GET = route("own-data", async () => {
  const endpoints = await checkModelEndpoints(getConfig().endpoints);
  return Response.json({ endpoints }, { headers: { "Cache-Control": "no-store" } });
});

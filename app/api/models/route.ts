import { route } from "@/lib/auth/route";
import { getConfig } from "@/lib/config";
import { listModelEndpoints } from "@/lib/inference/list-model-endpoints";

/** GET /api/models: every place an assessment can run, whether it answers, and the models it serves. */
export const GET = route("own-data", async () => {
  const endpoints = await listModelEndpoints(getConfig());
  return Response.json({ endpoints }, { headers: { "Cache-Control": "no-store" } });
});

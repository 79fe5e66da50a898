import { defineRoute } from "@/lib/http/define-route";
import { getHealth } from "@/lib/server/get-health";
import { getHealthAudience } from "@/lib/server/health-audience";
import { healthSchema } from "@/lib/health/health-contract";
import { jsonResponse } from "@/lib/http/json-response";

/**
 * GET /api/health: 200 while the database answers, 503 when it does not.
 * Strangers get `{status}`; signed-in people whether each part answers;
 * admins the model server's address, models and error messages. Unauthenticated:
 * it must answer while the database does not, and polling it rotates no session.
 */
export const GET = defineRoute({ access: "unauthenticated" }, async ({ request }) => {
  const health = await getHealth(await getHealthAudience(request));
  return jsonResponse(healthSchema, health, {
    status: health.status === "error" ? 503 : 200,
    headers: { "Cache-Control": "no-store" },
  });
});

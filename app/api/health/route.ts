import { assertAllowedHost } from "@/lib/http/assert-allowed-host";
import { withErrorResponse } from "@/lib/http/error-response";
import { getHealth } from "@/lib/server/get-health";
import { getHealthAudience } from "@/lib/server/health-audience";

/**
 * GET /api/health: 200 while the database answers, 503 when it does not.
 * Strangers get `{status}`; signed-in people whether each part answers;
 * admins the model server's address, models and error messages.
 */
export const GET = withErrorResponse(async (request: Request) => {
  assertAllowedHost(request);
  const health = await getHealth(await getHealthAudience(request));
  return Response.json(health, {
    status: health.status === "error" ? 503 : 200,
    headers: { "Cache-Control": "no-store" },
  });
});

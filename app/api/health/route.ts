import { assertAllowedHost } from "@/lib/http/assert-allowed-host";
import { withErrorResponse } from "@/lib/http/error-response";
import { getHealth } from "@/lib/server/get-health";

/** GET /api/health: 200 while the database answers, 503 when it does not. */
export const GET = withErrorResponse(async (request: Request) => {
  assertAllowedHost(request);
  const health = await getHealth();
  return Response.json(health, {
    status: health.database.ok ? 200 : 503,
    headers: { "Cache-Control": "no-store" },
  });
});

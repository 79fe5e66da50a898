import { defineRoute } from "@/lib/http/define-route";
import type { ErrorBody } from "@/lib/errors";
import { readinessSchema } from "@/lib/health/health-contract";
import { jsonResponse } from "@/lib/http/json-response";
import { isDraining, isReady } from "@/lib/server/drain";

/**
 * GET /api/health/ready: whether a load balancer should send this instance
 * requests. 200 once the database is open and migrated; 503 while starting
 * and from the moment SIGTERM arrives, while work in progress drains.
 * Unauthenticated and free of database calls, so polling it costs nothing.
 */
export const GET = defineRoute({ access: "unauthenticated" }, async () => {
  const headers = { "Cache-Control": "no-store" };
  if (isReady()) return jsonResponse(readinessSchema, { ready: true }, { headers });
  // Answered here rather than thrown: a 503 that a balancer polls every second is expected, not an error to log.
  const body: ErrorBody = {
    error: {
      code: "unavailable",
      message: isDraining() ? "This instance is shutting down." : "This instance is still starting.",
    },
  };
  return Response.json(body, { status: 503, headers });
});

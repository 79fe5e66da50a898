import { queryOptions } from "@tanstack/react-query";
import { healthSchema } from "@/lib/health/health-contract";
import { ApiError, callApi } from "@/lib/http/api-client";

/** The server's health over /api/health. */
export const healthKeys = { report: ["health"] as const };

/** The health report; a 503 still carries one, saying what is wrong. */
async function fetchHealth() {
  try {
    return await callApi("/api/health", { schema: healthSchema, answeredStatuses: [503] });
  } catch (error) {
    if (error instanceof ApiError && error.status !== 0)
      throw new Error(`The server answered HTTP ${error.status} without a health report.`);
    throw error;
  }
}

/** The server's health, read again every 15 seconds while it is shown. */
export const healthQueryOptions = () =>
  queryOptions({ queryKey: healthKeys.report, queryFn: fetchHealth, refetchInterval: 15_000 });

import { defineRoute } from "@/lib/http/define-route";
import { getDemoOverview } from "@/lib/server/demo/read-demo-benchmark";
import { demoOverviewSchema } from "@/lib/demo/demo-contract";
import { jsonResponse } from "@/lib/http/json-response";

/** GET /api/demo: whether the demo benchmark is here, and its subsets with their sizes. */
export const GET = defineRoute({ access: "own-data" }, async () =>
  jsonResponse(demoOverviewSchema, await getDemoOverview()),
);

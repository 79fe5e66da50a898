import { route } from "@/lib/auth/route";
import { getDemoOverview } from "@/lib/server/demo/read-demo-benchmark";

/** GET /api/demo: whether the demo benchmark is here, and its subsets with their sizes. */
export const GET = route("own-data", async () => Response.json(await getDemoOverview()));

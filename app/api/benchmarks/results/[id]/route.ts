import { route } from "@/lib/auth/route";
import { readResultDetail } from "@/lib/server/benchmarks/result-detail";

/** GET /api/benchmarks/results/:id: one result in full: the output and its reading, the sample, the profile's similarity to the true one. */
export const GET = route<"benchmarks", { id: string }>("benchmarks", async ({ params, database, actor }) =>
  Response.json(await readResultDetail(database, actor, params.id), { headers: { "Cache-Control": "no-store" } }),
);

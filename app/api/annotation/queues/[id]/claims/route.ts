import { route } from "@/lib/auth/route";
import { claimNext } from "@/lib/server/annotation/claim-next";

/** POST /api/annotation/queues/:id/claims: the annotator's next item (the one they hold, else a new one under a lease), or null when none is left. */
export const POST = route<"annotation", { id: string }>("annotation", async ({ params, database, actor }) => {
  return Response.json(await claimNext(database, actor, params.id), { headers: { "Cache-Control": "no-store" } });
});

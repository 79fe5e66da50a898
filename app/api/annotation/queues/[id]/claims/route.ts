import { defineRoute } from "@/lib/http/define-route";
import { claimNext } from "@/lib/server/annotation/claim-next";
import { claimResponseSchema } from "@/lib/annotation/item-view-contract";
import { jsonResponse } from "@/lib/http/json-response";

/** POST /api/annotation/queues/:id/claims: the annotator's next item (the one they hold, else a new one under a lease), or null when none is left. */
export const POST = defineRoute(
  { access: "annotation", params: { id: "annotation queue" } },
  async ({ params, database, actor }) =>
    jsonResponse(claimResponseSchema, await claimNext(database, actor, params.id), {
      headers: { "Cache-Control": "no-store" },
    }),
);

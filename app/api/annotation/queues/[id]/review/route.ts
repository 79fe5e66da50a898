import { defineRoute } from "@/lib/http/define-route";
import { findDisputedItems } from "@/lib/server/annotation/review";
import { reviewItemsResponseSchema } from "@/lib/annotation/item-view-contract";
import { jsonResponse } from "@/lib/http/json-response";

/** GET /api/annotation/queues/:id/review: items whose annotators disagree, with every annotation, for a reviewer to settle. */
export const GET = defineRoute(
  { access: "annotation-queues", params: { id: "annotation queue" } },
  async ({ params, database, actor }) =>
    jsonResponse(
      reviewItemsResponseSchema,
      { items: await findDisputedItems(database, actor, params.id) },
      { headers: { "Cache-Control": "no-store" } },
    ),
);

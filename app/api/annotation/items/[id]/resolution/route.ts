import { resolutionSchema } from "@/lib/annotation/annotation-contract";
import { defineRoute } from "@/lib/http/define-route";
import { resolveItem } from "@/lib/server/annotation/review";
import { resolutionResponseSchema } from "@/lib/annotation/item-view-contract";
import { jsonResponse } from "@/lib/http/json-response";

/** PUT /api/annotation/items/:id/resolution: a reviewer's final annotation of an item whose annotators disagree. */
export const PUT = defineRoute(
  { access: "annotation-queues", params: { id: "annotation item" }, body: resolutionSchema },
  async ({ params, body, database, actor }) => {
    await resolveItem(database, actor, params.id, body);
    return jsonResponse(resolutionResponseSchema, { resolved: true });
  },
);

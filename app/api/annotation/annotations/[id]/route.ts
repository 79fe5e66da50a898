import { defineRoute } from "@/lib/http/define-route";
import { undoItemAnnotation } from "@/lib/server/annotation/submit-annotation";
import { undoneAnnotationSchema } from "@/lib/annotation/item-view-contract";
import { jsonResponse } from "@/lib/http/json-response";

/** DELETE /api/annotation/annotations/:id: takes back one's own annotation within the undo window; the item is one's own again. */
export const DELETE = defineRoute(
  { access: "annotation", params: { id: "annotation" } },
  async ({ params, database, actor }) =>
    jsonResponse(undoneAnnotationSchema, await undoItemAnnotation(database, actor, params.id)),
);

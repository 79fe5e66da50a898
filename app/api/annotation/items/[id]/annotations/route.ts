import { annotationBodySchema } from "@/lib/annotation/annotation-contract";
import { defineRoute } from "@/lib/http/define-route";
import { submitItemAnnotation } from "@/lib/server/annotation/submit-annotation";
import { submitResponseSchema } from "@/lib/annotation/item-view-contract";
import { jsonResponse } from "@/lib/http/json-response";

/** POST /api/annotation/items/:id/annotations: the annotator's annotation of an item they hold (409 when they no longer hold it). */
export const POST = defineRoute(
  { access: "annotation", params: { id: "annotation item" }, body: annotationBodySchema },
  async ({ params, body, database, actor }) =>
    jsonResponse(
      submitResponseSchema,
      { annotation: await submitItemAnnotation(database, actor, params.id, body) },
      { status: 201 },
    ),
);

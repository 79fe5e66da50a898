import { readJsonBody, route } from "@/lib/auth/route";
import { annotationBodySchema } from "@/lib/annotation/annotation-contract";
import { submitItemAnnotation } from "@/lib/server/annotation/submit-annotation";

/** POST /api/annotation/items/:id/annotations: the annotator's annotation of an item they hold (409 when they no longer hold it). */
export const POST = route<"annotation", { id: string }>("annotation", async ({ request, params, database, actor }) => {
  const body = await readJsonBody(request, annotationBodySchema);
  return Response.json({ annotation: await submitItemAnnotation(database, actor, params.id, body) }, { status: 201 });
});

import { route } from "@/lib/auth/route";
import { undoItemAnnotation } from "@/lib/server/annotation/submit-annotation";

/** DELETE /api/annotation/annotations/:id: takes back one's own annotation within the undo window; the item is one's own again. */
export const DELETE = route<"annotation", { id: string }>("annotation", async ({ params, database, actor }) => {
  return Response.json(await undoItemAnnotation(database, actor, params.id));
});

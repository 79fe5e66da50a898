import { route } from "@/lib/auth/route";
import { undoTasteAnswer } from "@/lib/server/taste/undo-taste-answer";

/** POST /api/taste/sessions/:id/undo: takes back the last answer; 200 {next, status}, 409 when there is none. */
export const POST = route<"own-data", { id: string }>("own-data", async ({ params, database, actor }) => {
  return Response.json(await undoTasteAnswer(database, actor.userId, params.id));
});

import { defineRoute } from "@/lib/http/define-route";
import { undoTasteAnswer } from "@/lib/server/taste/undo-taste-answer";
import { tasteProgressSchema } from "@/lib/taste/taste-contract";
import { jsonResponse } from "@/lib/http/json-response";

/** POST /api/taste/sessions/:id/undo: takes back the last answer; 200 {next, status}, 409 when there is none. */
export const POST = defineRoute(
  { access: "own-data", params: { id: "taste quiz" } },
  async ({ params, database, actor }) => {
    return jsonResponse(tasteProgressSchema, await undoTasteAnswer(database, actor.userId, params.id));
  },
);

import { defineRoute } from "@/lib/http/define-route";
import { jsonResponse } from "@/lib/http/json-response";
import { undoTasteCheck } from "@/lib/server/taste/undo-taste-check";
import { tasteCheckStateSchema } from "@/lib/taste/taste-contract";

/** POST /api/taste/sessions/:id/check/undo: takes back the check's last answer; 200 {check}, 409 when there is none. */
export const POST = defineRoute(
  { access: "own-data", params: { id: "taste quiz" } },
  async ({ params, database, actor }) =>
    jsonResponse(tasteCheckStateSchema, { check: await undoTasteCheck(database, actor.userId, params.id) }),
);

import { defineRoute } from "@/lib/http/define-route";
import { getCurrentTasteState } from "@/lib/server/taste/get-taste-state";
import { tasteSessionStateSchema } from "@/lib/taste/taste-contract";
import { jsonResponse } from "@/lib/http/json-response";

/** GET /api/taste/sessions/current: the caller's latest active quiz, to resume; 404 when none. */
export const GET = defineRoute({ access: "own-data" }, async ({ database, actor }) => {
  return jsonResponse(tasteSessionStateSchema, await getCurrentTasteState(database, actor.userId), {
    headers: { "Cache-Control": "no-store" },
  });
});

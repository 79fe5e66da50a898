import { defineRoute } from "@/lib/http/define-route";
import { getTasteState } from "@/lib/server/taste/get-taste-state";
import { tasteSessionStateSchema } from "@/lib/taste/taste-contract";
import { jsonResponse } from "@/lib/http/json-response";

/** GET /api/taste/sessions/:id: the caller's quiz {session, next, status}; anyone else's is a 404, admins included. */
export const GET = defineRoute(
  { access: "own-data", params: { id: "taste quiz" } },
  async ({ params, database, actor }) => {
    return jsonResponse(tasteSessionStateSchema, await getTasteState(database, actor.userId, params.id), {
      headers: { "Cache-Control": "no-store" },
    });
  },
);

import { defineRoute } from "@/lib/http/define-route";
import { startTasteSession } from "@/lib/server/taste/start-taste-session";
import { startTasteSessionSchema, tasteSessionStateSchema } from "@/lib/taste/taste-contract";
import { jsonResponse } from "@/lib/http/json-response";

/** POST /api/taste/sessions {pool}: starts a "Find my taste" quiz; 201 {session, next, status}. */
export const POST = defineRoute(
  { access: "own-data", body: startTasteSessionSchema },
  async ({ body, database, actor }) => {
    return jsonResponse(tasteSessionStateSchema, await startTasteSession(database, actor.userId, body), {
      status: 201,
    });
  },
);

import { defineRoute } from "@/lib/http/define-route";
import { finishTasteSession } from "@/lib/server/taste/finish-taste-session";
import { finishTasteSessionSchema, tasteFinishResponseSchema } from "@/lib/taste/taste-contract";
import { jsonResponse } from "@/lib/http/json-response";

/** POST /api/taste/sessions/:id/finish {referenceSetId?}: marks the quiz finished; 200 {session}. */
export const POST = defineRoute(
  { access: "own-data", params: { id: "taste quiz" }, body: finishTasteSessionSchema },
  async ({ params, body, database, actor }) =>
    jsonResponse(tasteFinishResponseSchema, {
      session: await finishTasteSession(database, actor.userId, params.id, body),
    }),
);

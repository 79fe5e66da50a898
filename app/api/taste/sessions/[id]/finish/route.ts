import { defineRoute } from "@/lib/http/define-route";
import { finishTasteSession } from "@/lib/server/taste/finish-taste-session";
import { finishTasteSessionSchema, tasteFinishResponseSchema } from "@/lib/taste/taste-contract";
import { jsonResponse } from "@/lib/http/json-response";

/** POST /api/taste/sessions/:id/finish {referenceSetId?} or {referenceSet}: marks the quiz finished; 200 {session, referenceSet}. */
export const POST = defineRoute(
  { access: "own-data", params: { id: "taste quiz" }, body: finishTasteSessionSchema },
  async ({ params, body, database, actor }) =>
    jsonResponse(tasteFinishResponseSchema, await finishTasteSession(database, actor, params.id, body)),
);

import { defineRoute } from "@/lib/http/define-route";
import { jsonResponse } from "@/lib/http/json-response";
import { getTasteCheck } from "@/lib/server/taste/get-taste-check";
import { startTasteCheck } from "@/lib/server/taste/start-taste-check";
import { tasteCheckStateSchema } from "@/lib/taste/taste-contract";

/** GET /api/taste/sessions/:id/check: "Check my taste" as it stands, {check}; anyone else's quiz is a 404. */
export const GET = defineRoute(
  { access: "own-data", params: { id: "taste quiz" } },
  async ({ params, database, actor }) =>
    jsonResponse(
      tasteCheckStateSchema,
      { check: await getTasteCheck(database, actor.userId, params.id) },
      { headers: { "Cache-Control": "no-store" } },
    ),
);

/** POST /api/taste/sessions/:id/check: begins the check, its first pair predicted and stored; 201 {check}, 200 when it had begun. */
export const POST = defineRoute(
  { access: "own-data", params: { id: "taste quiz" } },
  async ({ params, database, actor }) => {
    const { check, isNew } = await startTasteCheck(database, actor.userId, params.id);
    return jsonResponse(tasteCheckStateSchema, { check }, { status: isNew ? 201 : 200 });
  },
);

import { defineRoute } from "@/lib/http/define-route";
import { getTasteResult } from "@/lib/server/taste/get-taste-result";
import { tasteResultSchema } from "@/lib/taste/taste-contract";
import { jsonResponse } from "@/lib/http/json-response";

/** GET /api/taste/sessions/:id/result: {liked, disliked, isComplete}, each reference {imageId, reason, wins, losses}. */
export const GET = defineRoute(
  { access: "own-data", params: { id: "taste quiz" } },
  async ({ params, database, actor }) => {
    return jsonResponse(tasteResultSchema, await getTasteResult(database, actor.userId, params.id), {
      headers: { "Cache-Control": "no-store" },
    });
  },
);

import { defineRoute } from "@/lib/http/define-route";
import { jsonResponse } from "@/lib/http/json-response";
import { answerTasteCheck } from "@/lib/server/taste/answer-taste-check";
import { tasteAnswerSchema, tasteCheckStateSchema } from "@/lib/taste/taste-contract";

/** POST /api/taste/sessions/:id/check/answers {position, leftImageId, rightImageId, choice, key}: 201 {check}; the same key again 200, nothing stored. */
export const POST = defineRoute(
  { access: "own-data", params: { id: "taste quiz" }, body: tasteAnswerSchema },
  async ({ params, body, database, actor }) => {
    const { check, isRepeat } = await answerTasteCheck(database, actor.userId, params.id, body);
    return jsonResponse(tasteCheckStateSchema, { check }, { status: isRepeat ? 200 : 201 });
  },
);

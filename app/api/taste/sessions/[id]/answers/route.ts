import { defineRoute } from "@/lib/http/define-route";
import { answerTastePair } from "@/lib/server/taste/answer-taste-pair";
import { tasteAnswerSchema, tasteProgressSchema } from "@/lib/taste/taste-contract";
import { jsonResponse } from "@/lib/http/json-response";

/** POST /api/taste/sessions/:id/answers {position, leftImageId, rightImageId, choice, key}: 201 {next, status}; the same key again 200, nothing stored. */
export const POST = defineRoute(
  { access: "own-data", params: { id: "taste quiz" }, body: tasteAnswerSchema },
  async ({ params, body, database, actor }) => {
    const { isRepeat, ...progress } = await answerTastePair(database, actor.userId, params.id, body);
    return jsonResponse(tasteProgressSchema, progress, { status: isRepeat ? 200 : 201 });
  },
);

import { readJsonBody, route } from "@/lib/auth/route";
import { answerTastePair } from "@/lib/server/taste/answer-taste-pair";
import { tasteAnswerSchema } from "@/lib/taste/taste-contract";

/** POST /api/taste/sessions/:id/answers {position, leftImageId, rightImageId, choice, key}: 201 {next, status}; the same key again 200, nothing stored. */
export const POST = route<"own-data", { id: string }>("own-data", async ({ request, params, database, actor }) => {
  const body = await readJsonBody(request, tasteAnswerSchema);
  const { isRepeat, ...progress } = await answerTastePair(database, actor.userId, params.id, body);
  return Response.json(progress, { status: isRepeat ? 200 : 201 });
});

import { route } from "@/lib/auth/route";
import { getTasteResult } from "@/lib/server/taste/get-taste-result";

/** GET /api/taste/sessions/:id/result: {liked, disliked, isComplete}, each reference {imageId, reason, wins, losses}. */
export const GET = route<"own-data", { id: string }>("own-data", async ({ params, database, actor }) => {
  return Response.json(await getTasteResult(database, actor.userId, params.id), {
    headers: { "Cache-Control": "no-store" },
  });
});

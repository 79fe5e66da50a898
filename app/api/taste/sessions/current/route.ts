import { route } from "@/lib/auth/route";
import { getCurrentTasteState } from "@/lib/server/taste/get-taste-state";

/** GET /api/taste/sessions/current: the caller's latest active quiz, to resume; 404 when none. */
export const GET = route("own-data", async ({ database, actor }) => {
  return Response.json(await getCurrentTasteState(database, actor.userId), {
    headers: { "Cache-Control": "no-store" },
  });
});

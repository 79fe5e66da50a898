import { route } from "@/lib/auth/route";
import { getTasteState } from "@/lib/server/taste/get-taste-state";

/** GET /api/taste/sessions/:id: the caller's quiz {session, next, status}; anyone else's is a 404, admins included. */
export const GET = route<"own-data", { id: string }>("own-data", async ({ params, database, actor }) => {
  return Response.json(await getTasteState(database, actor.userId, params.id), {
    headers: { "Cache-Control": "no-store" },
  });
});

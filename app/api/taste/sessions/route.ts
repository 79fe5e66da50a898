import { readJsonBody, route } from "@/lib/auth/route";
import { startTasteSession } from "@/lib/server/taste/start-taste-session";
import { startTasteSessionSchema } from "@/lib/taste/taste-contract";

/** POST /api/taste/sessions {pool}: starts a "Find my taste" quiz; 201 {session, next, status}. */
export const POST = route("own-data", async ({ request, database, actor }) => {
  const body = await readJsonBody(request, startTasteSessionSchema);
  return Response.json(await startTasteSession(database, actor.userId, body), { status: 201 });
});

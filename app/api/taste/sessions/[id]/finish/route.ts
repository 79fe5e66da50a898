import { readJsonBody, route } from "@/lib/auth/route";
import { finishTasteSession } from "@/lib/server/taste/finish-taste-session";
import { finishTasteSessionSchema } from "@/lib/taste/taste-contract";

/** POST /api/taste/sessions/:id/finish {referenceSetId?}: marks the quiz finished; 200 {session}. */
export const POST = route<"own-data", { id: string }>("own-data", async ({ request, params, database, actor }) => {
  const body = await readJsonBody(request, finishTasteSessionSchema);
  return Response.json({ session: await finishTasteSession(database, actor.userId, params.id, body) });
});

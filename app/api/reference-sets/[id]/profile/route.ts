import { route } from "@/lib/auth/route";
import { getProfileView } from "@/lib/server/reference-sets/get-profile-view";

/** GET /api/reference-sets/:id/profile: the latest predicted profile of the set, the owner's stated one, and how they compare. */
export const GET = route<"own-data", { id: string }>("own-data", async ({ params, database, actor }) =>
  Response.json(await getProfileView(database, actor, params.id), { headers: { "Cache-Control": "no-store" } }),
);

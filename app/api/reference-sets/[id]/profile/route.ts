import { defineRoute } from "@/lib/http/define-route";
import { getProfileView } from "@/lib/server/reference-sets/get-profile-view";
import { profileViewSchema } from "@/lib/assessments/profile-view-contract";
import { jsonResponse } from "@/lib/http/json-response";

/** GET /api/reference-sets/:id/profile: the latest predicted profile of the set, the owner's stated one, and how they compare. */
export const GET = defineRoute(
  { access: "own-data", params: { id: "reference set" } },
  async ({ params, database, actor }) =>
    jsonResponse(profileViewSchema, await getProfileView(database, actor, params.id), {
      headers: { "Cache-Control": "no-store" },
    }),
);

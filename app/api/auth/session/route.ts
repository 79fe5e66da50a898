import { defineRoute } from "@/lib/http/define-route";
import { sessionResponseSchema } from "@/lib/accounts/account-contract";
import { jsonResponse } from "@/lib/http/json-response";

/** GET /api/auth/session: who is signed in ({user: null} when nobody); rotates an old session. */
export const GET = defineRoute({ access: "public" }, async ({ actor }) => {
  return jsonResponse(
    sessionResponseSchema,
    { user: actor ? { id: actor.userId, email: actor.email, roles: actor.roles } : null },
    { headers: { "Cache-Control": "no-store" } },
  );
});

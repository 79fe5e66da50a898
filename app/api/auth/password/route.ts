import { sessionCookie } from "@/lib/auth/session-cookie";
import { setPasswordSchema, userResponseSchema } from "@/lib/accounts/account-contract";
import { defineRoute } from "@/lib/http/define-route";
import { setPasswordByLink } from "@/lib/server/accounts/set-password-by-link";
import { toUserJson } from "@/lib/server/accounts/user-json";
import { jsonResponse } from "@/lib/http/json-response";

/** POST /api/auth/password {token, password}: sets the password through an admin's one-time link; 200 and a new session, 403 for a spent or expired link. */
export const POST = defineRoute({ access: "public", body: setPasswordSchema }, async ({ request, body, database }) => {
  const { user, session } = await setPasswordByLink(database, body);
  return jsonResponse(
    userResponseSchema,
    { user: toUserJson(user) },
    { headers: { "Set-Cookie": sessionCookie(request, session.token, session.expiresAt) } },
  );
});

import { route, readJsonBody } from "@/lib/auth/route";
import { sessionCookie } from "@/lib/auth/session-cookie";
import { setPasswordSchema } from "@/lib/accounts/account-contract";
import { setPasswordByLink } from "@/lib/server/accounts/set-password-by-link";
import { toUserJson } from "@/lib/server/accounts/user-json";

/** POST /api/auth/password {token, password}: sets the password through an admin's one-time link; 200 and a new session, 403 for a spent or expired link. */
export const POST = route("public", async ({ request, database }) => {
  const body = await readJsonBody(request, setPasswordSchema);
  const { user, session } = await setPasswordByLink(database, body);
  return Response.json(
    { user: toUserJson(user) },
    { headers: { "Set-Cookie": sessionCookie(request, session.token, session.expiresAt) } },
  );
});

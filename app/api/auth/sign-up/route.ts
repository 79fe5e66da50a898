import { route, readJsonBody } from "@/lib/auth/route";
import { sessionCookie } from "@/lib/auth/session-cookie";
import { credentialsSchema } from "@/lib/accounts/account-schemas";
import { getClientAddress } from "@/lib/server/accounts/client-address";
import { signUp } from "@/lib/server/accounts/sign-in";
import { toUserJson } from "@/lib/server/accounts/user-json";

/** POST /api/auth/sign-up {email, password}: 201 and a session; the first account is admin. */
export const POST = route("public", async ({ request, database }) => {
  const credentials = await readJsonBody(request, credentialsSchema);
  const { user, session } = await signUp(database, { ...credentials, address: getClientAddress(request) });
  return Response.json({ user: toUserJson(user) }, { status: 201, headers: { "Set-Cookie": sessionCookie(request, session.token, session.expiresAt) } });
});

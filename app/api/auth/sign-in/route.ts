import { route, readJsonBody } from "@/lib/auth/route";
import { sessionCookie } from "@/lib/auth/session-cookie";
import { credentialsSchema } from "@/lib/accounts/account-contract";
import { getClientAddress } from "@/lib/server/accounts/client-address";
import { signIn } from "@/lib/server/accounts/sign-in";
import { toUserJson } from "@/lib/server/accounts/user-json";

/** POST /api/auth/sign-in {email, password}: 200 and a new session; 401 or 429 with Retry-After. */
export const POST = route("public", async ({ request, database }) => {
  const credentials = await readJsonBody(request, credentialsSchema);
  const { user, session } = await signIn(database, { ...credentials, address: getClientAddress(request) });
  return Response.json(
    { user: toUserJson(user) },
    { headers: { "Set-Cookie": sessionCookie(request, session.token, session.expiresAt) } },
  );
});

import { sessionCookie } from "@/lib/auth/session-cookie";
import { credentialsSchema, userResponseSchema } from "@/lib/accounts/account-contract";
import { defineRoute } from "@/lib/http/define-route";
import { getClientAddress } from "@/lib/server/accounts/client-address";
import { signIn } from "@/lib/server/accounts/sign-in";
import { toUserJson } from "@/lib/server/accounts/user-json";
import { jsonResponse } from "@/lib/http/json-response";

/** POST /api/auth/sign-in {email, password}: 200 and a new session; 401 or 429 with Retry-After. */
export const POST = defineRoute({ access: "public", body: credentialsSchema }, async ({ request, body, database }) => {
  const { user, session } = await signIn(database, { ...body, address: getClientAddress(request) });
  return jsonResponse(
    userResponseSchema,
    { user: toUserJson(user) },
    { headers: { "Set-Cookie": sessionCookie(request, session.token, session.expiresAt) } },
  );
});

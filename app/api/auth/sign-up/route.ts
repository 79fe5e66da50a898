import { sessionCookie } from "@/lib/auth/session-cookie";
import { signUpSchema, userResponseSchema } from "@/lib/accounts/account-contract";
import { defineRoute } from "@/lib/http/define-route";
import { getClientAddress } from "@/lib/server/accounts/client-address";
import { signUp } from "@/lib/server/accounts/sign-in";
import { importDemoForFirstAccount } from "@/lib/server/demo/import-demo-for-first-account";
import { toUserJson } from "@/lib/server/accounts/user-json";
import { jsonResponse } from "@/lib/http/json-response";

/**
 * POST /api/auth/sign-up {email, password, invitation?}: 201 and a session, under SIGN_UP (open, invite,
 * closed; 403 when the policy refuses); the first account is admin, and gets the demo benchmark in the background.
 */
export const POST = defineRoute({ access: "public", body: signUpSchema }, async ({ request, body, database }) => {
  const { user, session } = await signUp(database, { ...body, address: getClientAddress(request) });
  // Only the first account is made admin at sign-up.
  if (user.roles.includes("admin")) void importDemoForFirstAccount(database, user.id);
  return jsonResponse(
    userResponseSchema,
    { user: toUserJson(user) },
    { status: 201, headers: { "Set-Cookie": sessionCookie(request, session.token, session.expiresAt) } },
  );
});

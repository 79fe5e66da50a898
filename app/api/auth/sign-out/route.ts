import { clearedSessionCookie, readSessionToken } from "@/lib/auth/session-cookie";
import { deleteSession } from "@/lib/db/sessions";
import { defineRoute } from "@/lib/http/define-route";

/** POST /api/auth/sign-out: ends this browser's session; the old cookie stops working at once. */
export const POST = defineRoute({ access: "public" }, async ({ request, database }) => {
  const token = readSessionToken(request);
  if (token) await deleteSession(database, token);
  return new Response(null, { status: 204, headers: { "Set-Cookie": clearedSessionCookie(request) } });
});

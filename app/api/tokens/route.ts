import { route, readJsonBody } from "@/lib/auth/route";
import { createApiToken, findApiTokens } from "@/lib/db/api-tokens";
import { newTokenSchema } from "@/lib/accounts/account-contract";
import { AppError } from "@/lib/errors";
import { toTokenJson } from "@/lib/server/accounts/token-json";

/** A token that could mint or list tokens would outlive its own revocation: managing them takes a signed-in browser. */
function requireSession(via: "session" | "token" | null): void {
  if (via === "token")
    throw new AppError(
      "forbidden",
      "API tokens are managed from a signed-in session (the Account page), not with a token.",
    );
}

/** GET /api/tokens: the caller's API tokens (never their secrets); a signed-in session only. */
export const GET = route("own-data", async ({ database, actor, via }) => {
  requireSession(via);
  return Response.json({ tokens: (await findApiTokens(database, actor.userId)).map(toTokenJson) });
});

/** POST /api/tokens {name, expiresInDays?}: 201 with the new token's secret, shown this once; a signed-in session only. */
export const POST = route("own-data", async ({ request, database, actor, via }) => {
  requireSession(via);
  const { name, expiresInDays } = await readJsonBody(request, newTokenSchema);
  const expiresAt = expiresInDays === undefined ? null : new Date(Date.now() + expiresInDays * 24 * 60 * 60 * 1000);
  const { token, record } = await createApiToken(database, actor.userId, name, expiresAt);
  return Response.json({ token: toTokenJson(record), secret: token }, { status: 201 });
});

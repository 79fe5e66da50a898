import { createApiToken, findApiTokens } from "@/lib/db/api-tokens";
import { newTokenSchema, tokensResponseSchema, newTokenResponseSchema } from "@/lib/accounts/account-contract";
import { AppError } from "@/lib/errors";
import { defineRoute } from "@/lib/http/define-route";
import { toTokenJson } from "@/lib/server/accounts/token-json";
import { jsonResponse } from "@/lib/http/json-response";

/** A token that could mint or list tokens would outlive its own revocation: managing them takes a signed-in browser. */
function requireSession(via: "session" | "token"): void {
  if (via === "token")
    throw new AppError(
      "forbidden",
      "API tokens are managed from a signed-in session (the Account page), not with a token.",
    );
}

/** GET /api/tokens: the caller's API tokens (never their secrets); a signed-in session only. */
export const GET = defineRoute({ access: "own-data" }, async ({ database, actor, via }) => {
  requireSession(via);
  return jsonResponse(tokensResponseSchema, { tokens: (await findApiTokens(database, actor.userId)).map(toTokenJson) });
});

/** POST /api/tokens {name, expiresInDays?}: 201 with the new token's secret, shown this once; a signed-in session only. */
export const POST = defineRoute(
  { access: "own-data", body: newTokenSchema },
  async ({ body, database, actor, via }) => {
    requireSession(via);
    const { name, expiresInDays } = body;
    const expiresAt = expiresInDays === undefined ? null : new Date(Date.now() + expiresInDays * 24 * 60 * 60 * 1000);
    const { token, record } = await createApiToken(database, actor.userId, name, expiresAt);
    return jsonResponse(newTokenResponseSchema, { token: toTokenJson(record), secret: token }, { status: 201 });
  },
);

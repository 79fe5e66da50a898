import { route, readJsonBody } from "@/lib/auth/route";
import { createApiToken, findApiTokens } from "@/lib/db/api-tokens";
import { newTokenSchema } from "@/lib/accounts/account-schemas";
import { toTokenJson } from "@/lib/server/accounts/token-json";

/** GET /api/tokens: the caller's API tokens (never their secrets). */
export const GET = route("own-data", async ({ database, actor }) => {
  return Response.json({ tokens: (await findApiTokens(database, actor.userId)).map(toTokenJson) });
});

/** POST /api/tokens {name}: 201 with the new token's secret, shown this once. */
export const POST = route("own-data", async ({ request, database, actor }) => {
  const { name } = await readJsonBody(request, newTokenSchema);
  const { token, record } = await createApiToken(database, actor.userId, name);
  return Response.json({ token: toTokenJson(record), secret: token }, { status: 201 });
});

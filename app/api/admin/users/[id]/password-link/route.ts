import { route, readJsonBody } from "@/lib/auth/route";
import { newPasswordLinkSchema } from "@/lib/accounts/account-contract";
import { createPasswordLink } from "@/lib/db/password-links";
import { AppError } from "@/lib/errors";
import { isUuid } from "@/lib/http/is-uuid";
import { daysFromNow, passwordLinkUrl } from "@/lib/server/accounts/account-links";

/**
 * POST /api/admin/users/:id/password-link {expiresInDays?}: 201 with a one-time link that sets the
 * account's password (its earlier unused links stop working); shown this once (admins only).
 */
export const POST = route<"accounts", { id: string }>("accounts", async ({ request, params, database, actor }) => {
  const body = await readJsonBody(request, newPasswordLinkSchema);
  const expiresAt = daysFromNow(body.expiresInDays);
  const token = isUuid(params.id)
    ? await createPasswordLink(database, { userId: params.id, createdById: actor.userId, expiresAt })
    : null;
  if (!token) throw new AppError("not_found", "No such account.");
  return Response.json({ url: passwordLinkUrl(request, token), expiresAt: expiresAt.toISOString() }, { status: 201 });
});

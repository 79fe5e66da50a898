import { newPasswordLinkSchema, passwordLinkResponseSchema } from "@/lib/accounts/account-contract";
import { createPasswordLink } from "@/lib/db/password-links";
import { AppError } from "@/lib/errors";
import { defineRoute } from "@/lib/http/define-route";
import { daysFromNow, passwordLinkUrl } from "@/lib/server/accounts/account-links";
import { jsonResponse } from "@/lib/http/json-response";

/**
 * POST /api/admin/users/:id/password-link {expiresInDays?}: 201 with a one-time link that sets the
 * account's password (its earlier unused links stop working); shown this once (admins only).
 */
export const POST = defineRoute(
  { access: "accounts", params: { id: "account" }, body: newPasswordLinkSchema },
  async ({ request, params, body, database, actor }) => {
    const expiresAt = daysFromNow(body.expiresInDays);
    const token = await createPasswordLink(database, { userId: params.id, createdById: actor.userId, expiresAt });
    if (!token) throw new AppError("not_found", "No such account.");
    return jsonResponse(
      passwordLinkResponseSchema,
      { url: passwordLinkUrl(request, token), expiresAt: expiresAt.toISOString() },
      { status: 201 },
    );
  },
);

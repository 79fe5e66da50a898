import { newAccountSchema, usersResponseSchema, newAccountResponseSchema } from "@/lib/accounts/account-contract";
import { findAccountsWithoutPassword } from "@/lib/db/password-links";
import { findUsers } from "@/lib/db/users";
import { defineRoute } from "@/lib/http/define-route";
import { daysFromNow, passwordLinkUrl } from "@/lib/server/accounts/account-links";
import { createAccountByAdmin } from "@/lib/server/accounts/create-account-by-admin";
import { toUserJson } from "@/lib/server/accounts/user-json";
import { jsonResponse } from "@/lib/http/json-response";

/** GET /api/admin/users: every account, and whether each has a password yet (admins only). */
export const GET = defineRoute({ access: "accounts" }, async ({ database }) => {
  const [users, withoutPassword] = await Promise.all([findUsers(database), findAccountsWithoutPassword(database)]);
  return jsonResponse(usersResponseSchema, {
    users: users.map((user) => toUserJson(user, { passwordSet: !withoutPassword.has(user.id) })),
  });
});

/**
 * POST /api/admin/users {email, roles?, expiresInDays?}: 201 with an account that has no password yet and
 * the one-time link where its person sets one, shown this once; 409 when the email has an account (admins only).
 */
export const POST = defineRoute(
  { access: "accounts", body: newAccountSchema },
  async ({ request, body, database, actor }) => {
    const expiresAt = daysFromNow(body.expiresInDays);
    const { user, token } = await createAccountByAdmin(database, {
      email: body.email,
      roles: body.roles,
      createdById: actor.userId,
      expiresAt,
    });
    return jsonResponse(
      newAccountResponseSchema,
      {
        user: toUserJson(user, { passwordSet: false }),
        passwordLink: { url: passwordLinkUrl(request, token), expiresAt: expiresAt.toISOString() },
      },
      { status: 201 },
    );
  },
);

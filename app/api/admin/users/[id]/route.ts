import { userChangeSchema, userResponseSchema } from "@/lib/accounts/account-contract";
import { defineRoute } from "@/lib/http/define-route";
import { changeAccount } from "@/lib/server/accounts/change-account";
import { toUserJson } from "@/lib/server/accounts/user-json";
import { jsonResponse } from "@/lib/http/json-response";

/** PATCH /api/admin/users/:id {roles?, disabled?}: change an account (admins only). */
export const PATCH = defineRoute(
  { access: "accounts", params: { id: "account" }, body: userChangeSchema },
  async ({ params, body, database, actor }) =>
    jsonResponse(userResponseSchema, { user: toUserJson(await changeAccount(database, actor, params.id, body)) }),
);

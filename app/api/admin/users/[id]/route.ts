import { route, readJsonBody } from "@/lib/auth/route";
import { userChangeSchema } from "@/lib/accounts/account-contract";
import { changeAccount } from "@/lib/server/accounts/change-account";
import { toUserJson } from "@/lib/server/accounts/user-json";

/** PATCH /api/admin/users/:id {roles?, disabled?}: change an account (admins only). */
export const PATCH = route<"accounts", { id: string }>("accounts", async ({ request, params, database, actor }) => {
  const change = await readJsonBody(request, userChangeSchema);
  return Response.json({ user: toUserJson(await changeAccount(database, actor, params.id, change)) });
});

import "server-only";
import type { UserJson } from "@/lib/accounts/account-contract";
import type { UserSummary } from "@/lib/db/users";

/** An account as the API shows it; the admin list also says whether its person has set a password yet. */
export function toUserJson(user: UserSummary, admin?: { passwordSet: boolean }): UserJson {
  const json: UserJson = {
    id: user.id,
    email: user.email,
    roles: user.roles,
    disabled: user.disabledAt !== null,
    createdAt: user.createdAt.toISOString(),
  };
  return admin ? { ...json, passwordSet: admin.passwordSet } : json;
}

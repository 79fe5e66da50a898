import "server-only";
import type { Actor } from "@/lib/auth/policy";
import type { Database } from "@/lib/db/open-database";
import { countActiveAdmins, getUser, type Role, updateUser, type UserSummary } from "@/lib/db/users";
import { AppError } from "@/lib/errors";

/**
 * An admin changes an account's roles or disables it. The last enabled admin
 * cannot remove their own admin role or disable themselves: someone must
 * always be able to manage accounts.
 */
export async function changeAccount(
  database: Database,
  actor: Actor,
  id: string,
  change: { roles?: Role[]; disabled?: boolean },
): Promise<UserSummary> {
  const target = await getUser(database, id);
  if (!target) throw new AppError("not_found", "No such account.");
  const losesAdmin =
    target.roles.includes("admin") && ((change.roles && !change.roles.includes("admin")) || change.disabled === true);
  if (losesAdmin && target.disabledAt === null && (await countActiveAdmins(database)) <= 1) {
    throw new AppError(
      "conflict",
      `${target.id === actor.userId ? "You are" : "This account is"} the last admin: make someone else admin first.`,
    );
  }
  const updated = await updateUser(database, id, change);
  if (!updated) throw new AppError("not_found", "No such account.");
  return updated;
}

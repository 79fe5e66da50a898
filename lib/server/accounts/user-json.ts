import "server-only";
import type { UserSummary } from "@/lib/db/users";

/** An account as the API shows it. */
export function toUserJson(user: UserSummary) {
  return { id: user.id, email: user.email, roles: user.roles, disabled: user.disabledAt !== null, createdAt: user.createdAt.toISOString() };
}

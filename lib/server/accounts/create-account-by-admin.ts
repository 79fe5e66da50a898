import "server-only";
import type { Database } from "@/lib/db/open-database";
import { createAccountWithPasswordLink } from "@/lib/db/password-links";
import type { Role, UserSummary } from "@/lib/db/users";
import { AppError } from "@/lib/errors";

/**
 * An admin makes an account (the way in under SIGN_UP=closed, and allowed
 * under every policy): it has no password, and the one-time link returned
 * lets its person choose one.
 */
export async function createAccountByAdmin(
  database: Database,
  input: { email: string; roles: Role[]; createdById: string; expiresAt: Date },
): Promise<{ user: UserSummary; token: string }> {
  const made = await createAccountWithPasswordLink(database, input);
  if (!made)
    throw new AppError(
      "conflict",
      `There is an account for ${input.email} already. Make it a password link from its row instead.`,
    );
  return made;
}

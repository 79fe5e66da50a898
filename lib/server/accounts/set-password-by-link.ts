import "server-only";
import { getConfig } from "@/lib/config";
import { findPasswordProblem, hashPassword } from "@/lib/auth/passwords";
import type { Database } from "@/lib/db/open-database";
import { getPasswordLinkAccount, spendPasswordLink } from "@/lib/db/password-links";
import { createSession } from "@/lib/db/sessions";
import { AppError } from "@/lib/errors";
import type { SignedIn } from "./sign-in";

const unusable = "This link cannot be used: it was used already or it expired. Ask an administrator for a new one.";

/**
 * Sets a password through an admin's one-time link and signs the person in;
 * the account's other sessions end, so whoever held the old password is out.
 */
export async function setPasswordByLink(
  database: Database,
  input: { token: string; password: string },
): Promise<SignedIn> {
  const account = await getPasswordLinkAccount(database, input.token);
  if (!account) throw new AppError("forbidden", unusable);
  const problem = findPasswordProblem(input.password, account.email);
  if (problem) throw new AppError("bad_request", problem);
  const user = await spendPasswordLink(database, input.token, await hashPassword(input.password));
  if (!user) throw new AppError("forbidden", unusable);
  return { user, session: await createSession(database, user.id, { maxAgeMs: getConfig().sessionMaxAgeMs }) };
}

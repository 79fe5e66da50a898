import "server-only";
import type { Role } from "./generated/prisma/enums";
import type { Database } from "./open-database";
import { hashSecret, newSecret } from "./token-secrets";
import { FIRST_ACCOUNT_LOCK, type UserSummary, userSummaryFields } from "./users";

/**
 * One-time links that let a person set their password: for an account an
 * admin made (it has no password until then), or one whose owner forgot it.
 * There is no mail to send them by, so the admin hands the link over. Only
 * the token's sha256 is stored; a new link replaces the account's unused ones.
 */

type Transaction = Parameters<Parameters<Database["prisma"]["$transaction"]>[0]>[0];

async function issueLink(tx: Transaction, userId: string, createdById: string, expiresAt: Date): Promise<string> {
  const token = newSecret("pwl");
  await tx.passwordLink.deleteMany({ where: { userId, usedAt: null } });
  await tx.passwordLink.create({ data: { tokenHash: hashSecret(token), userId, createdById, expiresAt } });
  return token;
}

/**
 * Makes an account with these roles and no password, and its password link,
 * all or nothing. Null when the email is taken.
 */
export async function createAccountWithPasswordLink(
  database: Database,
  input: { email: string; roles: Role[]; createdById: string; expiresAt: Date },
): Promise<{ user: UserSummary; token: string } | null> {
  return database.prisma.$transaction(async (tx) => {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(${FIRST_ACCOUNT_LOCK})`;
    if (await tx.user.findUnique({ where: { email: input.email }, select: { id: true } })) return null;
    const roles = [...new Set<Role>(["user", ...input.roles])];
    const user = await tx.user.create({
      data: { email: input.email, passwordHash: null, roles },
      select: userSummaryFields,
    });
    return { user, token: await issueLink(tx, user.id, input.createdById, input.expiresAt) };
  });
}

/** A new password link for an existing account (its unused links stop working); null when there is no such account. */
export async function createPasswordLink(
  database: Database,
  input: { userId: string; createdById: string; expiresAt: Date },
): Promise<string | null> {
  return database.prisma.$transaction(async (tx) => {
    if (!(await tx.user.findUnique({ where: { id: input.userId }, select: { id: true } }))) return null;
    return issueLink(tx, input.userId, input.createdById, input.expiresAt);
  });
}

/** Whose password a link's token sets, if it can still be used; the page shows the email before the person chooses a password. */
export async function getPasswordLinkAccount(
  database: Database,
  token: string,
  now = new Date(),
): Promise<{ email: string } | null> {
  const row = await database.prisma.passwordLink.findUnique({
    where: { tokenHash: hashSecret(token) },
    select: { usedAt: true, expiresAt: true, user: { select: { email: true, disabledAt: true } } },
  });
  if (!row || row.usedAt || row.expiresAt <= now || row.user.disabledAt) return null;
  return { email: row.user.email };
}

/**
 * Spends a link and sets the password, ending the account's other sessions
 * (whoever knew the old password is out). Null when the link is unknown,
 * used, expired, or its account disabled.
 */
export async function spendPasswordLink(
  database: Database,
  token: string,
  passwordHash: string,
): Promise<UserSummary | null> {
  return database.prisma.$transaction(async (tx) => {
    // One conditional UPDATE spends the link, so two tabs cannot both use it.
    const [spent] = await tx.$queryRaw<{ user_id: string }[]>`
      UPDATE password_link SET used_at = now()
      WHERE token_hash = ${hashSecret(token)} AND used_at IS NULL AND expires_at > now()
      RETURNING user_id`;
    if (!spent) return null;
    const user = await tx.user.findUnique({ where: { id: spent.user_id }, select: userSummaryFields });
    if (!user || user.disabledAt) return null;
    await tx.session.deleteMany({ where: { userId: user.id } });
    await tx.user.update({ where: { id: user.id }, data: { passwordHash } });
    return user;
  });
}

/** Which of these accounts have no password yet (made by an admin, link not used). */
export async function findAccountsWithoutPassword(database: Database): Promise<Set<string>> {
  const rows = await database.prisma.user.findMany({ where: { passwordHash: null }, select: { id: true } });
  return new Set(rows.map((row) => row.id));
}

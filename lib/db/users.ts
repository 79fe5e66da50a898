import "server-only";
import type { Role } from "./generated/prisma/enums";
import type { Database } from "./open-database";

export type { Role };
export const allRoles: Role[] = ["user", "annotator", "researcher", "admin"];

export type UserSummary = { id: string; email: string; roles: Role[]; disabledAt: Date | null; createdAt: Date };

const summary = { id: true, email: true, roles: true, disabledAt: true, createdAt: true } as const;

/** Serialises account creation, so exactly one first account becomes admin (lib/db/sign-ups.ts takes it too). */
export const FIRST_ACCOUNT_LOCK = 7_301_947;

export const userSummaryFields = summary;

/**
 * Creates an account; the first one ever becomes admin. Returns null when
 * the email is taken (the caller decides what to reveal). A null password
 * hash makes an account nobody can sign in to until a password link sets one.
 */
export async function createUser(
  database: Database,
  email: string,
  passwordHash: string | null,
): Promise<UserSummary | null> {
  return database.prisma.$transaction(async (tx) => {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(${FIRST_ACCOUNT_LOCK})`;
    if (await tx.user.findUnique({ where: { email }, select: { id: true } })) return null;
    const isFirst = (await tx.user.count()) === 0;
    return tx.user.create({
      data: { email, passwordHash, roles: isFirst ? ["user", "admin"] : ["user"] },
      select: summary,
    });
  });
}

export async function getUserForSignIn(database: Database, email: string) {
  return database.prisma.user.findUnique({ where: { email }, select: { ...summary, passwordHash: true } });
}

export async function getUser(database: Database, id: string): Promise<UserSummary | null> {
  return database.prisma.user.findUnique({ where: { id }, select: summary });
}

/** An account by its (lower-cased) email, or null. */
export async function getUserByEmail(database: Database, email: string): Promise<UserSummary | null> {
  return database.prisma.user.findUnique({ where: { email: email.trim().toLowerCase() }, select: summary });
}

export async function findUsers(database: Database): Promise<UserSummary[]> {
  return database.prisma.user.findMany({ select: summary, orderBy: { createdAt: "asc" } });
}

/**
 * Changes an account's roles and whether it is disabled. Disabling ends its
 * sessions and stops its API tokens in the same transaction, so nothing it
 * opened before keeps working. Returns null when there is no such account.
 */
export async function updateUser(
  database: Database,
  id: string,
  change: { roles?: Role[]; disabled?: boolean },
): Promise<UserSummary | null> {
  return database.prisma.$transaction(async (tx) => {
    const existing = await tx.user.findUnique({ where: { id }, select: { id: true } });
    if (!existing) return null;
    if (change.disabled) await tx.session.deleteMany({ where: { userId: id } });
    return tx.user.update({
      where: { id },
      data: {
        ...(change.roles ? { roles: [...new Set<Role>(["user", ...change.roles])] } : {}),
        ...(change.disabled === undefined ? {} : { disabledAt: change.disabled ? new Date() : null }),
      },
      select: summary,
    });
  });
}

/** How many enabled admins there are, so the last one cannot lock everyone out. */
export async function countActiveAdmins(database: Database): Promise<number> {
  // Raw SQL: the PGlite adapter mis-encodes Prisma's `has` filter on an enum array.
  const [row] = await database.prisma.$queryRaw<{ count: bigint }[]>`
    SELECT count(*) AS count FROM app_user WHERE 'admin' = ANY(roles) AND disabled_at IS NULL`;
  return Number(row?.count ?? 0);
}

/** Accounts by id, in no particular order; unknown ids are left out. */
export async function findUsersByIds(database: Database, ids: string[]): Promise<UserSummary[]> {
  if (ids.length === 0) return [];
  return database.prisma.user.findMany({ where: { id: { in: ids } }, select: summary });
}

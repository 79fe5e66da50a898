import "server-only";
import type { Database } from "./open-database";
import { hashSecret, newSecret } from "./token-secrets";
import type { UserSummary } from "./users";

export type ApiTokenSummary = {
  id: string;
  name: string;
  prefix: string;
  createdAt: Date;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
  expiresAt: Date | null;
};

const summary = {
  id: true,
  name: true,
  prefix: true,
  createdAt: true,
  lastUsedAt: true,
  revokedAt: true,
  expiresAt: true,
} as const;

/** Creates a token, working until revoked or until `expiresAt`; its secret is returned this once and never again. */
export async function createApiToken(
  database: Database,
  userId: string,
  name: string,
  expiresAt: Date | null = null,
): Promise<{ token: string; record: ApiTokenSummary }> {
  const token = newSecret("pts");
  const record = await database.prisma.apiToken.create({
    data: { userId, name, tokenHash: hashSecret(token), prefix: token.slice(0, 10), expiresAt },
    select: summary,
  });
  return { token, record };
}

export async function findApiTokens(database: Database, userId: string): Promise<ApiTokenSummary[]> {
  return database.prisma.apiToken.findMany({ where: { userId }, select: summary, orderBy: { createdAt: "desc" } });
}

/**
 * Revokes a token; `ownerId` limits it to that person's tokens (admins pass
 * undefined). False when there is no such token within reach; revoking an
 * already revoked token is done, not an error.
 */
export async function revokeApiToken(
  database: Database,
  tokenId: string,
  ownerId: string | undefined,
): Promise<boolean> {
  const where = { id: tokenId, ...(ownerId ? { userId: ownerId } : {}) };
  const revoked = await database.prisma.apiToken.updateMany({
    where: { ...where, revokedAt: null },
    data: { revokedAt: new Date() },
  });
  return revoked.count === 1 || (await database.prisma.apiToken.count({ where })) === 1;
}

/** The account behind a live token (not revoked, not expired, account not disabled), noting its use. */
export async function getApiTokenUser(database: Database, token: string): Promise<UserSummary | null> {
  const found = await database.prisma.apiToken.findUnique({
    where: { tokenHash: hashSecret(token) },
    select: {
      id: true,
      revokedAt: true,
      expiresAt: true,
      lastUsedAt: true,
      user: { select: { id: true, email: true, roles: true, disabledAt: true, createdAt: true } },
    },
  });
  if (
    !found ||
    found.revokedAt !== null ||
    found.user.disabledAt !== null ||
    (found.expiresAt !== null && found.expiresAt <= new Date())
  )
    return null;
  // Note use at most once a minute: a script's burst should not write on every call.
  if (!found.lastUsedAt || Date.now() - found.lastUsedAt.getTime() > 60_000) {
    await database.prisma.apiToken.update({ where: { id: found.id }, data: { lastUsedAt: new Date() } });
  }
  return found.user;
}

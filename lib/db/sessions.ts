import "server-only";
import type { Database } from "./open-database";
import { hashSecret, newSecret } from "./token-secrets";
import type { UserSummary } from "./users";

/**
 * A session slides: it lasts 30 days from its last rotation, and is rotated
 * when older than a day; but it never outlives its absolute end (90 days from
 * sign-in by default, `SESSION_MAX_AGE_DAYS`). After a rotation the replaced
 * token still works for a short grace, so requests that left the browser
 * before the new cookie arrived (parallel API calls, thumbnails, other tabs)
 * are not signed out.
 */
export const sessionLifetimeMs = 30 * 24 * 60 * 60 * 1000;
export const sessionRotationMs = 24 * 60 * 60 * 1000;
export const rotationGraceMs = 60 * 1000;
export const defaultSessionMaxAgeMs = 90 * 24 * 60 * 60 * 1000;

export type ActiveSession = {
  id: string;
  userId: string;
  rotatedAt: Date;
  expiresAt: Date;
  endsAt: Date;
  /** True when the token presented is the one the last rotation replaced, within its grace. */
  isPreviousToken: boolean;
  user: UserSummary;
};

const slidingExpiry = (now: Date, endsAt: Date) =>
  new Date(Math.min(now.getTime() + sessionLifetimeMs, endsAt.getTime()));

/** Starts a session; returns the token for the cookie (never stored). */
export async function createSession(
  database: Database,
  userId: string,
  options: { now?: Date; maxAgeMs?: number } = {},
): Promise<{ token: string; expiresAt: Date }> {
  const now = options.now ?? new Date();
  const token = newSecret("ses");
  const endsAt = new Date(now.getTime() + (options.maxAgeMs ?? defaultSessionMaxAgeMs));
  const expiresAt = slidingExpiry(now, endsAt);
  await database.prisma.session.create({
    data: { tokenHash: hashSecret(token), userId, rotatedAt: now, expiresAt, endsAt },
  });
  return { token, expiresAt };
}

const sessionFields = {
  id: true,
  userId: true,
  rotatedAt: true,
  expiresAt: true,
  endsAt: true,
  tokenHash: true,
  previousValidUntil: true,
  user: { select: { id: true, email: true, roles: true, disabledAt: true, createdAt: true } },
} as const;

/** The live session of a token (the current one, or the one just replaced, within its grace): not expired, its account not disabled. */
export async function getActiveSession(
  database: Database,
  token: string,
  now = new Date(),
): Promise<ActiveSession | null> {
  const hash = hashSecret(token);
  const session = await database.prisma.session.findFirst({
    where: { OR: [{ tokenHash: hash }, { previousTokenHash: hash }] },
    select: sessionFields,
  });
  if (!session || session.expiresAt <= now || session.endsAt <= now || session.user.disabledAt !== null) return null;
  const isPreviousToken = session.tokenHash !== hash;
  if (isPreviousToken && (!session.previousValidUntil || session.previousValidUntil <= now)) return null;
  const { tokenHash: _current, previousValidUntil: _grace, ...rest } = session;
  return { ...rest, isPreviousToken };
}

/**
 * Replaces a session's token with a new one, but only if `presentedToken` is
 * still its current token (compare and swap): of two requests that find the
 * session due at once, one rotates and the other carries on with the token it
 * has, which stays valid for the grace. Returns null when this request did not
 * rotate (someone else did, or the session is gone).
 */
export async function rotateSession(
  database: Database,
  sessionId: string,
  presentedToken: string,
  now = new Date(),
): Promise<{ token: string; expiresAt: Date } | null> {
  const token = newSecret("ses");
  const presentedHash = hashSecret(presentedToken);
  const session = await database.prisma.session.findUnique({ where: { id: sessionId }, select: { endsAt: true } });
  if (!session) return null;
  const expiresAt = slidingExpiry(now, session.endsAt);
  const updated = await database.prisma.session.updateMany({
    where: { id: sessionId, tokenHash: presentedHash },
    data: {
      tokenHash: hashSecret(token),
      previousTokenHash: presentedHash,
      previousValidUntil: new Date(now.getTime() + rotationGraceMs),
      rotatedAt: now,
      expiresAt,
    },
  });
  return updated.count === 1 ? { token, expiresAt } : null;
}

/** Ends the session of a token, whichever of its two tokens it is. */
export async function deleteSession(database: Database, token: string): Promise<void> {
  const hash = hashSecret(token);
  await database.prisma.session.deleteMany({ where: { OR: [{ tokenHash: hash }, { previousTokenHash: hash }] } });
}

/** Removes sessions past their expiry or their absolute end (run at start-up); returns how many. */
export async function deleteExpiredSessions(database: Database, now = new Date()): Promise<number> {
  return (
    await database.prisma.session.deleteMany({ where: { OR: [{ expiresAt: { lte: now } }, { endsAt: { lte: now } }] } })
  ).count;
}

import "server-only";
import { hashSecret, newSecret } from "@/lib/auth/secrets";
import type { Database } from "./open-database";
import type { UserSummary } from "./users";

/** A session lasts 30 days from its last rotation; it is rotated when older than a day. */
export const sessionLifetimeMs = 30 * 24 * 60 * 60 * 1000;
export const sessionRotationMs = 24 * 60 * 60 * 1000;

export type ActiveSession = { id: string; userId: string; rotatedAt: Date; expiresAt: Date; user: UserSummary };

/** Starts a session; returns the token for the cookie (never stored). */
export async function createSession(database: Database, userId: string, now = new Date()): Promise<{ token: string; expiresAt: Date }> {
  const token = newSecret("ses");
  const expiresAt = new Date(now.getTime() + sessionLifetimeMs);
  await database.prisma.session.create({ data: { tokenHash: hashSecret(token), userId, rotatedAt: now, expiresAt } });
  return { token, expiresAt };
}

/** The live session of a token: not expired, its account not disabled. */
export async function getActiveSession(database: Database, token: string, now = new Date()): Promise<ActiveSession | null> {
  const session = await database.prisma.session.findUnique({
    where: { tokenHash: hashSecret(token) },
    select: {
      id: true,
      userId: true,
      rotatedAt: true,
      expiresAt: true,
      user: { select: { id: true, email: true, roles: true, disabledAt: true, createdAt: true } },
    },
  });
  if (!session || session.expiresAt <= now || session.user.disabledAt !== null) return null;
  return session;
}

/**
 * Replaces a session's token with a new one, atomically: the old token stops
 * working as the new one starts. Returns null if the session is gone.
 */
export async function rotateSession(database: Database, sessionId: string, now = new Date()): Promise<{ token: string; expiresAt: Date } | null> {
  const token = newSecret("ses");
  const expiresAt = new Date(now.getTime() + sessionLifetimeMs);
  const updated = await database.prisma.session.updateMany({
    where: { id: sessionId },
    data: { tokenHash: hashSecret(token), rotatedAt: now, expiresAt },
  });
  return updated.count === 1 ? { token, expiresAt } : null;
}

export async function deleteSession(database: Database, token: string): Promise<void> {
  await database.prisma.session.deleteMany({ where: { tokenHash: hashSecret(token) } });
}

/** Removes sessions past their expiry (run at start-up); returns how many. */
export async function deleteExpiredSessions(database: Database, now = new Date()): Promise<number> {
  return (await database.prisma.session.deleteMany({ where: { expiresAt: { lte: now } } })).count;
}

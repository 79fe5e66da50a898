import "server-only";
import type { Database } from "./open-database";

/**
 * Growing delays after failed sign-ins, per account and per address: the
 * 10th failure within the window blocks further attempts for 1 s, the 11th
 * for 2 s, then 4 s … up to 15 minutes. A success clears the account's
 * count; 15 minutes without a failure clears any count.
 */
export const throttlePolicy = {
  delayFromFailure: 10,
  windowMs: 15 * 60 * 1000,
  firstDelayMs: 1000,
  maxDelayMs: 15 * 60 * 1000,
};

/** When the earliest of these keys may try again, or null if none is blocked. */
export async function getBlockedUntil(database: Database, keys: string[], now = new Date()): Promise<Date | null> {
  const rows = await database.prisma.signInThrottle.findMany({
    where: { key: { in: keys }, blockedUntil: { gt: now } },
  });
  const latest = Math.max(...rows.map((row) => row.blockedUntil!.getTime()));
  return rows.length > 0 ? new Date(latest) : null;
}

export async function recordFailedSignIn(database: Database, keys: string[], now = new Date()): Promise<void> {
  for (const key of keys) {
    await database.prisma.$transaction(async (tx) => {
      const row = await tx.signInThrottle.findUnique({ where: { key } });
      const isStale = !row || now.getTime() - row.lastFailureAt.getTime() > throttlePolicy.windowMs;
      const failures = isStale ? 1 : row.failures + 1;
      const excess = failures - throttlePolicy.delayFromFailure;
      const delayMs = excess >= 0 ? Math.min(throttlePolicy.firstDelayMs * 2 ** excess, throttlePolicy.maxDelayMs) : 0;
      const blockedUntil = delayMs > 0 ? new Date(now.getTime() + delayMs) : null;
      await tx.signInThrottle.upsert({
        where: { key },
        create: { key, failures, lastFailureAt: now, blockedUntil },
        update: { failures, lastFailureAt: now, blockedUntil },
      });
    });
  }
}

export async function clearSignInFailures(database: Database, key: string): Promise<void> {
  await database.prisma.signInThrottle.deleteMany({ where: { key } });
}

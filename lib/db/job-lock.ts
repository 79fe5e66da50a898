import "server-only";
import { Client } from "pg";

/**
 * Jobs that several instances on one PostgreSQL server must not run at the
 * same time, each with its own advisory lock. The two-number form of the
 * lock (namespace, job) never collides with the one-number key that
 * `prisma migrate` locks on.
 */
const studioLockNamespace = 0x50_54_53_54; // "PTST"

export const jobLocks = {
  imageSweep: 1,
  sessionSweep: 2,
  demoBenchmark: 3,
} as const;

export type JobLock = keyof typeof jobLocks;

export type ExclusiveResult<T> = { ran: true; value: T } | { ran: false };

/**
 * Runs `job` unless another process holds its lock, in which case it is
 * skipped (that process is doing it), or, with `wait`, run once that process
 * is done. The lock lives on a connection held for the job alone, so it goes
 * when the job ends or the process dies. With the embedded database (no
 * `databaseUrl`) this process is the only one, and the job simply runs.
 */
export async function runExclusively<T>(
  databaseUrl: string | undefined,
  lock: JobLock,
  job: () => Promise<T>,
  options: { wait?: boolean } = {},
): Promise<ExclusiveResult<T>> {
  if (!databaseUrl) return { ran: true, value: await job() };
  const client = new Client({ connectionString: databaseUrl, connectionTimeoutMillis: 10_000 });
  // A server that goes away mid-job ends the lock with the session; the error must not crash the process.
  client.on("error", (error) => console.error(`[jobs] the ${lock} lock's connection failed:`, error.message));
  await client.connect();
  try {
    const { rows } = await client.query<{ locked: boolean }>(
      options.wait
        ? "SELECT pg_advisory_lock($1, $2) IS NOT NULL AS locked"
        : "SELECT pg_try_advisory_lock($1, $2) AS locked",
      [studioLockNamespace, jobLocks[lock]],
    );
    if (!rows[0]?.locked) return { ran: false };
    try {
      return { ran: true, value: await job() };
    } finally {
      await client.query("SELECT pg_advisory_unlock($1, $2)", [studioLockNamespace, jobLocks[lock]]).catch(() => {});
    }
  } finally {
    await client.end().catch(() => {});
  }
}

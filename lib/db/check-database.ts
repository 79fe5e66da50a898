import "server-only";
import type { DatabaseHealth } from "@/lib/health/health-contract";
import type { Database } from "./open-database";

/** One round trip to the database, bounded so a hung server cannot hang the caller. */
export async function checkDatabase(database: Database, timeoutMs = 3_000): Promise<DatabaseHealth> {
  const started = performance.now();
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      database.prisma.$queryRaw`SELECT 1`,
      new Promise((_, reject) => {
        timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
      }),
    ]);
    return { kind: database.kind, ok: true, latencyMs: Math.round(performance.now() - started) };
  } catch (error) {
    return {
      kind: database.kind,
      ok: false,
      latencyMs: null,
      message: `The ${database.kind} database did not answer: ${error instanceof Error ? error.message.split("\n")[0] : String(error)}`,
    };
  } finally {
    clearTimeout(timer);
  }
}

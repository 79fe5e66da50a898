import "server-only";
import type { Database } from "./open-database";

export type InstallationSummary = {
  installedAt: Date | null;
  starts: number;
  lastStartedAt: Date | null;
};

/** Records that the server started, on which version and database. */
export async function recordServerStart(database: Database, version: string): Promise<void> {
  await database.prisma.serverStart.create({ data: { version, databaseKind: database.kind } });
}

/** When this installation first started, and how often it has since. */
export async function getInstallationSummary(database: Database): Promise<InstallationSummary> {
  const [starts, first, last] = await Promise.all([
    database.prisma.serverStart.count(),
    database.prisma.serverStart.findFirst({ orderBy: { startedAt: "asc" }, select: { startedAt: true } }),
    database.prisma.serverStart.findFirst({ orderBy: { startedAt: "desc" }, select: { startedAt: true } }),
  ]);
  return { installedAt: first?.startedAt ?? null, starts, lastStartedAt: last?.startedAt ?? null };
}

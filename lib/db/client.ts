import "server-only";
import { getConfig } from "@/lib/config";
import { type Database, openDatabase } from "./open-database";

/**
 * The process's one database, opened on first use (normally at start-up by
 * instrumentation.ts). Kept on globalThis because Next bundles the server
 * more than once (instrumentation, route handlers, pages), and the embedded
 * database may be opened only once per process.
 */
const holderKey = Symbol.for("preferthinker-studio.database");
type Holder = { [holderKey]?: Promise<Database> };
const holder = globalThis as Holder;

export function getDatabase(): Promise<Database> {
  holder[holderKey] ??= openDatabase({
    databaseUrl: getConfig().databaseUrl,
    poolSize: getConfig().databasePoolSize,
    dataDir: getConfig().dataDir,
    log: (line) => console.log(`[database] ${line}`),
  });
  return holder[holderKey];
}

/** Closes the database if it was opened; safe to call more than once. */
export async function closeDatabase(): Promise<void> {
  const opening = holder[holderKey];
  if (!opening) return;
  const database = await opening.catch(() => undefined);
  await database?.close();
}

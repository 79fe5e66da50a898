import "server-only";
import { mkdirSync } from "node:fs";
import { resolve } from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaPGlite } from "pglite-prisma-adapter";
import { startEmbeddedAutovacuum } from "./embedded-autovacuum";
import { Client } from "pg";
import { acquireDataDirLock, embeddedDatabaseFolder } from "./data-dir-lock";
import { PrismaClient } from "./generated/prisma/client";
import { applyMigrations, readMigrations } from "./migrations";
import { pgConnection, pgliteConnection } from "./sql-connections";

export type DatabaseKind = "embedded" | "postgres";

/** An open database: the Prisma client and how to close it cleanly. */
export type Database = {
  readonly kind: DatabaseKind;
  readonly prisma: PrismaClient;
  /** Where it lives, without credentials: a folder or host:port/name. */
  readonly location: string;
  /**
   * Calls `onMessage` with the payload of every notification on `channel`,
   * from any process on the same database, until the returned stop is
   * called. PostgreSQL's LISTEN, on a connection of its own.
   */
  listen(channel: string, onMessage: (payload: string) => void): Promise<() => Promise<void>>;
  /** Sends a notification to every listener on `channel`, once the current transaction (if any) commits. */
  notify(channel: string, payload: string): Promise<void>;
  /** True once `close` was called: background work of the process stops using it. */
  readonly isClosed: boolean;
  close(): Promise<void>;
};

export type OpenDatabaseOptions = {
  /** PostgreSQL server URL; unset means the embedded database in `dataDir/db`. */
  databaseUrl: string | undefined;
  dataDir: string;
  /** Connections to the PostgreSQL server at most; the pg pool's own default (10) when unset. */
  poolSize?: number;
  migrationsDir?: string;
  log?: (line: string) => void;
};

const defaultMigrationsDir = () => resolve(process.cwd(), "prisma/migrations");

/**
 * Opens the configured database and brings its schema up to date: the
 * embedded PGlite in `dataDir/db` (created on first use, owned by this
 * process alone), or a PostgreSQL server at `databaseUrl`.
 */
export async function openDatabase(options: OpenDatabaseOptions): Promise<Database> {
  return options.databaseUrl ? openPostgres(options.databaseUrl, options) : openEmbedded(options);
}

async function openEmbedded(options: OpenDatabaseOptions): Promise<Database> {
  const folder = embeddedDatabaseFolder(options.dataDir);
  mkdirSync(resolve(options.dataDir), { recursive: true });
  const lock = acquireDataDirLock(folder);
  let pglite: PGlite | undefined;
  try {
    pglite = await PGlite.create(folder);
    await applyMigrations(pgliteConnection(pglite), readMigrations(options.migrationsDir ?? defaultMigrationsDir()), {
      useAdvisoryLock: false,
      log: options.log,
    });
  } catch (error) {
    await pglite?.close();
    lock.release();
    throw error;
  }
  const database = pglite;
  const prisma = new PrismaClient({ adapter: new PrismaPGlite(database) });
  // No background workers in PGlite: the process does autovacuum's work itself.
  const stopAutovacuum = startEmbeddedAutovacuum(database);
  let closing: Promise<void> | undefined;
  return {
    kind: "embedded",
    prisma,
    location: folder,
    async listen(channel, onMessage) {
      return database.listen(channel, onMessage);
    },
    notify: (channel, payload) => notifyThrough(prisma, channel, payload),
    get isClosed() {
      return closing !== undefined;
    },
    close() {
      // PGlite must be closed, or its sequences jump on the next start.
      closing ??= (async () => {
        try {
          await stopAutovacuum();
          await prisma.$disconnect();
          await database.close();
        } finally {
          lock.release();
        }
      })();
      return closing;
    },
  };
}

function describeServer(databaseUrl: string): string {
  const url = new URL(databaseUrl);
  return `${url.hostname}:${url.port || "5432"}${url.pathname}`;
}

async function openPostgres(databaseUrl: string, options: OpenDatabaseOptions): Promise<Database> {
  const client = new Client({ connectionString: databaseUrl, connectionTimeoutMillis: 10_000 });
  try {
    await client.connect();
  } catch (error) {
    throw new Error(
      `Cannot connect to the PostgreSQL server at ${describeServer(databaseUrl)} (DATABASE_URL): ${error instanceof Error ? error.message : String(error)}`,
      { cause: error },
    );
  }
  try {
    await applyMigrations(pgConnection(client), readMigrations(options.migrationsDir ?? defaultMigrationsDir()), {
      useAdvisoryLock: true,
      log: options.log,
    });
  } finally {
    await client.end();
  }
  const prisma = new PrismaClient({
    adapter: new PrismaPg({ connectionString: databaseUrl, connectionTimeoutMillis: 5_000, max: options.poolSize }),
  });
  let closing: Promise<void> | undefined;
  const listeners = new Set<() => Promise<void>>();
  return {
    kind: "postgres",
    prisma,
    location: describeServer(databaseUrl),
    async listen(channel, onMessage) {
      const stop = await listenOnPostgres(databaseUrl, channel, onMessage);
      listeners.add(stop);
      return async () => {
        listeners.delete(stop);
        await stop();
      };
    },
    notify: (channel, payload) => notifyThrough(prisma, channel, payload),
    get isClosed() {
      return closing !== undefined;
    },
    close() {
      closing ??= (async () => {
        await Promise.all([...listeners].map((stop) => stop().catch(() => undefined)));
        await prisma.$disconnect();
      })();
      return closing;
    },
  };
}

function notifyThrough(prisma: PrismaClient, channel: string, payload: string): Promise<void> {
  return prisma.$executeRaw`SELECT pg_notify(${channel}, ${payload})`.then(() => undefined);
}

/**
 * LISTEN on a connection of its own, kept open: when the server drops it
 * (a restart, a network blip), it reconnects every second until it is back,
 * and then tells `onMessage` once with an empty payload, since
 * notifications sent meanwhile are lost and the listener must look again.
 */
async function listenOnPostgres(
  databaseUrl: string,
  channel: string,
  onMessage: (payload: string) => void,
): Promise<() => Promise<void>> {
  let client: Client | undefined;
  let stopped = false;
  let retry: NodeJS.Timeout | undefined;
  const connect = async (isReconnect: boolean): Promise<void> => {
    const next = new Client({ connectionString: databaseUrl, connectionTimeoutMillis: 10_000 });
    next.on("notification", (message) => {
      if (message.channel === channel) onMessage(message.payload ?? "");
    });
    next.on("error", () => {
      if (stopped || client !== next) return;
      client = undefined;
      void next.end().catch(() => undefined);
      scheduleReconnect();
    });
    await next.connect();
    await next.query(`LISTEN ${quoteIdentifier(channel)}`);
    if (stopped) return void (await next.end());
    client = next;
    if (isReconnect) onMessage("");
  };
  const scheduleReconnect = () => {
    retry = setTimeout(() => void connect(true).catch(() => !stopped && scheduleReconnect()), 1000);
    retry.unref();
  };
  await connect(false);
  return async () => {
    stopped = true;
    clearTimeout(retry);
    await client?.end().catch(() => undefined);
    client = undefined;
  };
}

function quoteIdentifier(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

import "server-only";
import { mkdirSync } from "node:fs";
import { resolve } from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaPGlite } from "pglite-prisma-adapter";
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
  let closing: Promise<void> | undefined;
  return {
    kind: "embedded",
    prisma,
    location: folder,
    close() {
      // PGlite must be closed, or its sequences jump on the next start.
      closing ??= (async () => {
        try {
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
  return {
    kind: "postgres",
    prisma,
    location: describeServer(databaseUrl),
    close() {
      closing ??= prisma.$disconnect();
      return closing;
    },
  };
}

import "server-only";
import { createHash, randomUUID } from "node:crypto";
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";

/**
 * Applies the SQL files of `prisma/migrations/` in order and records them
 * in `_prisma_migrations` exactly as `prisma migrate deploy` does (same
 * table, sha256 checksum of the file, names, timestamps, advisory lock), so
 * a database migrated here is one that Prisma's own CLI accepts, and the
 * other way round. Each migration runs in its own transaction with its
 * record, so a failure leaves neither half a schema nor a failed record.
 */

/** One connection, not a pool: BEGIN and COMMIT must reach the same session. */
export interface SqlConnection {
  query<Row>(sql: string, params?: unknown[]): Promise<Row[]>;
  /** Runs a script of several statements. */
  execScript(sql: string): Promise<void>;
}

export type Migration = { name: string; sql: string; checksum: string };

export type AppliedMigration = {
  migration_name: string;
  checksum: string;
  finished_at: Date | null;
  rolled_back_at: Date | null;
};

/** The key `prisma migrate` locks on, so both never migrate at once. */
const PRISMA_ADVISORY_LOCK_KEY = 72707369;

export class MigrationError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "MigrationError";
  }
}

/** Reads every `<folder>/<name>/migration.sql`, ordered by name. */
export function readMigrations(migrationsDir: string): Migration[] {
  return readdirSync(migrationsDir)
    .filter((entry) => statSync(join(migrationsDir, entry)).isDirectory())
    .sort()
    .map((name) => {
      const bytes = readFileSync(join(migrationsDir, name, "migration.sql"));
      return {
        name,
        sql: bytes.toString("utf8"),
        checksum: createHash("sha256").update(bytes).digest("hex"),
      };
    });
}

const createMigrationsTable = `
CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
    "id"                    VARCHAR(36) PRIMARY KEY NOT NULL,
    "checksum"              VARCHAR(64) NOT NULL,
    "finished_at"           TIMESTAMPTZ,
    "migration_name"        VARCHAR(255) NOT NULL,
    "logs"                  TEXT,
    "rolled_back_at"        TIMESTAMPTZ,
    "started_at"            TIMESTAMPTZ NOT NULL DEFAULT now(),
    "applied_steps_count"   INTEGER NOT NULL DEFAULT 0
)`;

/** Migrations recorded in the database, in the order they were applied. */
async function findAppliedMigrations(connection: SqlConnection): Promise<AppliedMigration[]> {
  await connection.execScript(createMigrationsTable);
  return connection.query<AppliedMigration>(
    `SELECT migration_name, checksum, finished_at, rolled_back_at FROM "_prisma_migrations" ORDER BY started_at, migration_name`,
  );
}

/** Names of the migrations on disk that the database does not have yet. */
function findPendingMigrations(migrations: Migration[], applied: AppliedMigration[]): Migration[] {
  const done = new Set(
    applied.filter((row) => row.finished_at !== null && row.rolled_back_at === null).map((row) => row.migration_name),
  );
  return migrations.filter((migration) => !done.has(migration.name));
}

function assertNoFailedMigration(applied: AppliedMigration[]): void {
  const failed = applied.find((row) => row.finished_at === null && row.rolled_back_at === null);
  if (failed) {
    throw new MigrationError(
      `Migration ${failed.migration_name} failed earlier and is still marked as started. ` +
        `Fix the database, then mark it with \`prisma migrate resolve\` before migrating again.`,
    );
  }
}

/**
 * Refuses a database that a newer version of the app has migrated: this
 * version's code would misread a schema it does not know. During a rolling
 * deploy the old instances keep running (they checked at their own start);
 * an old one started afterwards stops here instead of serving.
 */
function assertNoUnknownMigration(migrations: Migration[], applied: AppliedMigration[]): void {
  const known = new Set(migrations.map((migration) => migration.name));
  const unknown = applied.find((row) => row.rolled_back_at === null && !known.has(row.migration_name));
  if (unknown) {
    throw new MigrationError(
      `the database has migration ${unknown.migration_name} applied, which this version does not know; ` +
        `run the newer version or restore the database.`,
    );
  }
}

/**
 * Brings the database up to date. Returns the names it applied. Warns (and
 * carries on) when an applied migration's file was edited afterwards, as
 * Prisma does on deploy; refuses a database holding a migration it has no
 * file for (MigrationError).
 */
export async function applyMigrations(
  connection: SqlConnection,
  migrations: Migration[],
  options: { useAdvisoryLock: boolean; log?: (line: string) => void },
): Promise<string[]> {
  const log = options.log ?? (() => {});
  if (options.useAdvisoryLock) await connection.query(`SELECT pg_advisory_lock(${PRISMA_ADVISORY_LOCK_KEY})`);
  try {
    const applied = await findAppliedMigrations(connection);
    assertNoUnknownMigration(migrations, applied);
    assertNoFailedMigration(applied);
    const onDisk = new Map(migrations.map((migration) => [migration.name, migration]));
    for (const row of applied) {
      const file = onDisk.get(row.migration_name);
      if (file && row.finished_at !== null && row.checksum !== file.checksum) {
        log(`warning: migration ${row.migration_name} was modified after it was applied`);
      }
    }
    const appliedNames: string[] = [];
    for (const migration of findPendingMigrations(migrations, applied)) {
      await applyOne(connection, migration);
      log(`applied migration ${migration.name}`);
      appliedNames.push(migration.name);
    }
    return appliedNames;
  } finally {
    if (options.useAdvisoryLock) await connection.query(`SELECT pg_advisory_unlock(${PRISMA_ADVISORY_LOCK_KEY})`);
  }
}

async function applyOne(connection: SqlConnection, migration: Migration): Promise<void> {
  await connection.execScript("BEGIN");
  try {
    const startedAt = new Date();
    await connection.execScript(migration.sql);
    await connection.query(
      `INSERT INTO "_prisma_migrations" (id, checksum, finished_at, migration_name, logs, rolled_back_at, started_at, applied_steps_count)
       VALUES ($1, $2, now(), $3, NULL, NULL, $4, 1)`,
      [randomUUID(), migration.checksum, migration.name, startedAt.toISOString()],
    );
    await connection.execScript("COMMIT");
  } catch (error) {
    await connection.execScript("ROLLBACK");
    throw new MigrationError(
      `Migration ${migration.name} failed and was rolled back: ${error instanceof Error ? error.message : String(error)}`,
      { cause: error },
    );
  }
}

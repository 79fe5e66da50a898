import { createHash } from "node:crypto";
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { PrismaPg } from "@prisma/adapter-pg";
import { afterEach, describe, expect, inject, it } from "vitest";
import { createTestDatabase, type TestDatabaseTarget } from "@/test/test-databases";
import { checkDatabase } from "./check-database";
import { DataDirInUseError } from "./data-dir-lock";
import { PrismaClient } from "./generated/prisma/client";
import { MigrationError } from "./migrations";
import { type Database, openDatabase } from "./open-database";
import { getInstallationSummary, recordServerStart } from "./server-starts";

const migrationsDir = resolve("prisma/migrations");
const opened: Database[] = [];

async function open(
  target: TestDatabaseTarget,
  options: { migrationsDir?: string; poolSize?: number; log?: (line: string) => void } = {},
) {
  const database = await openDatabase({ databaseUrl: target.databaseUrl, dataDir: target.dataDir, ...options });
  opened.push(database);
  return database;
}

afterEach(async () => {
  await Promise.all(opened.splice(0).map((database) => database.close()));
});

describe.each(["embedded", "postgres"] as const)("%s database", (kind) => {
  // A data folder with no database yet, for the test of making one; the others start from the migrated
  // template (an embedded cluster takes seconds to create), which is what a restart or an upgrade meets.
  const fresh = () => createTestDatabase(kind, { empty: true });
  const existing = () => createTestDatabase(kind);

  it("creates and migrates a new database, recording migrations as Prisma does", async () => {
    const target = await fresh();
    const log: string[] = [];
    const database = await open(target, { log: (line) => log.push(line) });
    expect(database.kind).toBe(kind);
    expect(log).toContain("applied migration 20261126064103_init");
    const rows = await database.prisma.$queryRaw<
      { migration_name: string; checksum: string; applied_steps_count: number; finished_at: Date | null }[]
    >`
      SELECT migration_name, checksum, applied_steps_count, finished_at FROM "_prisma_migrations"`;
    const sql = readFileSync(join(migrationsDir, "20261126064103_init/migration.sql"));
    expect(rows).toContainEqual(
      expect.objectContaining({
        migration_name: "20261126064103_init",
        checksum: createHash("sha256").update(sql).digest("hex"),
        applied_steps_count: 1,
        finished_at: expect.any(Date),
      }),
    );
    expect(rows).toHaveLength(readdirSync(migrationsDir).filter((entry) => entry !== "migration_lock.toml").length);
  });

  it("keeps what was written across a restart and does not migrate twice", async () => {
    const target = await existing();
    const first = await open(target);
    await recordServerStart(first, "1.0.0");
    await first.close();

    const log: string[] = [];
    const second = await open(target, { log: (line) => log.push(line) });
    expect(log.filter((line) => line.startsWith("applied"))).toEqual([]);
    await recordServerStart(second, "1.0.1");
    const summary = await getInstallationSummary(second);
    expect(summary.starts).toBe(2);
    expect(summary.installedAt!.getTime()).toBeLessThanOrEqual(summary.lastStartedAt!.getTime());
  });

  it("rolls back a failing migration whole and leaves no record of it", async () => {
    const target = await existing();
    const folder = mkdtempSync(join(inject("tempRoot"), "migrations-"));
    cpSync(migrationsDir, folder, { recursive: true });
    mkdirSync(join(folder, "20990101000000_broken"));
    writeFileSync(
      join(folder, "20990101000000_broken/migration.sql"),
      'CREATE TABLE "half_done" (id INT);\nALTER TABLE "no_such_table" ADD COLUMN x INT;\n',
    );
    await expect(open(target, { migrationsDir: folder })).rejects.toThrowError(MigrationError);
    await expect(open(target, { migrationsDir: folder })).rejects.toThrowError(
      /20990101000000_broken failed and was rolled back/,
    );

    const database = await open(target);
    const tables = await database.prisma.$queryRaw<{ table_name: string }[]>`
      SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY table_name`;
    expect(tables.map((row) => row.table_name)).not.toContain("half_done");
    expect(tables.map((row) => row.table_name)).toContain("server_start");
    const names = await database.prisma.$queryRaw<
      { migration_name: string }[]
    >`SELECT migration_name FROM "_prisma_migrations"`;
    expect(names.map((row) => row.migration_name)).not.toContain("20990101000000_broken");
    expect(names.map((row) => row.migration_name)).toContain("20261126064103_init");
  });

  it("refuses a database that a newer version migrated, naming the migration it does not know", async () => {
    const target = await existing();
    const newer = mkdtempSync(join(inject("tempRoot"), "migrations-"));
    cpSync(migrationsDir, newer, { recursive: true });
    mkdirSync(join(newer, "20990101000000_newer_feature"));
    writeFileSync(
      join(newer, "20990101000000_newer_feature/migration.sql"),
      'CREATE TABLE "newer_feature" (id INT);\n',
    );
    await (await open(target, { migrationsDir: newer })).close();

    await expect(open(target)).rejects.toThrowError(
      new MigrationError(
        "the database has migration 20990101000000_newer_feature applied, which this version does not know; " +
          "run the newer version or restore the database.",
      ),
    );
    // The newer version still opens it.
    await expect(open(target, { migrationsDir: newer })).resolves.toMatchObject({ kind });
  });

  it("answers a health check", async () => {
    const database = await open(await existing());
    const health = await checkDatabase(database);
    expect(health).toMatchObject({ kind, ok: true });
  });
});

describe("embedded database ownership", () => {
  it("refuses a second owner of the same data folder", async () => {
    const target = await createTestDatabase("embedded");
    await open(target);
    await expect(openDatabase({ databaseUrl: undefined, dataDir: target.dataDir })).rejects.toThrowError(
      DataDirInUseError,
    );
  });

  it("can be opened again once closed", async () => {
    const target = await createTestDatabase("embedded");
    await (await open(target)).close();
    await open(target);
  });
});

describe("health of an unreachable server", () => {
  it("reports the database as not answering instead of hanging", async () => {
    const prisma = new PrismaClient({
      adapter: new PrismaPg({
        connectionString: "postgresql://postgres@127.0.0.1:9/none",
        connectionTimeoutMillis: 1_000,
      }),
    });
    const health = await checkDatabase(
      {
        kind: "postgres",
        prisma,
        location: "127.0.0.1:9/none",
        listen: async () => async () => {},
        notify: async () => {},
        isClosed: false,
        close: () => prisma.$disconnect(),
      },
      5_000,
    );
    expect(health.ok).toBe(false);
    expect(health.message).toMatch(/The postgres database did not answer/);
    await prisma.$disconnect();
  });
});

describe("PostgreSQL connection errors", () => {
  it("names DATABASE_URL and the server without the password", async () => {
    const attempt = openDatabase({ databaseUrl: "postgresql://me:topsecret@127.0.0.1:9/studio", dataDir: "." });
    await expect(attempt).rejects.toThrowError(
      /Cannot connect to the PostgreSQL server at 127\.0\.0\.1:9\/studio \(DATABASE_URL\)/,
    );
    await expect(attempt).rejects.not.toThrowError(/topsecret/);
  });
});

describe("the PostgreSQL connection pool", () => {
  it("opens no more connections than its size, however many queries wait", async () => {
    const database = await open(await createTestDatabase("postgres"), { poolSize: 2 });
    const backends = await Promise.all(
      Array.from(
        { length: 6 },
        () => database.prisma.$queryRaw<{ pid: number }[]>`SELECT pg_backend_pid() AS pid FROM pg_sleep(0.05)`,
      ),
    );
    expect(new Set(backends.map(([row]) => row!.pid)).size).toBe(2);
  });
});

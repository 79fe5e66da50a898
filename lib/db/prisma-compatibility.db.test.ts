import { cpSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { PrismaPg } from "@prisma/adapter-pg";
import type { SqlMigrationAwareDriverAdapterFactory } from "@prisma/driver-adapter-utils";
import { PrismaPGlite } from "pglite-prisma-adapter";
import { describe, expect, inject, it } from "vitest";
import { createTestDatabase } from "@/test/test-databases";
import { authorMigration } from "./author-migration";
import { readMigrations } from "./migrations";
import { openDatabase } from "./open-database";
import { openSchemaEngine, toMigrationList } from "./schema-engine";

/**
 * Prisma's own schema engine (the code behind `prisma migrate deploy` and
 * `prisma migrate status`) must accept a database that our runner migrated:
 * no failed, edited or missing migrations, nothing left to apply, no drift.
 */

const schemaPath = resolve("prisma/schema.prisma");
const migrationsDir = resolve("prisma/migrations");
const noFilters = { externalTables: [], externalEnums: [] };

async function expectPrismaAccepts(adapter: SqlMigrationAwareDriverAdapterFactory) {
  const engine = await openSchemaEngine(adapter, schemaPath);
  try {
    const migrationsList = toMigrationList(migrationsDir, readMigrations(migrationsDir));
    const diagnosis = await engine.diagnoseMigrationHistory({
      migrationsList,
      optInToShadowDatabase: false,
      filters: noFilters,
    });
    expect(diagnosis).toMatchObject({
      history: null,
      failedMigrationNames: [],
      editedMigrationNames: [],
      hasMigrationsTable: true,
    });
    const deploy = await engine.applyMigrations({ migrationsList, filters: noFilters });
    expect(deploy.appliedMigrationNames).toEqual([]);
  } finally {
    engine.free();
  }
}

describe("the migration runner and Prisma's schema engine", () => {
  it("leaves an embedded database that Prisma's migrate deploy and status accept", async () => {
    const target = await createTestDatabase("embedded", { empty: true });
    await (await openDatabase({ databaseUrl: undefined, dataDir: target.dataDir })).close();
    const pglite = await PGlite.create(join(target.dataDir, "db"));
    try {
      await expectPrismaAccepts(new PrismaPGlite(pglite));
    } finally {
      await pglite.close();
    }
  });

  it("leaves a PostgreSQL database that Prisma's migrate deploy and status accept", async () => {
    const target = await createTestDatabase("postgres");
    await (await openDatabase({ databaseUrl: target.databaseUrl, dataDir: target.dataDir })).close();
    const adapter = Object.assign(new PrismaPg({ connectionString: target.databaseUrl! }), {
      connectToShadowDb: () => Promise.reject(new Error("no shadow database in this check")),
    });
    await expectPrismaAccepts(adapter);
  });
});

describe("authoring a migration", () => {
  it("writes the schema's new model as SQL that then applies, and nothing when up to date", async () => {
    const folder = mkdtempSync(join(inject("tempRoot"), "author-"));
    cpSync(migrationsDir, join(folder, "migrations"), { recursive: true });
    const schema = join(folder, "schema.prisma");
    writeFileSync(
      schema,
      readFileSync(schemaPath, "utf8") +
        "\nmodel Probe {\n  id   Int    @id @default(autoincrement())\n  note String\n}\n",
    );
    const options = {
      schemaPath: schema,
      migrationsDir: join(folder, "migrations"),
      name: "add_probe",
      now: new Date("2099-01-02T03:04:05Z"),
    };
    const written = await authorMigration(options);
    expect(written).toBe("20990102030405_add_probe");
    const sql = readFileSync(join(folder, "migrations", written!, "migration.sql"), "utf8");
    expect(sql).toContain('CREATE TABLE "Probe"');

    const target = await createTestDatabase("embedded");
    const database = await openDatabase({
      databaseUrl: undefined,
      dataDir: target.dataDir,
      migrationsDir: join(folder, "migrations"),
    });
    await database.prisma.$executeRaw`INSERT INTO "Probe" (note) VALUES ('kept')`;
    await database.close();

    expect(await authorMigration({ ...options, name: "again" })).toBeNull();
    // The schema engine replays every migration in in-memory databases, twice: past a minute on a busy two-core machine.
  }, 180_000);

  it("rejects a name that is not a plain identifier", async () => {
    await expect(authorMigration({ schemaPath, migrationsDir, name: "../escape" })).rejects.toThrowError(
      /letters, digits and underscores/,
    );
  });
});

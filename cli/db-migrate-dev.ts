/**
 * `npm run db:migrate:dev -- <name>`: authors a new migration from the
 * difference between prisma/migrations and prisma/schema.prisma, with
 * Prisma's schema engine in WebAssembly and in-memory PGlite databases, then
 * regenerates the client. The app applies it on its next start, or run
 * `npm run db:migrate`.
 */
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { spawnSync } from "node:child_process";
import { PGlite } from "@electric-sql/pglite";
import { readMigrations } from "@/lib/db/migrations";
import { openSchemaEngine, toMigrationList } from "@/lib/db/schema-engine";
import { runCli } from "./run-cli";

const schemaPath = resolve("prisma/schema.prisma");
const migrationsDir = resolve("prisma/migrations");

/** Prisma names migration folders by UTC time: YYYYMMDDHHMMSS. */
function timestampForMigration(date: Date): string {
  return date.toISOString().replace(/[-:T]/g, "").slice(0, 14);
}

runCli(async (args) => {
  const name = args.filter((arg) => !arg.startsWith("-")).join("_");
  if (!/^[a-z0-9_]+$/i.test(name)) {
    throw new Error("Give the migration a name of letters, digits and underscores: npm run db:migrate:dev -- add_images");
  }
  const database = new PGlite();
  try {
    const engine = await openSchemaEngine(database, schemaPath);
    const migrations = readMigrations(migrationsDir);
    const diff = await engine.diff({
      from: { tag: "migrations", ...toMigrationList(migrationsDir, migrations) },
      to: { tag: "schemaDatamodel", files: [{ path: schemaPath, content: readFileSync(schemaPath, "utf8") }] },
      script: true,
      exitCode: true,
      filters: { externalTables: [], externalEnums: [] },
    });
    engine.free();
    const script = diff.stdout ?? "";
    if (diff.exitCode === 0 && !args.includes("--draft")) {
      console.log("The schema matches the migrations already: nothing to write.");
      return;
    }
    const folderName = `${timestampForMigration(new Date())}_${name}`;
    const folder = join(migrationsDir, folderName);
    mkdirSync(folder, { recursive: true });
    writeFileSync(join(folder, "migration.sql"), script);
    console.log(`Wrote prisma/migrations/${folderName}/migration.sql`);
  } finally {
    await database.close();
  }
  const generate = spawnSync(process.execPath, ["scripts/prisma-generate.mjs"], { stdio: "inherit" });
  if (generate.status !== 0) throw new Error("prisma generate failed");
  console.log("It will be applied on the next start, or now with: npm run db:migrate");
});

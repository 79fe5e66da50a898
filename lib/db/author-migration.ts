import "server-only";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { PrismaPGlite } from "pglite-prisma-adapter";
import { readMigrations } from "./migrations";
import { openSchemaEngine, toMigrationList } from "./schema-engine";

/** Prisma names migration folders by UTC time: YYYYMMDDHHMMSS_name. */
function migrationFolderName(date: Date, name: string): string {
  return `${date.toISOString().replace(/[-:T]/g, "").slice(0, 14)}_${name}`;
}

/**
 * Writes a new migration holding the difference between what the existing
 * migrations build and what the schema declares, as `prisma migrate dev
 * --create-only` would. Both sides are computed in in-memory PGlite
 * databases. Returns the new folder's name, or null when nothing changed
 * (unless `draft`, which writes an empty migration to fill by hand).
 */
export async function authorMigration(options: {
  schemaPath: string;
  migrationsDir: string;
  name: string;
  draft?: boolean;
  now?: Date;
}): Promise<string | null> {
  if (!/^[A-Za-z0-9_]+$/.test(options.name)) {
    throw new Error("A migration name holds letters, digits and underscores only, such as add_images.");
  }
  const database = new PGlite();
  try {
    const engine = await openSchemaEngine(new PrismaPGlite(database), options.schemaPath);
    try {
      const diff = await engine.diff({
        from: { tag: "migrations", ...toMigrationList(options.migrationsDir, readMigrations(options.migrationsDir)) },
        to: {
          tag: "schemaDatamodel",
          files: [{ path: options.schemaPath, content: readFileSync(options.schemaPath, "utf8") }],
        },
        script: true,
        exitCode: true,
        filters: { externalTables: [], externalEnums: [] },
      });
      // exitCode 0: no difference; 2: a difference, printed as SQL to stdout.
      if (diff.exitCode === 0 && !options.draft) return null;
      const folderName = migrationFolderName(options.now ?? new Date(), options.name);
      mkdirSync(join(options.migrationsDir, folderName), { recursive: true });
      writeFileSync(join(options.migrationsDir, folderName, "migration.sql"), diff.stdout ?? "");
      return folderName;
    } finally {
      engine.free();
    }
  } finally {
    await database.close();
  }
}

import "server-only";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import {
  bindMigrationAwareSqlAdapterFactory,
  type SqlMigrationAwareDriverAdapterFactory,
} from "@prisma/driver-adapter-utils";
import type { MigrationList, SchemaEngine } from "@prisma/schema-engine-wasm";
import type { Migration } from "./migrations";

/**
 * Prisma's schema engine compiled to WebAssembly, for authoring migrations
 * on machines without Prisma's native engines. Development tooling: used by
 * `npm run db:migrate:dev` and the tests, never by the running app.
 */

type WasmBindings = typeof import("@prisma/schema-engine-wasm/schema_engine_bg");

let bindings: Promise<WasmBindings> | undefined;

/** The package's entry imports the .wasm as an ES module, which Node cannot; instantiate it by hand, once per process. */
function loadBindings(): Promise<WasmBindings> {
  bindings ??= (async () => {
    const glue: WasmBindings = await import("@prisma/schema-engine-wasm/schema_engine_bg");
    const packageDir = dirname(createRequire(import.meta.url).resolve("@prisma/schema-engine-wasm/schema_engine_bg"));
    const wasmModule = new WebAssembly.Module(readFileSync(join(packageDir, "schema_engine_bg.wasm")));
    const instance = new WebAssembly.Instance(wasmModule, {
      "./schema_engine_bg.js": glue as unknown as WebAssembly.ModuleImports,
    });
    glue.__wbg_set_wasm(instance.exports);
    (instance.exports as { __wbindgen_start: () => void }).__wbindgen_start();
    const registry = globalThis as { PRISMA_WASM_PANIC_REGISTRY?: { set_message(message: string): void } };
    registry.PRISMA_WASM_PANIC_REGISTRY ??= {
      set_message(message: string) {
        console.error(`Prisma schema engine panicked: ${message}`);
      },
    };
    return glue;
  })();
  return bindings;
}

/**
 * Opens the schema engine on a database reached through a Prisma driver
 * adapter (PGlite's makes its shadow databases in memory).
 */
export async function openSchemaEngine(
  adapter: SqlMigrationAwareDriverAdapterFactory,
  schemaPath: string,
): Promise<SchemaEngine> {
  const { SchemaEngine: Engine } = await loadBindings();
  const adapterFactory = bindMigrationAwareSqlAdapterFactory(adapter);
  return Engine.new({ datamodels: [[schemaPath, readFileSync(schemaPath, "utf8")]] }, () => {}, adapterFactory);
}

/** The migrations folder in the shape the engine reads it. */
export function toMigrationList(migrationsDir: string, migrations: Migration[]): MigrationList {
  return {
    baseDir: migrationsDir,
    lockfile: {
      path: "migration_lock.toml",
      content: readFileSync(join(migrationsDir, "migration_lock.toml"), "utf8"),
    },
    shadowDbInitScript: "",
    migrationDirectories: migrations.map((migration) => ({
      path: migration.name,
      migrationFile: { path: "migration.sql", content: { tag: "ok", value: migration.sql } },
    })),
  };
}

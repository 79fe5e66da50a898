import { cpSync, mkdtempSync } from "node:fs";
import { join } from "node:path";
import { Client } from "pg";
import { inject } from "vitest";
import { type Database, openDatabase } from "@/lib/db/open-database";
// Imported under another name: a function named use... is taken for a React hook by the linter.
import { useTestDatabase as answerRoutesFrom } from "./route-harness";

/**
 * The two database kinds every database test runs against: an embedded
 * database in a data folder of its own, or a fresh database on the test
 * PostgreSQL server.
 */
export type TestDatabaseTarget = { kind: "embedded" | "postgres"; databaseUrl: string | undefined; dataDir: string };

let counter = 0;

/**
 * A new database of the given kind, in this run's temporary folder or on its
 * PostgreSQL server. An embedded one is a copy of a database the app created
 * and migrated once for the whole run (creating a PGlite cluster takes
 * seconds; opening a copy, under one), unless `empty` asks for a data folder
 * with no database in it yet, for the tests of creating and migrating one.
 */
export async function createTestDatabase(
  kind: "embedded" | "postgres",
  options: { empty?: boolean } = {},
): Promise<TestDatabaseTarget> {
  const serverUrl = inject("postgresUrl");
  const dataDir = mkdtempSync(join(inject("tempRoot"), "data-"));
  if (kind === "embedded") {
    if (!options.empty) cpSync(inject("embeddedTemplate"), join(dataDir, "db"), { recursive: true });
    return { kind, databaseUrl: undefined, dataDir };
  }
  const name = `studio_test_${process.pid}_${Date.now()}_${counter++}`;
  const admin = new Client({ connectionString: serverUrl });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE "${name}"`);
  } finally {
    await admin.end();
  }
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return { kind, databaseUrl: url.toString(), dataDir };
}

/**
 * A new migrated database of the given kind, opened and made the one the
 * app's route handlers answer from (useTestDatabase): what a test of the
 * routes starts with. The caller closes it.
 */
export async function openTestDatabase(kind: "embedded" | "postgres"): Promise<Database> {
  const target = await createTestDatabase(kind);
  const database = await openDatabase({ databaseUrl: target.databaseUrl, dataDir: target.dataDir });
  answerRoutesFrom(database);
  return database;
}

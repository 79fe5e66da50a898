import { mkdtempSync } from "node:fs";
import { join } from "node:path";
import { Client } from "pg";
import { inject } from "vitest";

/**
 * The two database kinds every database test runs against: a fresh embedded
 * data folder, or a fresh database on the test PostgreSQL server.
 */
export type TestDatabaseTarget = { kind: "embedded" | "postgres"; databaseUrl: string | undefined; dataDir: string };

let counter = 0;

/** A new, empty database of the given kind, in this run's temporary folder or on its PostgreSQL server. */
export async function createTestDatabase(kind: "embedded" | "postgres"): Promise<TestDatabaseTarget> {
  const serverUrl = inject("postgresUrl");
  const dataDir = mkdtempSync(join(inject("tempRoot"), "data-"));
  if (kind === "embedded") return { kind, databaseUrl: undefined, dataDir };
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

import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Client } from "pg";

/**
 * The two database kinds every database test runs against: a fresh embedded
 * data folder, or a fresh database on the test PostgreSQL server.
 */
export type TestDatabaseTarget = { kind: "embedded" | "postgres"; databaseUrl: string | undefined; dataDir: string };

let counter = 0;

export async function createTestDatabase(kind: "embedded" | "postgres", serverUrl: string): Promise<TestDatabaseTarget> {
  const dataDir = mkdtempSync(join(tmpdir(), "studio-db-test-"));
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

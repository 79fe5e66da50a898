import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { TestProject } from "vitest/node";
import { startPostgresServer } from "./postgres-server";

declare module "vitest" {
  export interface ProvidedContext {
    postgresUrl: string;
    /** A folder for this run's embedded databases, removed afterwards. */
    tempRoot: string;
  }
}

/** One PostgreSQL server for the whole database test run; each test file makes its own databases on it. */
export default async function setup(project: TestProject) {
  const server = await startPostgresServer();
  const tempRoot = mkdtempSync(join(tmpdir(), "studio-db-tests-"));
  project.provide("postgresUrl", server.url());
  project.provide("tempRoot", tempRoot);
  return () => {
    server.stop();
    rmSync(tempRoot, { recursive: true, force: true });
  };
}

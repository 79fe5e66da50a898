import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { TestProject } from "vitest/node";
import { embeddedDatabaseFolder } from "@/lib/db/data-dir-lock";
import { openDatabase } from "@/lib/db/open-database";
import { startPostgresServer } from "./postgres-server";

declare module "vitest" {
  export interface ProvidedContext {
    postgresUrl: string;
    /** A folder for this run's embedded databases, removed afterwards. */
    tempRoot: string;
    /** An embedded database folder the app created and migrated, for tests to copy. */
    embeddedTemplate: string;
  }
}

/** One PostgreSQL server for the whole database test run (each test file makes its own databases on it), and the embedded databases' template. */
export default async function setup(project: TestProject) {
  const tempRoot = mkdtempSync(join(tmpdir(), "studio-db-tests-"));
  const templateDir = join(tempRoot, "template");
  const [server] = await Promise.all([
    startPostgresServer(),
    openDatabase({ databaseUrl: undefined, dataDir: templateDir }).then((database) => database.close()),
  ]);
  project.provide("postgresUrl", server.url());
  project.provide("tempRoot", tempRoot);
  project.provide("embeddedTemplate", embeddedDatabaseFolder(templateDir));
  return () => {
    server.stop();
    rmSync(tempRoot, { recursive: true, force: true });
  };
}

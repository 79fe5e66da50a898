import type { TestProject } from "vitest/node";
import { startPostgresServer } from "./postgres-server";

declare module "vitest" {
  export interface ProvidedContext {
    postgresUrl: string;
  }
}

/** One PostgreSQL server for the whole database test run; each test file makes its own databases on it. */
export default async function setup(project: TestProject) {
  const server = await startPostgresServer();
  project.provide("postgresUrl", server.url());
  return () => server.stop();
}

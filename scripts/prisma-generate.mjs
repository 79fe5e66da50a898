#!/usr/bin/env node
// Generates the Prisma client without Prisma's native schema engine, which
// cannot be downloaded on every machine: generation does not need it, but the
// CLI insists that the file exists, so it is pointed at a stub that explains.
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";

const stub = fileURLToPath(new URL("./schema-engine-stub.sh", import.meta.url));
const result = spawnSync("npx", ["--no-install", "prisma", "generate"], {
  stdio: "inherit",
  env: {
    ...process.env,
    CHECKPOINT_DISABLE: "1",
    PRISMA_HIDE_UPDATE_MESSAGE: "1",
    PRISMA_SCHEMA_ENGINE_BINARY: process.env.PRISMA_SCHEMA_ENGINE_BINARY ?? stub,
  },
});
process.exit(result.status ?? 1);

import { spawnSync } from "node:child_process";
import { rmSync } from "node:fs";
import { databaseTemplateDir } from "./studio-process";

/**
 * Before the specs: an embedded database created and migrated by the app's
 * own code, which `newDataDir()` copies so that a spec's server opens an
 * existing database in under a second instead of creating one for several.
 * Made anew on every run, so it always has the current migrations.
 */
export default function globalSetup(): void {
  rmSync(databaseTemplateDir, { recursive: true, force: true });
  const made = spawnSync(
    process.execPath,
    ["--import", "tsx", "--conditions=react-server", "e2e/support/create-database-template.ts", databaseTemplateDir],
    {
      stdio: "inherit",
    },
  );
  if (made.status !== 0)
    throw new Error(`Creating the embedded database template failed (exit code ${made.status ?? made.signal}).`);
}

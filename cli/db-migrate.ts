/**
 * `npm run db:migrate`: applies pending migrations to the configured
 * database (DATABASE_URL, or the embedded one in DATA_DIR when it is not
 * running) and prints what it did.
 */
import { ConfigError, parseConfig } from "@/lib/config";
import { openDatabase } from "@/lib/db/open-database";
import { runCli } from "./run-cli";

runCli(async () => {
  let config;
  try {
    config = parseConfig(process.env);
  } catch (error) {
    throw error instanceof ConfigError ? new Error(error.message) : error;
  }
  const applied: string[] = [];
  const database = await openDatabase({
    databaseUrl: config.databaseUrl,
    dataDir: config.dataDir,
    log: (line) => {
      console.log(line);
      if (line.startsWith("applied")) applied.push(line);
    },
  });
  await database.close();
  console.log(
    `${database.kind} database at ${database.location}: ${applied.length === 0 ? "already up to date" : `${applied.length} migration(s) applied`}`,
  );
});

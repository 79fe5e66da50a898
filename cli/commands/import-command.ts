import { createHash } from "node:crypto";
import { realpathSync } from "node:fs";
import { basename, resolve } from "node:path";
import { parseArgs } from "node:util";
import { can } from "../../lib/auth/policy";
import { getConfig } from "../../lib/config";
import type { Database } from "../../lib/db/open-database";

export const importUsage =
  "preferthinker import --benchmark <folder> [--subset TEST_SP_ID,...] --as <researcher email>";

/** The configured database, as the server opens it; the embedded one only while no server holds it. */
async function openConfiguredDatabase(): Promise<Database> {
  // Loaded here, not at the top: every other command would pay for the database driver's start-up.
  const [{ DataDirInUseError }, { openDatabase }] = await Promise.all([
    import("../../lib/db/data-dir-lock"),
    import("../../lib/db/open-database"),
  ]);
  const config = getConfig();
  try {
    return await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  } catch (error) {
    if (error instanceof DataDirInUseError) {
      throw new Error(
        `${error.message} The embedded database takes one process: stop the server, or import through the API (POST /api/benchmarks/imports).`,
      );
    }
    throw error;
  }
}

/**
 * How a folder imported here is named in the app: its own name and a short
 * hash of its real path, which tells two folders of one name apart without
 * showing researchers where the server keeps them.
 */
export function commandLineSource(folder: string): string {
  const real = realpathSync(folder);
  return `${basename(real)} (command line, folder ${createHash("sha256").update(real).digest("hex").slice(0, 8)})`;
}

/**
 * Imports benchmark subsets from a folder into a researcher's account, all or
 * nothing, straight into the configured database.
 */
export async function runImport(args: string[]): Promise<void> {
  const { values } = parseArgs({
    args,
    options: { benchmark: { type: "string" }, subset: { type: "string" }, as: { type: "string" } },
  });
  if (!values.benchmark) throw new Error(`--benchmark is required\nusage: ${importUsage}`);
  if (!values.as)
    throw new Error(
      `--as is required: the email of the researcher account that will own the subsets\nusage: ${importUsage}`,
    );
  const folder = resolve(values.benchmark);
  const database = await openConfiguredDatabase();
  const [{ getUserByEmail }, { importBenchmarkSubsets }] = await Promise.all([
    import("../../lib/db/users"),
    import("../../lib/server/benchmarks/import-benchmark-subset"),
  ]);
  try {
    const user = await getUserByEmail(database, values.as);
    if (!user || user.disabledAt) throw new Error(`no enabled account ${values.as}`);
    if (!can({ userId: user.id, email: user.email, roles: user.roles }, "benchmarks"))
      throw new Error(`${user.email} is not a researcher (roles: ${user.roles.join(", ")}); an admin can add the role`);
    const started = performance.now();
    const subsets = await importBenchmarkSubsets(database, user.id, {
      folder,
      source: commandLineSource(folder),
      subsets: values.subset?.split(","),
      onProgress: ({ done, total }) => {
        if (process.stderr.isTTY) process.stderr.write(`\rpictures ${done}/${total}`);
      },
    });
    if (process.stderr.isTTY) process.stderr.write("\n");
    const seconds = (performance.now() - started) / 1000;
    const samples = subsets.reduce((total, subset) => total + subset.sampleCount, 0);
    for (const subset of subsets)
      console.log(`${subset.name.padEnd(14)} ${String(subset.sampleCount).padStart(5)} samples  subset ${subset.id}`);
    console.log(
      `${samples} samples imported for ${user.email} in ${seconds.toFixed(1)} s (${(samples / seconds).toFixed(1)} samples/s)`,
    );
  } finally {
    await database.close();
  }
}

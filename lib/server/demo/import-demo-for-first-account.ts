import "server-only";
import { resolve } from "node:path";
import { getConfig } from "@/lib/config";
import type { Database } from "@/lib/db/open-database";
import { readDemoManifest } from "@/lib/demo/write-demo-benchmark";
import { importBenchmarkSubsets } from "@/lib/server/benchmarks/import-benchmark-subset";
import { demoFolderLabel } from "@/lib/server/benchmarks/resolve-import-folder";

/**
 * A new installation's first account (its admin) gets the demo benchmark's
 * subsets, so the Benchmarks page has something to run on from the start.
 * It runs in the background after the sign-up has answered (a minute or so
 * for 2,400 pictures); a failure is logged and leaves the import button on
 * the page. DEMO_DATA=off or DEMO_IMPORT=off skips it.
 */
export async function importDemoForFirstAccount(database: Database, userId: string): Promise<void> {
  const config = getConfig();
  if (!config.demo.importForFirstAccount) return;
  const folder = resolve(config.demo.folder);
  if (!(await readDemoManifest(folder))) {
    console.warn(`[demo] no demo benchmark at ${folder}: the first account gets no demo subsets.`);
    return;
  }
  const started = performance.now();
  try {
    const subsets = await importBenchmarkSubsets(database, userId, { folder, source: demoFolderLabel });
    console.log(
      `[demo] imported ${subsets.map((subset) => subset.name).join(", ")} for the first account in ${((performance.now() - started) / 1000).toFixed(1)} s.`,
    );
  } catch (error) {
    console.error("[demo] the demo benchmark could not be imported for the first account:", error);
  }
}

import "server-only";
import { ConfigError, getConfig } from "@/lib/config";
import { closeDatabase, getDatabase } from "@/lib/db/client";
import type { Database } from "@/lib/db/open-database";
import { recordServerStart } from "@/lib/db/server-starts";
import { failInterruptedAssessments } from "@/lib/db/assessments";
import { deleteExpiredSessions } from "@/lib/db/sessions";
import { sweepImageStore } from "@/lib/images/image-library";
import { startEvaluationWorkers, stopEvaluationWorkers } from "./benchmarks/evaluation-workers";
import { installClientAddressHeader } from "./client-address-header";
import { loadPromptTemplate } from "./load-prompt-template";
import { appVersion } from "@/lib/version";

/**
 * Runs once when the server process starts (instrumentation.ts): checks the
 * configuration, opens and migrates the database, and closes it on SIGINT
 * and SIGTERM. Anything that stops the app from working stops the process
 * with one clear line instead of a server that answers with errors.
 */
export async function startServerRuntime(): Promise<void> {
  try {
    installClientAddressHeader();
    loadPromptTemplate(getConfig().promptTemplate);
    const database = await getDatabase();
    await recordServerStart(database, appVersion);
    await deleteExpiredSessions(database);
    const interrupted = await failInterruptedAssessments(database);
    if (interrupted > 0)
      console.log(`[assessments] ${interrupted} run(s) interrupted by the last stop are marked failed`);
    // Runs with samples to claim, on this instance or any other, go on from here: no "resume everything" sweep.
    await startEvaluationWorkers(database);
    await sweepImages(database);
    // And every hour, for what failed requests leave while the server runs.
    setInterval(() => void sweepImages(database), 60 * 60 * 1000).unref();
    console.log(`[database] ${database.kind} database ready at ${database.location}`);
  } catch (error) {
    const message = error instanceof ConfigError || error instanceof Error ? error.message : String(error);
    console.error(`\nPreferThinker Studio cannot start: ${message}\n`);
    await closeDatabase().catch(() => {});
    process.exit(1);
  }
  installShutdownHandlers();
}

async function sweepImages(database: Database): Promise<void> {
  try {
    const swept = await sweepImageStore(database);
    if (swept.temporary + swept.images > 0)
      console.log(`[images] removed ${swept.temporary} unfinished upload(s) and ${swept.images} unreferenced image(s)`);
  } catch (error) {
    console.error("[images] the sweep failed:", error);
  }
}

function installShutdownHandlers(): void {
  // The launcher sets NEXT_MANUAL_SIG_HANDLE so that Next leaves the signals
  // to us; without that, Next exits before the database is closed.
  let shuttingDown = false;
  const shutDown = (reason: string) => {
    if (shuttingDown) return;
    shuttingDown = true;
    console.log(`[server] ${reason}: closing the database`);
    // Evaluation lanes let go first, giving their samples back for other instances (or the next start) to claim.
    stopEvaluationWorkers()
      .then(() => closeDatabase())
      .then(
        () => process.exit(0),
        (error: unknown) => {
          console.error("[server] the database did not close cleanly:", error);
          process.exit(1);
        },
      );
  };
  process.on("SIGINT", () => shutDown("SIGINT"));
  process.on("SIGTERM", () => shutDown("SIGTERM"));
  if (process.env.STUDIO_LAUNCHER_IPC && process.send) {
    process.on("disconnect", () => shutDown("the launcher exited"));
  }
}

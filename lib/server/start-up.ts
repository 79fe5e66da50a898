import "server-only";
import { ConfigError, getConfig } from "@/lib/config";
import { closeDatabase, getDatabase } from "@/lib/db/client";
import type { Database } from "@/lib/db/open-database";
import { recordServerStart } from "@/lib/db/server-starts";
import { failExpiredAssessments, failInterruptedAssessments } from "@/lib/db/assessments";
import { type JobLock, runExclusively } from "@/lib/db/job-lock";
import { deleteExpiredSessions } from "@/lib/db/sessions";
import { sweepImageStore } from "@/lib/images/image-library";
import { startEvaluationWorkers, stopEvaluationWorkers } from "./benchmarks/evaluation-workers";
import { startLiveAssessments, stopLiveAssessments } from "./assessments/live-assessments";
import { installClientAddressHeader } from "./client-address-header";
import { getAdmissionQueue, listAssessmentEndpoints } from "@/lib/inference/assessment-endpoints";
import { drain, markReady, onDrain } from "./drain";
import { loadPromptTemplate } from "./load-prompt-template";
import { appVersion } from "@/lib/version";
import { closeSharedAdmission } from "@/lib/inference/shared-admission";
import { instanceName } from "./instance-name";

/**
 * Runs once when the server process starts (instrumentation.ts): checks the
 * configuration, opens and migrates the database, turns the instance ready,
 * then runs the housekeeping jobs in the background, and drains and closes
 * the database on SIGINT and SIGTERM. Anything that stops the app from
 * working stops the process with one clear line instead of a server that
 * answers with errors.
 */
export async function startServerRuntime(): Promise<void> {
  try {
    installClientAddressHeader();
    loadPromptTemplate(getConfig().promptTemplate);
    const database = await getDatabase();
    await recordServerStart(database, appVersion);
    // One process owns an embedded database: what its previous life left running will not finish. With a
    // shared server, only runs whose instance's lease ran out are failed, here and every half lease on.
    const interrupted =
      database.kind === "embedded"
        ? await failInterruptedAssessments(database)
        : (await failExpiredAssessments(database)).length;
    if (interrupted > 0) console.log(`[assessments] ${interrupted} run(s) interrupted by a stop are marked failed`);
    await startLiveAssessments(database);
    // Runs with samples to claim, on this instance or any other, go on from here: no "resume everything" sweep.
    await startEvaluationWorkers(database);
    console.log(`[database] ${database.kind} database ready at ${database.location}`);
    markReady();
    // The launcher writes the demo benchmark once the server is ready, when instances share a PostgreSQL server.
    if (process.env.STUDIO_LAUNCHER_IPC && process.send) process.send({ event: "ready" });
    const housekeeping = runHousekeeping(database);
    onDrain("housekeeping", () => housekeeping);
    // And every hour, for what failed requests leave while the server runs.
    setInterval(() => void runJob("imageSweep", () => sweepImages(database)), 60 * 60 * 1000).unref();
    installShutdownHandlers(database);
  } catch (error) {
    const message = error instanceof ConfigError || error instanceof Error ? error.message : String(error);
    console.error(`\nPreferThinker Studio cannot start: ${message}\n`);
    await closeDatabase().catch(() => {});
    process.exit(1);
  }
}

/**
 * Jobs that only tidy up: they run after the instance is ready, so a large
 * image store never delays serving, and under their advisory locks, so
 * instances sharing a PostgreSQL server and data folder do each once at a time.
 */
async function runHousekeeping(database: Database): Promise<void> {
  await runJob("sessionSweep", async () => {
    const deleted = await deleteExpiredSessions(database);
    if (deleted > 0) console.log(`[sessions] removed ${deleted} expired session(s)`);
  });
  await runJob("imageSweep", () => sweepImages(database));
}

/** Runs a housekeeping job unless another instance is running it; a failure is logged, never thrown. */
async function runJob(lock: JobLock, job: () => Promise<void>): Promise<void> {
  try {
    const result = await runExclusively(getConfig().databaseUrl, lock, job);
    if (!result.ran) console.log(`[jobs] ${lock} skipped: another instance is running it`);
  } catch (error) {
    console.error(`[jobs] ${lock} failed:`, error);
  }
}

async function sweepImages(database: Database): Promise<void> {
  const swept = await sweepImageStore(database);
  if (swept.temporary + swept.images > 0)
    console.log(`[images] removed ${swept.temporary} unfinished upload(s) and ${swept.images} unreferenced image(s)`);
}

/** Resolves once no model request is running or waiting on any endpoint, checked every 100 ms, or at the deadline. */
async function waitForModelRequests(database: Database, deadline: Date): Promise<void> {
  const config = getConfig();
  const isBusy = () =>
    listAssessmentEndpoints(config).some((endpoint) => {
      const { inFlight, queued } = getAdmissionQueue(endpoint, config, database).localStats;
      return inFlight + queued > 0;
    });
  while (isBusy() && Date.now() < deadline.getTime()) await new Promise((resolve) => setTimeout(resolve, 100));
}

function installShutdownHandlers(database: Database): void {
  // Evaluation runs let go first, so none is marked failed by a closing database; they resume on the next start.
  // Evaluation lanes let go, giving their samples back for other instances (or the next start) to claim.
  onDrain("evaluation runs", (deadline) => stopEvaluationWorkers(deadline));
  // Assessments people are watching finish, within the grace period, instead of failing with the process.
  onDrain("model requests in progress", (deadline) => waitForModelRequests(database, deadline));
  // The launcher sets NEXT_MANUAL_SIG_HANDLE so that Next leaves the signals
  // to us; without that, Next exits before the database is closed. Next goes
  // on serving while the instance drains: the readiness route answers 503.
  let shuttingDown = false;
  const shutDown = (reason: string) => {
    if (shuttingDown) return;
    shuttingDown = true;
    const graceMs = getConfig().shutdownGraceMs;
    console.log(`[server] ${reason}: draining (up to ${graceMs / 1000} s), then closing the database`);
    drain(graceMs)
      .then(({ unfinished }) => {
        if (unfinished.length > 0)
          console.warn(`[server] still busy when the grace period ended: ${unfinished.join(", ")}`);
        // Leases stop being renewed only now: what is still running here past the grace period expires, for another instance's sweep.
        // Places at model servers still held or awaited here end with the instance: their slots go to others now.
        return stopLiveAssessments()
          .then(() => (database.kind === "postgres" ? closeSharedAdmission(database, instanceName) : undefined))
          .catch((error: unknown) => console.error("[server] could not give up this instance's places:", error))
          .then(closeDatabase);
      })
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

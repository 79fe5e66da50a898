import "server-only";
import { getConfig } from "@/lib/config";
import { findRunningRunIds, getEvaluationRun, setRunStatus } from "@/lib/db/evaluation-runs";
import {
  findRunsWithClaimableTasks,
  finishRunIfDone,
  releaseAllClaims,
  releaseTasks,
  renewLeases,
} from "@/lib/db/evaluation-tasks";
import type { Database } from "@/lib/db/open-database";
import { toAppError } from "@/lib/errors";
import { executeEvaluationRun } from "./execute-evaluation-run";
import { startEveryWaitingRun, startWaitingRuns } from "./run-evaluation";
import { instanceName } from "../instance-name";

/**
 * The lanes of this instance, working on whichever running runs have tasks
 * to claim. Nothing here decides who works on what: the claims do
 * (lib/db/evaluation-tasks.ts), so any number of instances can do this at
 * once, start at any time, or die, and each sample is still sent once
 * (twice only when its instance died with it in flight).
 *
 * An instance looks for claimable work every second, and at once when a
 * notification says a run started, resumed or was cancelled; it renews its
 * leases every third of a lease; a run cancelled on any instance stops here
 * within a second (the notification, or the next look).
 */

export const runsChannel = "evaluation_runs";

type Worker = { controller: AbortController; done: Promise<void> };

type Workers = {
  /** This process's name on its leases. */
  owner: string;
  running: Map<string, Worker>;
  timers: NodeJS.Timeout[];
  stopListening?: () => Promise<void>;
  isStopping: boolean;
  looking?: Promise<void>;
};

// On globalThis: Next bundles the server more than once, and there must be one set of lanes per process.
const workersKey = Symbol.for("preferthinker-studio.evaluation-workers");
const workers: Workers = ((globalThis as { [workersKey]?: Workers })[workersKey] ??= {
  owner: instanceName,
  running: new Map(),
  timers: [],
  isStopping: false,
});

/** How often an instance looks for claimable tasks without being told. */
const lookEveryMs = 1000;

/** Starts looking for work; the first look happens at once. Idempotent. */
export async function startEvaluationWorkers(database: Database): Promise<void> {
  if (workers.timers.length > 0) return;
  workers.isStopping = false;
  const { leaseSeconds } = getConfig().evaluationTasks;
  // One process owns an embedded database: claims left in it are those of its previous life, free at once.
  if (database.kind === "embedded") await releaseAllClaims(database);
  workers.timers.push(
    setInterval(() => void lookForWork(database), lookEveryMs),
    setInterval(
      () =>
        void renewLeases(database, workers.owner, leaseSeconds).catch((error: unknown) =>
          console.error("[benchmarks] could not renew this instance's leases:", error),
        ),
      (leaseSeconds * 1000) / 3,
    ),
  );
  for (const timer of workers.timers) timer.unref();
  console.log(`[benchmarks] this instance claims evaluation work as ${workers.owner}`);
  workers.stopListening = await database.listen(runsChannel, () => void lookForWork(database));
  await lookForWork(database);
}

/** Tells every instance (this one included) to look at the runs again: one started, resumed or was cancelled. */
export async function announceRunChange(database: Database, runId: string): Promise<void> {
  await database.notify(runsChannel, runId);
}

/**
 * One look: lanes for each running run with claimable tasks that none here
 * works on, and a stop for the runs worked on here that are no longer
 * running (cancelled elsewhere). Looks never overlap.
 */
export function lookForWork(database: Database): Promise<void> {
  workers.looking ??= look(database).finally(() => (workers.looking = undefined));
  return workers.looking;
}

async function look(database: Database): Promise<void> {
  if (workers.isStopping) return;
  try {
    await startEveryWaitingRun(database);
    if (workers.running.size > 0) {
      const stillRunning = await findRunningRunIds(database, [...workers.running.keys()]);
      for (const [runId, worker] of workers.running) if (!stillRunning.has(runId)) worker.controller.abort();
    }
    for (const runId of await findRunsWithClaimableTasks(database)) {
      if (workers.isStopping) return;
      if (!workers.running.has(runId)) startWorker(database, runId);
    }
  } catch (error) {
    console.error("[benchmarks] could not look for evaluation work:", error);
  }
}

function startWorker(database: Database, runId: string): void {
  const controller = new AbortController();
  const done = (async () => {
    try {
      const run = await getEvaluationRun(database, runId, undefined);
      if (run?.status !== "running") return;
      console.log(`[benchmarks] this instance takes up samples of run ${runId}`);
      try {
        await executeEvaluationRun(database, run, {
          owner: workers.owner,
          signal: controller.signal,
          mayClaim: () => !workers.isStopping,
        });
      } catch (caught) {
        if (controller.signal.aborted) return;
        // What no retry mends (the endpoint is gone, the database refused a result): the run fails, saying why.
        const error = toAppError(caught);
        console.error(`[benchmarks] run ${runId} failed:`, caught);
        if (
          await setRunStatus(database, runId, ["running"], {
            status: "failed",
            finishedAt: new Date(),
            error: { code: error.code, message: error.publicMessage },
          })
        )
          await startWaitingRuns(database, run.ownerId);
        return;
      }
      if (controller.signal.aborted) return;
      if (await finishRunIfDone(database, runId, getConfig().evaluationTasks.failureShare))
        await startWaitingRuns(database, run.ownerId);
    } catch (error) {
      console.error(`[benchmarks] lanes of run ${runId} stopped:`, error);
    } finally {
      // Whatever this instance still holds of the run is claimable at once by any instance.
      await releaseTasks(database, workers.owner, runId).catch(() => undefined);
      workers.running.delete(runId);
    }
  })();
  workers.running.set(runId, { controller, done });
}

/** The lanes of a run on this instance, if any: resolves when they have stopped. */
export function waitForRunWorker(runId: string): Promise<void> | null {
  return workers.running.get(runId)?.done ?? null;
}

/** Stops this instance's lanes of one run, giving its tasks back; its status stays. */
export async function stopRunWorker(runId: string): Promise<void> {
  const worker = workers.running.get(runId);
  if (!worker) return;
  worker.controller.abort();
  await worker.done;
}

/**
 * Before a shutdown: stops looking and claiming; the samples out at the
 * model finish until `deadline` (at once without one), then every lane still
 * going is stopped. What this instance still holds is given back, so other
 * instances take it at once (and a restart of this one later). Run statuses
 * stay as they are.
 */
export async function stopEvaluationWorkers(deadline?: Date): Promise<void> {
  workers.isStopping = true;
  for (const timer of workers.timers) clearInterval(timer);
  workers.timers = [];
  await workers.stopListening?.().catch(() => undefined);
  workers.stopListening = undefined;
  const finishing = Promise.all([...workers.running.values()].map((worker) => worker.done));
  const waitMs = deadline ? deadline.getTime() - Date.now() : 0;
  if (waitMs > 0) {
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([finishing, new Promise((resolve) => (timer = setTimeout(resolve, waitMs)))]);
    clearTimeout(timer);
  }
  await Promise.all([...workers.running.keys()].map((runId) => stopRunWorker(runId)));
}

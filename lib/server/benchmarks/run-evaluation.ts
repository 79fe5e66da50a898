import "server-only";
import { getConfig } from "@/lib/config";
import {
  type EvaluationRunRecord,
  findActiveAppRuns,
  findRunsByStatus,
  getEvaluationRun,
  requeueEvaluationRun,
  setRunStatus,
} from "@/lib/db/evaluation-runs";
import type { Database } from "@/lib/db/open-database";
import { planUserRuns } from "@/lib/inference/capacity-policy";
import { executeEvaluationRun, type RunOutcome } from "./execute-evaluation-run";

/**
 * Stored runs: a subset run against an endpoint in the official order by the
 * evaluation engine (execute-evaluation-run.ts), a few samples at once, each
 * lane admitted within the runs' share of the endpoint. Each result is
 * stored as it finishes, at most one per sample per run (a unique index), so
 * a run stopped by a crash or a restart resumes where it was: samples with a
 * result are skipped, never assessed again.
 *
 * A researcher has at most RUNS_PER_USER runs executing; the others stay
 * `queued` and start by themselves, oldest first, when one of theirs ends.
 * The decision is the capacity policy's (capacity-policy.ts) over the runs'
 * statuses in the database, taken one at a time per researcher in this
 * process.
 */

export type { RunOutcome };

type LiveRun = { controller: AbortController; done: Promise<RunOutcome> };

type Scheduler = { live: Map<string, LiveRun>; turns: Map<string, Promise<string[]>>; isStopping: boolean };

// On globalThis: Next bundles the server more than once, and there must be one registry per process.
const schedulerKey = Symbol.for("preferthinker-studio.evaluation-run-scheduler");
const scheduler = ((globalThis as { [schedulerKey]?: Scheduler })[schedulerKey] ??= {
  live: new Map(),
  turns: new Map(),
  isStopping: false,
});
const registry = scheduler.live;

/**
 * Starts as many of the researcher's queued runs as the limit allows, oldest
 * first; with `resumeRunning` (start-up) it also carries on their running
 * runs that no work here belongs to. Otherwise such a run still counts
 * toward the limit but is left alone (stopped here, or going elsewhere).
 * Resolves with the ids it launched, once each is going. Turns are taken one
 * at a time per researcher, so two runs started at once cannot both take
 * the last place.
 */
export function startWaitingRuns(
  database: Database,
  ownerId: string,
  options: { resumeRunning?: boolean } = {},
): Promise<string[]> {
  const previous = scheduler.turns.get(ownerId) ?? Promise.resolve([]);
  const turn = previous
    .catch(() => [])
    .then(() => takeSchedulingTurn(database, ownerId, options.resumeRunning ?? false));
  scheduler.turns.set(ownerId, turn);
  void turn.then(
    () => scheduler.turns.get(ownerId) === turn && scheduler.turns.delete(ownerId),
    () => scheduler.turns.get(ownerId) === turn && scheduler.turns.delete(ownerId),
  );
  return turn;
}

async function takeSchedulingTurn(database: Database, ownerId: string, resumeRunning: boolean): Promise<string[]> {
  // A shutting-down process starts nothing: what is running or queued now resumes at the next start.
  if (scheduler.isStopping) return [];
  const runs = await findActiveAppRuns(database, ownerId);
  const plan = planUserRuns(
    runs.map((run) => ({ id: run.id, status: run.status === "running" ? "running" : "queued" })),
    getConfig().runsPerUser,
  );
  const byId = new Map(runs.map((run) => [run.id, run]));
  const isLeftRunning = (id: string) => byId.get(id)!.status === "running" && !registry.has(id);
  if (resumeRunning) {
    // After a restart with a lower limit: a running run past it waits again, and says why.
    for (const id of plan.wait.filter(isLeftRunning))
      await setRunStatus(database, id, ["running"], { status: "queued" });
  }
  const launched: string[] = [];
  for (const id of plan.execute) {
    if (registry.has(id) || scheduler.isStopping || (isLeftRunning(id) && !resumeRunning)) continue;
    // `startedAt` anew, so the throughput counts this start's work; false when cancelled meanwhile.
    if (
      !(await setRunStatus(database, id, ["queued", "running"], {
        status: "running",
        startedAt: new Date(),
        finishedAt: null,
      }))
    )
      continue;
    launch(database, byId.get(id)!);
    launched.push(id);
  }
  return launched;
}

function launch(database: Database, run: EvaluationRunRecord): void {
  const controller = new AbortController();
  const done = executeEvaluationRun(database, run, controller.signal).then(
    async ({ outcome, ended }) => {
      registry.delete(run.id);
      // Its place is free: the owner's next queued run starts before this run counts as done.
      if (ended)
        await startWaitingRuns(database, run.ownerId).catch((error: unknown) =>
          console.error(`[benchmarks] could not start the next run of ${run.ownerId}:`, error),
        );
      return outcome;
    },
    (error: unknown) => {
      registry.delete(run.id);
      throw error;
    },
  );
  registry.set(run.id, { controller, done });
}

/** The in-process work of a run, if it is going here: resolves when it has stopped (and the owner's next run has started). */
export function waitForEvaluationRun(id: string): Promise<RunOutcome> | null {
  return registry.get(id)?.done ?? null;
}

/**
 * Stops a run's work in this process without changing its status, as a
 * shutdown does; `cancelEvaluationRun` is the user's stop. Resolves once
 * every sample in progress has let go.
 */
export async function stopEvaluationRun(id: string): Promise<void> {
  const live = registry.get(id);
  if (!live) return;
  live.controller.abort();
  await live.done.catch(() => undefined);
}

/** Stops every run's work in this process before a shutdown; their status stays, so the next start resumes them. */
export async function stopAllEvaluationRuns(): Promise<void> {
  scheduler.isStopping = true;
  await Promise.all([...registry.keys()].map((id) => stopEvaluationRun(id)));
}

/** Marks a queued or running run cancelled and stops its work; false when it had already ended. A running run's place goes to its owner's next queued run. */
export async function cancelEvaluationRun(database: Database, id: string): Promise<boolean> {
  const cancelled = await setRunStatus(database, id, ["queued", "running"], {
    status: "cancelled",
    finishedAt: new Date(),
  });
  if (!cancelled) return false;
  await stopEvaluationRun(id);
  const run = await getEvaluationRun(database, id, undefined);
  if (run) await startWaitingRuns(database, run.ownerId);
  return true;
}

/**
 * Puts a failed or cancelled run back to work, skipping the samples it
 * finished; it waits, queued, while its owner has as many runs executing as
 * they may. False when it was not failed or cancelled.
 */
export async function resumeEvaluationRun(database: Database, run: EvaluationRunRecord): Promise<boolean> {
  if (!(await requeueEvaluationRun(database, run.id))) return false;
  // A run that has just failed may still be letting go here; its work must end before the new one starts.
  await waitForEvaluationRun(run.id)?.catch(() => undefined);
  await startWaitingRuns(database, run.ownerId);
  return true;
}

/**
 * On start-up: the runs the last stop left queued or running carry on,
 * skipping the samples they finished, at most RUNS_PER_USER per researcher
 * (those that were running first); the ids of those started.
 */
export async function resumeInterruptedRuns(database: Database): Promise<string[]> {
  scheduler.isStopping = false;
  const runs = (await findRunsByStatus(database, ["queued", "running"])).filter((run) => run.source === "app");
  const owners = [...new Set(runs.map((run) => run.ownerId))];
  return (
    await Promise.all(owners.map((ownerId) => startWaitingRuns(database, ownerId, { resumeRunning: true })))
  ).flat();
}

import "server-only";
import { getConfig } from "@/lib/config";
import {
  type EvaluationRunRecord,
  findOwnersWithWaitingRuns,
  requeueEvaluationRun,
  setRunStatus,
} from "@/lib/db/evaluation-runs";
import { createRunTasks, retryFailedTasks } from "@/lib/db/evaluation-tasks";
import type { Database } from "@/lib/db/open-database";
import { planUserRuns } from "@/lib/inference/capacity-policy";
import { announceRunChange, stopRunWorker } from "./evaluation-workers";

/**
 * Stored runs: a subset run against an endpoint in the official order, its
 * samples claimed as tasks by the lanes of whichever instances look for
 * work (evaluation-workers.ts, lib/db/evaluation-tasks.ts). Each result is
 * stored with its claim marked done, so a run stopped by a crash, a restart
 * or a deploy goes on where it was, on any instance: samples with a result
 * are never claimed again.
 *
 * A researcher has at most RUNS_PER_USER runs executing; the others stay
 * `queued` and start by themselves, oldest first, when one of theirs ends.
 * The decision is the capacity policy's (capacity-policy.ts) over the runs'
 * statuses in the database, taken under a lock per researcher in the
 * database, so two instances deciding at once cannot both take the last
 * place.
 */

/**
 * Starts as many of the researcher's queued runs as the limit allows, oldest
 * first, and tells every instance to look for the new work. Resolves with
 * the ids it started.
 */
export async function startWaitingRuns(database: Database, ownerId: string): Promise<string[]> {
  const started = await database.prisma.$transaction(async (transaction) => {
    await transaction.$executeRaw`SELECT pg_advisory_xact_lock(hashtext('evaluation-runs-of'), hashtext(${ownerId}))`;
    const runs = await transaction.evaluationRun.findMany({
      where: { ownerId, source: "app", status: { in: ["queued", "running"] } },
      orderBy: [{ createdAt: "asc" }, { id: "asc" }],
      select: { id: true, status: true },
    });
    const plan = planUserRuns(
      runs.map((run) => ({ id: run.id, status: run.status === "running" ? "running" : "queued" })),
      getConfig().runsPerUser,
    );
    const byId = new Map(runs.map((run) => [run.id, run]));
    const launched: string[] = [];
    for (const id of plan.execute) {
      if (byId.get(id)!.status !== "queued") continue;
      // `startedAt` anew, so the throughput counts this start's work.
      const { count } = await transaction.evaluationRun.updateMany({
        where: { id, status: "queued" },
        data: { status: "running", startedAt: new Date(), finishedAt: null },
      });
      if (count === 1) launched.push(id);
    }
    return launched;
  });
  for (const id of started) await announceRunChange(database, id);
  return started;
}

/** Starts the queued runs of every researcher who has fewer running than allowed (a run that ended on an instance that died before starting the next). */
export async function startEveryWaitingRun(database: Database): Promise<string[]> {
  const owners = await findOwnersWithWaitingRuns(database, getConfig().runsPerUser);
  return (await Promise.all(owners.map((ownerId) => startWaitingRuns(database, ownerId)))).flat();
}

/**
 * Marks a queued or running run cancelled: every instance stops its lanes of
 * it within a second (this one before answering), keeping what it finished;
 * its place goes to its owner's next queued run. False when it had already
 * ended.
 */
export async function cancelEvaluationRun(database: Database, run: EvaluationRunRecord): Promise<boolean> {
  const cancelled = await setRunStatus(database, run.id, ["queued", "running"], {
    status: "cancelled",
    finishedAt: new Date(),
  });
  if (!cancelled) return false;
  await announceRunChange(database, run.id);
  await stopRunWorker(run.id);
  await startWaitingRuns(database, run.ownerId);
  return true;
}

/**
 * Puts a failed or cancelled run back to work, skipping the samples it
 * finished and trying its failed ones again; it waits, queued, while its
 * owner has as many runs executing as they may. False when it was not
 * failed or cancelled.
 */
export async function resumeEvaluationRun(database: Database, run: EvaluationRunRecord): Promise<boolean> {
  if (!(await requeueEvaluationRun(database, run.id))) return false;
  // Lanes of a run that has just ended may still be letting go here; they must end before the new ones start.
  await stopRunWorker(run.id);
  await retryFailedTasks(database, run.id);
  // A run from before its samples were tasks gets them now.
  await createRunTasks(database.prisma, run.id);
  await startWaitingRuns(database, run.ownerId);
  return true;
}

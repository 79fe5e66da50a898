import "server-only";
import { getConfig } from "@/lib/config";
import { findBenchmarkSamples } from "@/lib/db/benchmark-subsets";
import { type EvaluationRunRecord, findResultSampleIds, findRunsByStatus, requeueEvaluationRun, setRunStatus } from "@/lib/db/evaluation-runs";
import type { Database } from "@/lib/db/open-database";
import { AppError, toAppError } from "@/lib/errors";
import { type AssessmentEndpoint, createAssessmentProvider, getAdmissionQueue, resolveAssessmentEndpoint } from "@/lib/inference/assessment-endpoints";
import { getPromptTemplate } from "@/lib/server/load-prompt-template";
import { type Admission, evaluateSamples } from "./evaluation-engine";
import { createLibrarySampleSource } from "./library-sample-source";
import { createStoredResultSink } from "./stored-result-sink";

/**
 * Stored runs: a subset run against an endpoint in the official order by the
 * evaluation engine (evaluation-engine.ts), a few samples at once, each
 * through the endpoint's admission queue like any assessment. Each result is
 * stored as it finishes, at most one per sample per run (a unique index), so
 * a run stopped by a crash or a restart resumes where it was: samples with a
 * result are skipped, never assessed again.
 */

export type RunOutcome = { evaluated: number; skipped: number };

type LiveRun = { controller: AbortController; done: Promise<RunOutcome> };

const registryKey = Symbol.for("preferthinker-studio.evaluation-runs");
const registry = ((globalThis as { [registryKey]?: Map<string, LiveRun> })[registryKey] ??= new Map());

/** Starts (or resumes) a run in this process; a run already going here is left as it is. */
export function launchEvaluationRun(database: Database, run: EvaluationRunRecord): Promise<RunOutcome> {
  const live = registry.get(run.id);
  if (live) return live.done;
  const controller = new AbortController();
  const done = executeRun(database, run, controller.signal).finally(() => registry.delete(run.id));
  registry.set(run.id, { controller, done });
  return done;
}

/** The in-process work of a run, if it is going here: resolves when it has stopped. */
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
  await Promise.all([...registry.keys()].map((id) => stopEvaluationRun(id)));
}

/** Marks a queued or running run cancelled and stops its work; false when it had already ended. */
export async function cancelEvaluationRun(database: Database, id: string): Promise<boolean> {
  const cancelled = await setRunStatus(database, id, ["queued", "running"], { status: "cancelled", finishedAt: new Date() });
  if (cancelled) await stopEvaluationRun(id);
  return cancelled;
}

/**
 * Puts a failed or cancelled run back to work, skipping the samples it
 * finished; false when it was not failed or cancelled.
 */
export async function resumeEvaluationRun(database: Database, run: EvaluationRunRecord): Promise<boolean> {
  if (!(await requeueEvaluationRun(database, run.id))) return false;
  // A run that has just failed may still be letting go here; its work must end before the new one starts.
  await waitForEvaluationRun(run.id)?.catch(() => undefined);
  void launchEvaluationRun(database, run);
  return true;
}

/** On start-up: runs the last stop left queued or running carry on, skipping the samples they finished. */
export async function resumeInterruptedRuns(database: Database): Promise<string[]> {
  const runs = (await findRunsByStatus(database, ["queued", "running"])).filter((run) => run.source === "app");
  for (const run of runs) void launchEvaluationRun(database, run);
  return runs.map((run) => run.id);
}

function endpointOf(run: EvaluationRunRecord): AssessmentEndpoint {
  const endpoint = resolveAssessmentEndpoint(getConfig(), run.endpoint);
  if (endpoint.kind !== run.provider) throw new AppError("bad_request", `The endpoint ${run.endpoint} is now a ${endpoint.kind} endpoint; the run was made for ${run.provider}.`);
  return endpoint;
}

async function executeRun(database: Database, run: EvaluationRunRecord, signal: AbortSignal): Promise<RunOutcome> {
  const outcome: RunOutcome = { evaluated: 0, skipped: 0 };
  try {
    const endpoint = endpointOf(run);
    if (!(await setRunStatus(database, run.id, ["queued", "running"], { status: "running", startedAt: new Date(), finishedAt: null }))) return outcome;
    const finished = await findResultSampleIds(database, run.id);
    const samples = (await findBenchmarkSamples(database, run.subsetId)).filter((sample) => !finished.has(sample.id));
    outcome.skipped = finished.size;
    const source = await createLibrarySampleSource(database, run.ownerId, samples, run.history);
    const sink = createStoredResultSink(database, run.id);
    try {
      await evaluateSamples(source, sink, {
        provider: createAssessmentProvider(endpoint, getConfig()),
        template: getPromptTemplate(getConfig().promptTemplate),
        mode: run.mode === "fast" ? "fast" : "reasoning",
        concurrency: run.concurrency,
        signal,
        admit: admitThrough(endpoint, run.id),
      });
    } finally {
      outcome.evaluated = sink.stored;
    }
    if (!signal.aborted) await setRunStatus(database, run.id, ["running"], { status: "completed", finishedAt: new Date() });
  } catch (caught) {
    if (signal.aborted) return outcome;
    const error = toAppError(caught);
    console.error(`[benchmarks] run ${run.id} failed:`, caught);
    await setRunStatus(database, run.id, ["queued", "running"], { status: "failed", finishedAt: new Date(), error: { code: error.code, message: error.publicMessage } }).catch((saveError: unknown) =>
      console.error(`[benchmarks] could not mark run ${run.id} failed:`, saveError),
    );
  }
  return outcome;
}

/**
 * Each lane holds one place in the endpoint's queue under its own key, so a
 * run of concurrency N uses N places and never its owner's own allowance;
 * while the queue is full, the lane waits and tries again.
 */
function admitThrough(endpoint: AssessmentEndpoint, runId: string): Admission {
  const queue = getAdmissionQueue(endpoint, getConfig());
  return async (lane, signal) => {
    while (!signal.aborted) {
      try {
        return await queue.acquire(`evaluation-run:${runId}:${lane}`, { signal });
      } catch (error) {
        if (signal.aborted) return null;
        if (!(error instanceof AppError) || error.code !== "rate_limited") throw error;
        await new Promise((resolve) => setTimeout(resolve, (error.retryAfterSeconds ?? 1) * 1000));
      }
    }
    return null;
  };
}

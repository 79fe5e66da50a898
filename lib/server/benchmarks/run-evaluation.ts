import "server-only";
import { setMaxListeners } from "node:events";
import pLimit from "p-limit";
import { getConfig } from "@/lib/config";
import { type BenchmarkSampleRecord, findBenchmarkSamples } from "@/lib/db/benchmark-subsets";
import { type EvaluationRunRecord, findResultSampleIds, findRunsByStatus, saveEvaluationResult, setRunStatus } from "@/lib/db/evaluation-runs";
import { findOwnedImages } from "@/lib/db/images";
import type { Database } from "@/lib/db/open-database";
import { AppError, toAppError } from "@/lib/errors";
import type { AssessmentProvider } from "@/lib/inference/assessment-provider";
import { type AssessmentEndpoint, createAssessmentProvider, getAdmissionQueue, resolveAssessmentEndpoint } from "@/lib/inference/assessment-endpoints";
import { scoreOutput } from "@/lib/preferthinker/score-output";
import type { PromptTemplate } from "@/lib/preferthinker/templates/template-schema";
import { readStoredImage } from "@/lib/server/assessments/run-assessment";
import { getPromptTemplate } from "@/lib/server/load-prompt-template";

/**
 * Runs a subset against an endpoint in the official order, a few samples at
 * once (the run's concurrency, through p-limit), each through the endpoint's
 * admission queue like any assessment. Each result is stored as it finishes,
 * at most one per sample per run (a unique index), so a run stopped by a
 * crash or a restart resumes where it was: samples with a result are
 * skipped, never assessed again.
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
    // One failed sample stops the others too; the outer signal alone means a stop from outside.
    const stop = new AbortController();
    // Every lane's request listens to it at once: more than Node's default of 10 is expected, not a leak.
    setMaxListeners(Math.max(10, run.concurrency * 4), stop.signal);
    signal.addEventListener("abort", () => stop.abort(), { once: true });
    const context: SampleContext = {
      database,
      run,
      endpoint,
      provider: createAssessmentProvider(endpoint, getConfig()),
      template: getPromptTemplate(getConfig().promptTemplate),
      signal: stop.signal,
    };
    const limit = pLimit(run.concurrency);
    // Each concurrent lane holds one place in the endpoint's queue under its own key, so a run of concurrency N uses N places and never the owner's own allowance.
    const lanes = Array.from({ length: run.concurrency }, (_, lane) => `evaluation-run:${run.id}:${lane}`);
    const settled = await Promise.allSettled(
      samples.map((sample) =>
        limit(async () => {
          if (stop.signal.aborted) return;
          const lane = lanes.pop()!;
          try {
            if (await assessSample(context, sample, lane)) outcome.evaluated++;
          } catch (error) {
            stop.abort();
            throw error;
          } finally {
            lanes.push(lane);
          }
        }),
      ),
    );
    const failure = settled.find((result) => result.status === "rejected");
    if (failure && !signal.aborted) throw failure.reason;
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

type SampleContext = { database: Database; run: EvaluationRunRecord; endpoint: AssessmentEndpoint; provider: AssessmentProvider; template: PromptTemplate; signal: AbortSignal };

/** Assesses one sample and stores its result; false when the run was stopped first. */
async function assessSample(context: SampleContext, sample: BenchmarkSampleRecord, lane: string): Promise<boolean> {
  const { database, run, signal } = context;
  const started = performance.now();
  const history = (ids: string[]) => ids.slice(0, run.history);
  const ids = [...history(sample.preferredImageIds), ...history(sample.nonPreferredImageIds), sample.imageAId, sample.imageBId];
  const images = new Map((await findOwnedImages(database, run.ownerId, ids)).map((image) => [image.id, image]));
  const read = (list: string[]) =>
    Promise.all(
      list.map((id) => {
        const image = images.get(id);
        if (!image) throw new AppError("not_found", `Sample ${sample.index}: picture ${id} is no longer in the library.`);
        return readStoredImage(image);
      }),
    );
  const [preferred, nonPreferred, candidates] = await Promise.all([read(history(sample.preferredImageIds)), read(history(sample.nonPreferredImageIds)), read([sample.imageAId, sample.imageBId])]);
  const mode = run.mode === "fast" ? "fast" : "reasoning";
  const prepared = await context.provider.prepare({ mode, template: context.template, preferred, nonPreferred, candidates });
  const release = await admit(context, lane);
  if (!release) return false;
  let output = "";
  try {
    for await (const event of prepared.stream(signal)) if (event.type === "delta") output += event.text;
  } catch (error) {
    if (signal.aborted) return false;
    throw new AppError(toAppError(error).code, `Sample ${sample.index}: ${toAppError(error).message}`, { cause: error });
  } finally {
    release();
  }
  if (signal.aborted) return false;
  const scored = scoreOutput(output, sample.label, mode);
  return saveEvaluationResult(database, run.id, {
    sampleId: sample.id,
    output,
    parsed: JSON.parse(JSON.stringify(scored.parsed)) as object,
    strictCorrect: scored.strictCorrect,
    lenientCorrect: scored.lenientCorrect,
    formatValid: scored.formatValid,
    issueCodes: scored.issueCodes,
    officialCorrect: null,
    milliseconds: Math.round(performance.now() - started),
  });
}

/** A place in the endpoint's queue, waiting and trying again while it is full; null once the run is stopped. */
async function admit(context: SampleContext, lane: string): Promise<(() => void) | null> {
  const queue = getAdmissionQueue(context.endpoint, getConfig());
  while (!context.signal.aborted) {
    try {
      return await queue.acquire(lane, { signal: context.signal });
    } catch (error) {
      if (context.signal.aborted) return null;
      if (!(error instanceof AppError) || error.code !== "rate_limited") throw error;
      await new Promise((resolve) => setTimeout(resolve, (error.retryAfterSeconds ?? 1) * 1000));
    }
  }
  return null;
}

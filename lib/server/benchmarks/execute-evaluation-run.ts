import "server-only";
import { getConfig } from "@/lib/config";
import { type EvaluationRunRecord, recordServedModel } from "@/lib/db/evaluation-runs";
import { claimSample, hasPendingTasks } from "@/lib/db/evaluation-tasks";
import type { Database } from "@/lib/db/open-database";
import { AppError } from "@/lib/errors";
import {
  type AssessmentEndpoint,
  createAssessmentProvider,
  getAdmissionQueue,
} from "@/lib/inference/assessment-endpoints";
import type { AssessmentProvider } from "@/lib/inference/assessment-provider";
import { reuseKeptOutputs } from "@/lib/inference/reuse-kept-outputs";
import { findServedModel } from "@/lib/inference/served-model";
import { findKeptOutput } from "@/lib/db/kept-outputs";
import { getPromptTemplate } from "@/lib/server/load-prompt-template";
import { type Admission, evaluateSamples } from "./evaluation-engine";
import { createLibrarySampleSource } from "./library-sample-source";
import { endpointForRun } from "./run-settings";
import { createStoredResultSink } from "./stored-result-sink";

export type RunOutcome = { evaluated: number; failed: number };

/**
 * The lanes of one instance on one running run (evaluation-workers.ts
 * starts them): each lane, once admitted as an evaluation lane of the
 * endpoint, claims one sample (lib/db/evaluation-tasks.ts), assesses it and
 * stores its result with the claim marked done, then claims the next; a
 * sample that fails is given back for a retry later, or failed for good
 * past its attempts. The lanes end when no sample is left to claim for now
 * (all taken, waiting out a retry, or the run's concurrency reached on
 * other instances) or when `signal` stops them. Ending the run is the
 * caller's business, since other instances may still hold its samples.
 */
export async function executeEvaluationRun(
  database: Database,
  run: EvaluationRunRecord,
  lanes: { owner: string; signal: AbortSignal; mayClaim?: () => boolean },
): Promise<RunOutcome> {
  const config = getConfig();
  const endpoint = endpointForRun(config, run);
  const provider = await withKeptOutputs(database, run, createAssessmentProvider(endpoint, config), endpoint);
  const source = createLibrarySampleSource(database, run.ownerId, run.history, async () => {
    for (;;) {
      // A draining instance claims nothing more; the samples it has out finish.
      if (lanes.signal.aborted || (lanes.mayClaim && !lanes.mayClaim())) return null;
      const claimed = await claimSample(database, {
        runId: run.id,
        owner: lanes.owner,
        leaseSeconds: config.evaluationTasks.leaseSeconds,
      });
      if (claimed) return claimed;
      // Nothing for this lane now. With samples still waiting, the run is full (lanes of other instances hold
      // its places) or its next sample waits out a retry: wait a moment and try again. Otherwise it is done.
      if (!(await hasPendingTasks(database, run.id))) return null;
      await pause(lanes.signal);
    }
  });
  const sink = createStoredResultSink(database, run.id, config.evaluationTasks);
  const outcome = await evaluateSamples(source, sink, {
    provider,
    template: getPromptTemplate(config.promptTemplate),
    mode: run.mode === "fast" ? "fast" : "reasoning",
    concurrency: run.concurrency,
    signal: lanes.signal,
    admit: admitAsEvaluationLane(endpoint, database),
    // A lane keeps its place from one sample to the next while nobody waits for one.
    handOver: () => getAdmissionQueue(endpoint, config, database).shouldHandOver(),
    // Each claim counts toward the run's concurrency until its result is stored: no claiming ahead.
    pipelined: false,
    swap: run.swap,
  });
  return { evaluated: sink.stored, failed: outcome.failed };
}

/** How long a lane that found the run full waits before it looks again: about a third of a second, spread so lanes do not knock at once. */
function pause(signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(done, 200 + Math.random() * 300);
    function done() {
      clearTimeout(timer);
      signal.removeEventListener("abort", done);
      resolve();
    }
    signal.addEventListener("abort", done, { once: true });
  });
}

/**
 * The provider reusing the owner's kept outputs, filed under the model the
 * endpoint's server reports now (recorded on the run). A server that does
 * not answer keeps nothing from being asked: its requests fail and are
 * retried as any others, and nothing is reused meanwhile.
 */
async function withKeptOutputs(
  database: Database,
  run: EvaluationRunRecord,
  provider: AssessmentProvider,
  endpoint: AssessmentEndpoint,
): Promise<AssessmentProvider> {
  const servedModel = await findServedModel(endpoint);
  if (servedModel === null) return provider;
  // A run goes on with the model it was made with: an endpoint without MODEL_NAME may serve other weights by now.
  if (run.servedModel !== null && servedModel !== run.servedModel)
    throw new AppError(
      "conflict",
      `The run on ${run.endpoint} cannot go on: its server now serves ${servedModel}, and the run was made with ${run.servedModel}. Its results would mix two models: serve that model again to resume it, or start a new run.`,
    );
  if (servedModel !== run.servedModel) await recordServedModel(database, run.id, servedModel);
  return reuseKeptOutputs(provider, {
    // Two endpoints whose servers report one name may still serve different weights: each keeps its own.
    servedModel: `${endpoint.name}: ${servedModel}`,
    fresh: run.freshOutputs,
    kept: { find: (key) => findKeptOutput(database, run.ownerId, key) },
  });
}

/**
 * Each lane waits in the endpoint's line for evaluation lanes: never refused,
 * never ahead of a person, within the runs' share of the slots, and woken by
 * the queue when a slot frees (no polling).
 */
function admitAsEvaluationLane(endpoint: AssessmentEndpoint, database: Database): Admission {
  const queue = getAdmissionQueue(endpoint, getConfig(), database);
  return async (_lane, signal) => {
    try {
      return await queue.acquireForEvaluation({ signal });
    } catch (error) {
      if (signal.aborted) return null;
      throw error;
    }
  };
}

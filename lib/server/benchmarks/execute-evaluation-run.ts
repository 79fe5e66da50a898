import "server-only";
import { getConfig } from "@/lib/config";
import { findBenchmarkSamples } from "@/lib/db/benchmark-subsets";
import { type EvaluationRunRecord, findResultSampleIds, setRunStatus } from "@/lib/db/evaluation-runs";
import type { Database } from "@/lib/db/open-database";
import { AppError, toAppError } from "@/lib/errors";
import {
  type AssessmentEndpoint,
  createAssessmentProvider,
  getAdmissionQueue,
  resolveAssessmentEndpoint,
} from "@/lib/inference/assessment-endpoints";
import { getPromptTemplate } from "@/lib/server/load-prompt-template";
import { type Admission, evaluateSamples } from "./evaluation-engine";
import { createLibrarySampleSource } from "./library-sample-source";
import { createStoredResultSink } from "./stored-result-sink";

export type RunOutcome = { evaluated: number; skipped: number };

/** What a run's work came to; `ended` when it set a final status (completed or failed), so its place is free for the owner's next run. */
export type ExecutedRun = { outcome: RunOutcome; ended: boolean };

/**
 * The work of one run the scheduler (run-evaluation.ts) has marked running:
 * the subset's samples without a result, in the official order, through the
 * evaluation engine, each lane admitted as an evaluation lane of the
 * endpoint. Marks the run completed or failed when it ends; a stop from
 * outside (`signal`) leaves its status as it is.
 */
export async function executeEvaluationRun(
  database: Database,
  run: EvaluationRunRecord,
  signal: AbortSignal,
): Promise<ExecutedRun> {
  const outcome: RunOutcome = { evaluated: 0, skipped: 0 };
  try {
    const endpoint = endpointOf(run);
    const finished = await findResultSampleIds(database, run.id);
    const samples = (await findBenchmarkSamples(database, run.subsetId)).filter((sample) => !finished.has(sample.id));
    outcome.skipped = finished.size;
    // Reads no picture until a lane has its place at the model server (library-sample-source.ts).
    const source = createLibrarySampleSource(database, run.ownerId, samples, run.history);
    const sink = createStoredResultSink(database, run.id);
    try {
      await evaluateSamples(source, sink, {
        provider: createAssessmentProvider(endpoint, getConfig()),
        template: getPromptTemplate(getConfig().promptTemplate),
        mode: run.mode === "fast" ? "fast" : "reasoning",
        concurrency: run.concurrency,
        signal,
        admit: admitAsEvaluationLane(endpoint),
      });
    } finally {
      outcome.evaluated = sink.stored;
    }
    if (signal.aborted) return { outcome, ended: false };
    return {
      outcome,
      ended: await setRunStatus(database, run.id, ["running"], { status: "completed", finishedAt: new Date() }),
    };
  } catch (caught) {
    if (signal.aborted) return { outcome, ended: false };
    const error = toAppError(caught);
    console.error(`[benchmarks] run ${run.id} failed:`, caught);
    const failed = await setRunStatus(database, run.id, ["queued", "running"], {
      status: "failed",
      finishedAt: new Date(),
      error: { code: error.code, message: error.publicMessage },
    }).catch((saveError: unknown) => {
      console.error(`[benchmarks] could not mark run ${run.id} failed:`, saveError);
      return false;
    });
    return { outcome, ended: failed };
  }
}

function endpointOf(run: EvaluationRunRecord): AssessmentEndpoint {
  const endpoint = resolveAssessmentEndpoint(getConfig(), run.endpoint);
  if (endpoint.kind !== run.provider)
    throw new AppError(
      "bad_request",
      `The endpoint ${run.endpoint} is now a ${endpoint.kind} endpoint; the run was made for ${run.provider}.`,
    );
  return endpoint;
}

/**
 * Each lane waits in the endpoint's line for evaluation lanes: never refused,
 * never ahead of a person, within the runs' share of the slots, and woken by
 * the queue when a slot frees (no polling).
 */
function admitAsEvaluationLane(endpoint: AssessmentEndpoint): Admission {
  const queue = getAdmissionQueue(endpoint, getConfig());
  return async (_lane, signal) => {
    try {
      return await queue.acquireForEvaluation({ signal });
    } catch (error) {
      if (signal.aborted) return null;
      throw error;
    }
  };
}

import "server-only";
import type { Actor } from "@/lib/auth/policy";
import type { NewEvaluationRunBody } from "@/lib/benchmarks/benchmark-contract";
import { getConfig } from "@/lib/config";
import { createEvaluationRun, type EvaluationRunRecord, getEvaluationRun } from "@/lib/db/evaluation-runs";
import type { Database } from "@/lib/db/open-database";
import { resolveAssessmentEndpoint } from "@/lib/inference/assessment-endpoints";
import { getPromptTemplate } from "@/lib/server/load-prompt-template";
import { getReachableSubset } from "./get-reachable-benchmark";
import { outputGrammarOf } from "./run-settings";
import { startWaitingRuns } from "./run-evaluation";

/**
 * Records a run of one of the caller's subsets (an unknown endpoint is a 400)
 * and starts it in the background, or leaves it queued while the caller has
 * RUNS_PER_USER runs executing; the run as it is once that is decided.
 */
export async function startEvaluationRun(
  database: Database,
  actor: Actor,
  body: NewEvaluationRunBody,
): Promise<EvaluationRunRecord> {
  const subset = await getReachableSubset(database, actor, body.subsetId, "change");
  const config = getConfig();
  const endpoint = resolveAssessmentEndpoint(config, body.endpoint);
  const run = await createEvaluationRun(database, {
    ownerId: actor.userId,
    subsetId: subset.id,
    provider: endpoint.kind,
    endpoint: endpoint.name,
    model: endpoint.model,
    mode: body.mode,
    templateId: getPromptTemplate(config.promptTemplate).id,
    history: body.history,
    concurrency: body.concurrency,
    freshOutputs: body.freshOutputs,
    swap: body.swap,
    structured: outputGrammarOf(endpoint),
    source: "app",
  });
  await startWaitingRuns(database, actor.userId);
  return (await getEvaluationRun(database, run.id, undefined)) ?? run;
}

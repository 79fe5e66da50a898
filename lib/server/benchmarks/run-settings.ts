import "server-only";
import type { AppConfig } from "@/lib/config";
import type { EvaluationRunRecord } from "@/lib/db/evaluation-runs";
import { AppError } from "@/lib/errors";
import { type AssessmentEndpoint, resolveAssessmentEndpoint } from "@/lib/inference/assessment-endpoints";
import { getPromptTemplate } from "@/lib/server/load-prompt-template";

/** How a run records the output grammar its requests carry: null for the official request, unchanged. */
export function outputGrammarOf(endpoint: AssessmentEndpoint): string | null {
  return endpoint.structuredFor ? `regex for ${endpoint.structuredFor}` : null;
}

const describeGrammar = (grammar: string | null) => (grammar === null ? "no output grammar" : "the output grammar");

/**
 * Whether a run's model and the endpoint's are the same as far as the
 * configuration says: an endpoint without MODEL_NAME ("default") takes
 * whatever its server serves, which is checked when the run goes on
 * (execute-evaluation-run.ts compares it with the run's `servedModel`).
 */
const sameConfiguredModel = (now: string, then: string) => now === then || now === "default" || then === "default";

/**
 * The endpoint a run goes on with, as the server is configured now. It must
 * send what the run was started with (the same kind of endpoint, model,
 * prompt template and output grammar, the last two only where the endpoint
 * reads them: the baseline reads neither), or a resumed run's results would
 * mix two settings under one accuracy; otherwise a 409 names what changed.
 */
export function endpointForRun(config: AppConfig, run: EvaluationRunRecord): AssessmentEndpoint {
  const endpoint = resolveAssessmentEndpoint(config, run.endpoint);
  const changes: string[] = [];
  if (endpoint.kind !== run.provider)
    changes.push(`the endpoint is now a ${endpoint.kind} endpoint, and the run was made for ${run.provider}`);
  else if (endpoint.kind !== "baseline") {
    if (!sameConfiguredModel(endpoint.model, run.model))
      changes.push(`the endpoint now asks for the model ${endpoint.model}, and the run was made with ${run.model}`);
    const templateId = getPromptTemplate(config.promptTemplate).id;
    if (templateId !== run.templateId)
      changes.push(`the prompt template is now ${templateId}, and the run was made with ${run.templateId}`);
    // vLLM and SGLang take the same grammar in differently named fields: what matters is whether it is sent.
    const grammar = outputGrammarOf(endpoint);
    if ((grammar === null) !== (run.structured === null))
      changes.push(
        `requests now carry ${describeGrammar(grammar)}, and the run's carried ${describeGrammar(run.structured)}`,
      );
  }
  if (changes.length > 0)
    throw new AppError(
      "conflict",
      `The run on ${run.endpoint} cannot go on with the server's settings: ${changes.join("; ")}. Its results would mix two settings: restore the setting to resume it, or start a new run.`,
    );
  return endpoint;
}

import { getConfig } from "../lib/config";
import type { AssessmentProvider } from "../lib/inference/assessment-provider";
import { BaselineProvider } from "../lib/inference/baseline/baseline-provider";
import { OpenAiCompatibleProvider } from "../lib/inference/openai-compatible-provider";
import { getReplicaRouter } from "../lib/inference/replica-router";

/** The assessor a command asks for: a model server by URL, else the built-in baseline. */
export function chooseProvider(
  endpoint: string | undefined,
  model: string | undefined,
  apiKey = process.env.MODEL_API_KEY,
): AssessmentProvider {
  if (!endpoint) return new BaselineProvider();
  if (!URL.canParse(endpoint) || !/^https?:$/.test(new URL(endpoint).protocol))
    throw new Error(
      `--endpoint must be an http(s) URL such as http://127.0.0.1:8000/v1, got ${JSON.stringify(endpoint)}`,
    );
  const config = getConfig();
  const router = getReplicaRouter(
    { name: "command-line", replicaUrls: [endpoint], apiKey, model },
    { perReplicaLimit: config.inference.admission.maxInFlight, probeIntervalMs: config.modelProbeIntervalMs },
  );
  return new OpenAiCompatibleProvider({ router, apiKey }, model ?? "default", config.inference);
}

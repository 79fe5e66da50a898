import { z } from "zod";
import { baselineNames, isBaselineProvider } from "./provider-label";

/**
 * One place an assessment can run, with its health: a model server (what
 * lib/health's model server report says of it) or the built-in baseline.
 */
export const modelEndpointSchema = z.object({
  name: z.string(),
  provider: z.enum(["openai-compatible", "baseline"]),
  isDefault: z.boolean(),
  /** False for the default endpoint when no MODEL_API_URL is set. */
  configured: z.boolean(),
  ok: z.boolean(),
  /** The server's address without credentials; null for the baseline. */
  url: z.string().nullable().optional(),
  model: z.string().nullable().optional(),
  servedModels: z.array(z.string()).optional(),
  latencyMs: z.number().nullable().optional(),
  message: z.string().optional(),
  /**
   * A model server endpoint's replicas as this app instance sees them: whether
   * each answers, this instance's requests open at it, sent to it and failed
   * before their first token, and the median time to first token of its last 50.
   */
  replicas: z
    .array(
      z.object({
        url: z.string(),
        healthy: z.boolean(),
        inFlight: z.number(),
        requests: z.number(),
        errors: z.number(),
        medianFirstTokenMs: z.number().nullable(),
        lastError: z.string().nullable(),
      }),
    )
    .optional(),
});
export type ModelEndpointJson = z.infer<typeof modelEndpointSchema>;

/** GET /api/models: every endpoint, the default first. */
export const modelEndpointsSchema = z.object({ endpoints: z.array(modelEndpointSchema) });

/** How an endpoint is named in the UI: the baseline always says what it is. */
export function describeEndpoint(endpoint: ModelEndpointJson): string {
  if (isBaselineProvider(endpoint.provider)) return baselineNames.label;
  return `${endpoint.model ?? "model"} on ${endpoint.name}${endpoint.ok ? "" : " (not answering)"}`;
}

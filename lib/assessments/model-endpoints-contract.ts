import { z } from "zod";

/** GET /api/models as the pages read it. */
export const modelEndpointsSchema = z.object({
  endpoints: z.array(
    z
      .object({
        name: z.string(),
        provider: z.enum(["openai-compatible", "baseline"]),
        isDefault: z.boolean(),
        ok: z.boolean(),
        model: z.string().nullable().optional(),
        message: z.string().optional(),
      })
      .loose(),
  ),
});
export type ModelEndpointJson = z.infer<typeof modelEndpointsSchema>["endpoints"][number];

/** How an endpoint is named in the UI: the baseline always says what it is. */
export function describeEndpoint(endpoint: ModelEndpointJson): string {
  if (endpoint.provider === "baseline") return "Built-in baseline (image statistics, not PreferThinker)";
  return `${endpoint.model ?? "model"} on ${endpoint.name}${endpoint.ok ? "" : " (not answering)"}`;
}

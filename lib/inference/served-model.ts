import "server-only";
import type { AssessmentEndpoint } from "./assessment-endpoints";
import { modelListSchema } from "./check-model-server";

/**
 * The model an endpoint serves, as its server reports it (GET /models): the
 * name, and with vLLM the weights behind it when they differ (`root`), so
 * an alias moved to other weights reads as another model. Asked of each
 * replica in turn until one answers; null when none does, or none serves
 * the configured name.
 */
export async function findServedModel(endpoint: AssessmentEndpoint, timeoutMs = 5_000): Promise<string | null> {
  if (endpoint.kind !== "openai-compatible") return null;
  for (const url of endpoint.replicaUrls ?? (endpoint.apiUrl ? [endpoint.apiUrl] : [])) {
    try {
      const response = await fetch(`${url.replace(/\/$/, "")}/models`, {
        headers: endpoint.apiKey ? { Authorization: `Bearer ${endpoint.apiKey}` } : {},
        signal: AbortSignal.timeout(timeoutMs),
        cache: "no-store",
      });
      if (!response.ok) continue;
      const parsed = modelListSchema.safeParse(await response.json());
      if (!parsed.success) continue;
      const served =
        endpoint.model === "default"
          ? parsed.data.data[0]
          : parsed.data.data.find((entry) => entry.id === endpoint.model);
      if (!served) continue;
      return served.root && served.root !== served.id ? `${served.id} (${served.root})` : served.id;
    } catch {
      // This replica is down or slow: another may answer.
    }
  }
  return null;
}

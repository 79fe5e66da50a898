import "server-only";
import type { AppConfig } from "@/lib/config";
import { listAssessmentEndpoints } from "./assessment-endpoints";
import { checkModelServer } from "./check-model-server";

/**
 * Every assessment endpoint with its health: each configured model server
 * asked for its models (side by side), and the built-in baseline, which is
 * always ready. The first is the default.
 */
export async function listModelEndpoints(config: AppConfig, timeoutMs = 3_000) {
  return Promise.all(
    listAssessmentEndpoints(config).map(async (endpoint, index) => {
      const common = { name: endpoint.name, provider: endpoint.kind, isDefault: index === 0 };
      if (endpoint.kind === "baseline") {
        return {
          ...common,
          configured: true,
          ok: true,
          url: null,
          model: endpoint.model,
          servedModels: [endpoint.model],
          latencyMs: 0,
        };
      }
      const configured = config.endpoints.find((entry) => entry.name === endpoint.name)!;
      return {
        ...common,
        ...(await checkModelServer(
          { apiUrl: configured.apiUrl, name: configured.model, apiKey: configured.apiKey },
          timeoutMs,
        )),
      };
    }),
  );
}

import "server-only";
import type { AppConfig } from "@/lib/config";
import { listAssessmentEndpoints, routerOf } from "./assessment-endpoints";
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
      // Every replica asked now, side by side; the endpoint answers when one of them does.
      const checks = await Promise.all(
        configured.replicaUrls.map((apiUrl) =>
          checkModelServer({ apiUrl, name: configured.model, apiKey: configured.apiKey }, timeoutMs),
        ),
      );
      const answering = checks.find((check) => check.ok) ?? checks[0]!;
      return {
        ...common,
        ...answering,
        // As this instance routes to them: `healthy` is what its requests and its own probes found.
        replicas: routerOf(endpoint, config)
          .state()
          .map((replica, index) => {
            const check = checks[index];
            // Without the credentials a URL may carry.
            return { ...replica, url: check && "url" in check && check.url ? check.url : replica.url };
          }),
      };
    }),
  );
}

import "server-only";
import { z } from "zod";
import type { AppConfig } from "@/lib/config";
import { baselineNames } from "@/lib/assessments/provider-label";
import type { ModelServerHealth } from "@/lib/health/health-contract";

/** What the health report says with no MODEL_API_URL: assessments still work, on the baseline. */
export const noModelServerMessage = `Assessments use ${baselineNames.assessorInSentence}. To assess with PreferThinker, set MODEL_API_URL to an OpenAI-compatible endpoint (vLLM or SGLang) and restart the app.`;

/** OpenAI-compatible `GET /v1/models`, as vLLM and SGLang answer it; vLLM adds `root`, the weights an alias serves. */
export const modelListSchema = z.object({ data: z.array(z.object({ id: z.string(), root: z.string().nullish() })) });

const endpointWithoutCredentials = (apiUrl: string) => {
  const url = new URL(apiUrl);
  url.username = "";
  url.password = "";
  return url.toString().replace(/\/$/, "");
};

/** Asks the configured model server which models it serves; never throws. */
export async function checkModelServer(model: AppConfig["model"], timeoutMs = 3_000): Promise<ModelServerHealth> {
  if (!model) {
    // Not a fault: the built-in baseline takes every assessment, so the page says it is ready and how to add a model server.
    return { configured: false, ok: false, message: noModelServerMessage };
  }
  const url = endpointWithoutCredentials(model.apiUrl);
  const started = performance.now();
  try {
    const response = await fetch(`${model.apiUrl.replace(/\/$/, "")}/models`, {
      headers: model.apiKey ? { Authorization: `Bearer ${model.apiKey}` } : {},
      signal: AbortSignal.timeout(timeoutMs),
      cache: "no-store",
    });
    const latencyMs = Math.round(performance.now() - started);
    if (!response.ok) {
      return {
        configured: true,
        ok: false,
        url,
        model: model.name ?? null,
        servedModels: [],
        latencyMs,
        message: `The model server answered HTTP ${response.status}.`,
      };
    }
    const parsed = modelListSchema.safeParse(await response.json());
    if (!parsed.success) {
      return {
        configured: true,
        ok: false,
        url,
        model: model.name ?? null,
        servedModels: [],
        latencyMs,
        message: "The model server's /models answer is not OpenAI-compatible.",
      };
    }
    const servedModels = parsed.data.data.map((entry) => entry.id);
    const wanted = model.name ?? servedModels[0] ?? null;
    const serves = wanted !== null && servedModels.includes(wanted);
    return {
      configured: true,
      ok: serves,
      url,
      model: wanted,
      servedModels,
      latencyMs,
      ...(serves
        ? {}
        : {
            message: wanted
              ? `The server does not serve ${wanted}; it serves: ${servedModels.join(", ") || "nothing"}.`
              : "The server serves no model.",
          }),
    };
  } catch (error) {
    const reason =
      error instanceof Error && error.name === "TimeoutError"
        ? `no answer within ${timeoutMs} ms`
        : error instanceof Error
          ? error.message
          : String(error);
    return {
      configured: true,
      ok: false,
      url,
      model: model.name ?? null,
      servedModels: [],
      latencyMs: null,
      message: `The model server is unreachable: ${reason}.`,
    };
  }
}

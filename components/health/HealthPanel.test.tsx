import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import type { Health } from "@/lib/health/health-contract";
import { HealthPanel } from "./HealthPanel";
import { healthQueryOptions } from "./health-queries";

const database: Health["database"] = { kind: "embedded", ok: true, latencyMs: 2 };

/** The panel's words once /api/health has answered with this body. */
function panelText(health: Health): string {
  const client = new QueryClient();
  client.setQueryData(healthQueryOptions().queryKey, health);
  const html = renderToStaticMarkup(
    <QueryClientProvider client={client}>
      <HealthPanel />
    </QueryClientProvider>,
  );
  return html.replace(/<[^>]+>/g, " ").replace(/\s+/g, " ");
}

describe("the home page's health panel", () => {
  it("says the built-in baseline is ready when no model server is configured, not that something is missing", () => {
    const text = panelText({
      status: "ok",
      database,
      model: {
        configured: false,
        ok: false,
        message:
          "Assessments use the built-in baseline assessor (image statistics, not PreferThinker). To assess with PreferThinker, set MODEL_API_URL to an OpenAI-compatible endpoint (vLLM or SGLang) and restart the app.",
      },
      version: "0.1.0",
    });
    expect(text).toContain("Built-in baseline assessor: ready");
    expect(text).toContain("set MODEL_API_URL");
    expect(text).not.toMatch(/not configured|not available/i);
  });

  it("names the model a configured server serves, and says so when it is down", () => {
    const serving = {
      configured: true as const,
      ok: true,
      url: "http://gpu:8000/v1",
      model: "preferthinker-7b",
      servedModels: ["preferthinker-7b"],
      latencyMs: 5,
    };
    expect(panelText({ status: "ok", database, model: serving, version: "0.1.0" })).toContain(
      "Serving preferthinker-7b",
    );
    const down = panelText({
      status: "degraded",
      database,
      model: { ...serving, ok: false, message: "The model server is unreachable: no answer within 3000 ms." },
      version: "0.1.0",
    });
    expect(down).toContain("Not available");
    expect(down).not.toContain("baseline assessor: ready");
  });
});

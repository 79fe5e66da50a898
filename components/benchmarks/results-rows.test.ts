import { describe, expect, it } from "vitest";
import type { EvaluationRunJson } from "@/lib/benchmarks/benchmark-schemas";
import { buildResultRows, formatPercent } from "./results-rows";

const proportion = (successes: number, n: number) => ({ value: successes / n, low: 0, high: 1, successes, n });

function run(id: string, subset: string, options: Partial<Pick<EvaluationRunJson, "status" | "provider" | "model" | "mode">> & { correct?: number } = {}): EvaluationRunJson {
  const correct = options.correct ?? 8;
  return {
    id, subset: { id: `s-${subset}`, name: subset, sampleCount: 10 }, provider: options.provider ?? "baseline", endpoint: "baseline", model: options.model ?? "baseline-image-statistics",
    mode: options.mode ?? "reasoning", templateId: "preferthinker-v1", history: 5, concurrency: 2, status: options.status ?? "completed", source: "app", error: null,
    createdAt: "", startedAt: null, finishedAt: null, progress: { done: 10, total: 10, samplesPerSecond: null, etaSeconds: 0 },
    summary: { strict: proportion(correct, 10), lenient: proportion(correct, 10), formatValid: proportion(10, 10), official: null, issueCounts: {}, millisecondsPerSample: null },
  };
}

describe("result rows", () => {
  it("keeps the latest completed run per model and subset, skipping running and cancelled ones", () => {
    const rows = buildResultRows([run("r4", "TEST_SP_ID", { status: "running" }), run("r3", "TEST_SP_ID", { correct: 9 }), run("r2", "TEST_SP_ID", { correct: 5 }), run("r1", "TEST_MP_OD", { status: "cancelled" })]);
    expect(rows).toHaveLength(1);
    expect(rows[0]!.isBaseline).toBe(true);
    expect(rows[0]!.cells.TEST_SP_ID?.runId).toBe("r3");
    expect(rows[0]!.cells.TEST_MP_OD).toBeUndefined();
    expect(rows[0]!.average).toBeNull();
  });

  it("gives one row per model and mode, and the mean of the five columns once all five are there", () => {
    const subsets = ["TEST_SP_ID", "TEST_MP_ID", "TEST_SP_OD", "TEST_MP_OD", "TEST_PICKAPIC"];
    const model = { provider: "openai-compatible" as const, model: "preferthinker-7b" };
    const rows = buildResultRows([...subsets.map((subset, index) => run(`m${index}`, subset, { ...model, correct: index + 5 })), run("f", "TEST_SP_ID", { ...model, mode: "fast" })]);
    expect(rows.map((row) => [row.model, row.mode])).toEqual([["preferthinker-7b", "reasoning"], ["preferthinker-7b", "fast"]]);
    expect(rows[0]!.average).toBeCloseTo(0.7, 10);
    expect(formatPercent(rows[0]!.average)).toBe("70.0");
    expect(formatPercent(null)).toBe("—");
  });
});

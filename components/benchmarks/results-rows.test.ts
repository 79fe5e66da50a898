import { describe, expect, it } from "vitest";
import type { EvaluationRunJson } from "@/lib/benchmarks/benchmark-contract";
import { buildResultRows, formatPercent } from "./results-rows";

const proportion = (successes: number, n: number) => ({ value: successes / n, low: 0, high: 1, successes, n });

function run(
  id: string,
  subset: string,
  options: Partial<Pick<EvaluationRunJson, "status" | "provider" | "model" | "mode">> & { correct?: number } = {},
): EvaluationRunJson {
  const correct = options.correct ?? 8;
  return {
    id,
    subset: { id: `s-${subset}`, name: subset, sampleCount: 10 },
    provider: options.provider ?? "baseline",
    endpoint: "baseline",
    model: options.model ?? "baseline-image-statistics",
    mode: options.mode ?? "reasoning",
    templateId: "preferthinker-v1",
    history: 5,
    concurrency: 2,
    servedModel: null,
    freshOutputs: false,
    swap: false,
    structured: null,
    status: options.status ?? "completed",
    source: "app",
    error: null,
    createdAt: "",
    startedAt: null,
    finishedAt: null,
    waitingFor: null,
    progress: { done: 10, failed: 0, total: 10, samplesPerSecond: null, etaSeconds: 0 },
    summary: {
      strict: proportion(correct, 10),
      lenient: proportion(correct, 10),
      formatValid: proportion(10, 10),
      official: null,
      issueCounts: {},
      millisecondsPerSample: null,
      reused: { outputs: 10, cached: 0 },
      swap: null,
    },
  };
}

describe("result rows", () => {
  it("carries a swap run's position bias into its cell, and none for a run in one order", () => {
    const swapped = run("s1", "TEST_SP_ID");
    const bias = proportion(3, 10);
    swapped.swap = true;
    swapped.summary.swap = {
      positionBias: bias,
      consistentAccuracy: proportion(6, 7),
      accuracyBothOrders: proportion(6, 10),
    };
    expect(buildResultRows([swapped])[0]!.cells.TEST_SP_ID?.positionBias).toEqual(bias);
    expect(buildResultRows([run("r1", "TEST_SP_ID")])[0]!.cells.TEST_SP_ID?.positionBias).toBeNull();
  });

  it("keeps the latest completed run per model and subset, skipping running and cancelled ones", () => {
    const rows = buildResultRows([
      run("r4", "TEST_SP_ID", { status: "running" }),
      run("r3", "TEST_SP_ID", { correct: 9 }),
      run("r2", "TEST_SP_ID", { correct: 5 }),
      run("r1", "TEST_MP_OD", { status: "cancelled" }),
    ]);
    expect(rows).toHaveLength(1);
    expect(rows[0]!.isBaseline).toBe(true);
    expect(rows[0]!.cells.TEST_SP_ID?.runId).toBe("r3");
    expect(rows[0]!.cells.TEST_MP_OD).toBeUndefined();
    expect(rows[0]!.average).toEqual({
      value: null,
      isPaperAverage: false,
      missing: ["Seen MP", "Unseen SP", "Unseen MP", "PickaPic"],
      label: "No Avg: only Seen SP has a run",
    });
  });

  it("gives one row per model and mode, and the mean of the five columns once all five are there", () => {
    const subsets = ["TEST_SP_ID", "TEST_MP_ID", "TEST_SP_OD", "TEST_MP_OD", "TEST_PICKAPIC"];
    const model = { provider: "openai-compatible" as const, model: "preferthinker-7b" };
    const rows = buildResultRows([
      ...subsets.map((subset, index) => run(`m${index}`, subset, { ...model, correct: index + 5 })),
      run("f", "TEST_SP_ID", { ...model, mode: "fast" }),
    ]);
    expect(rows.map((row) => [row.model, row.mode])).toEqual([
      ["preferthinker-7b", "reasoning"],
      ["preferthinker-7b", "fast"],
    ]);
    expect(rows[0]!.average.value).toBeCloseTo(0.7, 10);
    expect(rows[0]!.average).toMatchObject({ isPaperAverage: true, missing: [], label: "Avg" });
    expect(formatPercent(rows[0]!.average.value)).toBe("70.0");
    expect(formatPercent(null)).toBe("—");
  });

  it("never passes a mean over fewer than five subsets for the paper's Avg: it says which subsets are left out", () => {
    const model = { provider: "openai-compatible" as const, model: "preferthinker-7b" };
    const fourWithoutPickaPic = buildResultRows(
      ["TEST_SP_ID", "TEST_MP_ID", "TEST_SP_OD", "TEST_MP_OD"].map((subset, index) =>
        run(`m${index}`, subset, { ...model, correct: 6 + index }),
      ),
    );
    expect(fourWithoutPickaPic[0]!.average.label).toBe("Avg of 4 (no PickaPic)");
    expect(fourWithoutPickaPic[0]!.average.isPaperAverage).toBe(false);
    expect(formatPercent(fourWithoutPickaPic[0]!.average.value)).toBe("75.0");

    const three = buildResultRows(
      ["TEST_SP_ID", "TEST_SP_OD", "TEST_MP_OD"].map((subset) => run(subset, subset, model)),
    );
    expect(three[0]!.average.label).toBe("Avg of 3 (no Seen MP, PickaPic)");

    // A later failed or running run does not count, so the row is still short of one column.
    const withRunning = buildResultRows([
      run("p", "TEST_PICKAPIC", { ...model, status: "running" }),
      ...["TEST_SP_ID", "TEST_MP_ID"].map((subset) => run(subset, subset, model)),
    ]);
    expect(withRunning[0]!.average.label).toBe("Avg of 2 (no Unseen SP, Unseen MP, PickaPic)");
  });
});

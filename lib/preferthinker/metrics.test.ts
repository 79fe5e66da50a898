import { describe, expect, it } from "vitest";
import { computeMetrics, type ScoredSample, wilsonInterval } from "./metrics";

describe("wilsonInterval", () => {
  it("matches published values", () => {
    // 81 of 263: Wilson 95% interval 0.2553-0.3662 (Newcombe, 1998, worked example).
    const interval = wilsonInterval(81, 263);
    expect(interval.value).toBeCloseTo(0.308, 3);
    expect(interval.low).toBeCloseTo(0.2553, 4);
    expect(interval.high).toBeCloseTo(0.3662, 4);
  });

  it("stays inside 0-1 at the extremes", () => {
    expect(wilsonInterval(0, 10).low).toBe(0);
    expect(wilsonInterval(10, 10).high).toBe(1);
    expect(wilsonInterval(10, 10).low).toBeCloseTo(0.7225, 4);
    expect(Number.isNaN(wilsonInterval(0, 0).value)).toBe(true);
  });
});

describe("computeMetrics", () => {
  const sample = (
    subset: ScoredSample["subset"],
    strictCorrect: boolean,
    lenientCorrect = strictCorrect,
    issues: ScoredSample["issues"] = [],
  ): ScoredSample => ({
    subset,
    strictCorrect,
    lenientCorrect,
    formatValid: issues.length === 0,
    issues,
  });

  it("lays out subsets in the paper's columns and averages them unweighted", () => {
    const samples = [
      sample("TEST_SP_ID", true),
      sample("TEST_SP_ID", true),
      sample("TEST_SP_ID", false, true, ["invalid-answer"]),
      sample("TEST_SP_ID", true),
      sample("TEST_MP_ID", true),
      sample("TEST_SP_OD", false),
      sample("TEST_MP_OD", true),
      sample("TEST_PICKAPIC", false, false, ["truncated", "missing-answer"]),
    ];
    const table = computeMetrics(samples);
    expect(table.columns.map((column) => column.title)).toEqual([
      "Seen SP",
      "Seen MP",
      "Unseen SP",
      "Unseen MP",
      "PickaPic",
    ]);
    expect(table.columns[0]!.strict).toMatchObject({ value: 0.75, n: 4 });
    expect(table.columns[0]!.lenient).toMatchObject({ value: 1, n: 4 });
    expect(table.average.strict).toBeCloseTo((0.75 + 1 + 0 + 1 + 0) / 5, 10);
    expect(table.issueCounts).toEqual({ "invalid-answer": 1, truncated: 1, "missing-answer": 1 });
  });

  it("gives no average while a subset is missing", () => {
    expect(computeMetrics([sample("TEST_SP_ID", true)]).average).toEqual({ strict: null, lenient: null });
  });
});

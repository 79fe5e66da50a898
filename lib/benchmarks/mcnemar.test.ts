import { describe, expect, it } from "vitest";
import { mcnemarTest } from "./mcnemar";

describe("McNemar's test", () => {
  it("gives the exact binomial p-value worked by hand", () => {
    // b = 1, c = 5: P(X <= 1) = (1 + 6) / 64, doubled = 14 / 64.
    const result = mcnemarTest(1, 5);
    expect(result.pValue).toBeCloseTo(14 / 64, 12);
    // (|1 - 5| - 1)^2 / 6 = 9 / 6.
    expect(result.chiSquare).toBeCloseTo(1.5, 12);
  });

  it("is symmetric in the two runs and 1 when they flip equally often", () => {
    expect(mcnemarTest(7, 2).pValue).toBeCloseTo(mcnemarTest(2, 7).pValue, 12);
    expect(mcnemarTest(4, 4).pValue).toBe(1);
  });

  it("has nothing to test without discordant pairs", () => {
    expect(mcnemarTest(0, 0)).toEqual({ b: 0, c: 0, chiSquare: null, pValue: 1 });
  });

  it("matches the exact value for a lopsided split (0 vs 10: 2 / 1024)", () => {
    expect(mcnemarTest(0, 10).pValue).toBeCloseTo(2 / 1024, 12);
  });

  it("stays finite and tiny for a large, clear difference", () => {
    const { pValue } = mcnemarTest(20, 400);
    expect(pValue).toBeGreaterThan(0);
    expect(pValue).toBeLessThan(1e-60);
  });
});

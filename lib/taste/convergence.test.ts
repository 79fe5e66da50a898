import { describe, expect, it } from "vitest";
import { hasConverged, measureRankAgreement } from "./convergence";

describe("convergence", () => {
  it("measures rank agreement from 1 (same order) to -1 (reversed)", () => {
    expect(measureRankAgreement([1, 2, 3, 4], [10, 20, 30, 40])).toBe(1);
    expect(measureRankAgreement([1, 2, 3, 4], [4, 3, 2, 1])).toBe(-1);
    expect(measureRankAgreement([1, 2, 3, 4], [2, 1, 3, 4])).toBeCloseTo(4 / 6, 12);
  });

  it("needs the ranking to hold for a whole window of answers", () => {
    const options = { window: 3, minAgreement: 0.9 };
    const moving = [
      [0, 0, 0, 0],
      [1, 2, 3, 4],
      [4, 3, 2, 1],
      [4, 3, 2, 1.5],
      [4.1, 3, 2, 1.5],
    ];
    expect(hasConverged(moving, options)).toBe(false);
    expect(hasConverged([...moving, [4.2, 3.1, 2, 1.4]], options)).toBe(true);
    expect(
      hasConverged(
        [
          [0, 0],
          [1, 2],
        ],
        options,
      ),
    ).toBe(false);
  });
});

import { describe, expect, it } from "vitest";
import { cohenKappa, krippendorffAlpha } from "./agreement-statistics";

describe("Cohen's kappa", () => {
  it("matches a hand computation on ten verdicts", () => {
    // Annotator 1: gold x5, corrected x3, rejected x2. Annotator 2 agrees on 7 of 10.
    const pairs = [
      ["gold", "gold"],
      ["gold", "gold"],
      ["gold", "gold"],
      ["gold", "gold"],
      ["gold", "corrected"],
      ["corrected", "corrected"],
      ["corrected", "corrected"],
      ["corrected", "rejected"],
      ["rejected", "rejected"],
      ["rejected", "gold"],
    ] as const;
    // p_o = 7/10. Annotator 2: gold 5, corrected 3, rejected 2 (same margins as annotator 1).
    // p_e = 0.5*0.5 + 0.3*0.3 + 0.2*0.2 = 0.38; kappa = (0.7 - 0.38) / (1 - 0.38) = 0.32 / 0.62.
    const kappa = cohenKappa(pairs);
    expect(kappa.n).toBe(10);
    expect(kappa.value).toBeCloseTo(0.32 / 0.62, 10);
  });

  it("is 1 for perfect agreement and null when chance agreement is certain", () => {
    expect(
      cohenKappa([
        ["a", "a"],
        ["b", "b"],
      ]).value,
    ).toBe(1);
    expect(
      cohenKappa([
        ["a", "a"],
        ["a", "a"],
      ]).value,
    ).toBeNull();
  });
});

describe("Krippendorff's alpha", () => {
  it("matches a hand computation, nominal, with a missing rating and three annotators", () => {
    // Units (values of the annotators who rated them):
    // u1: a a ; u2: a b ; u3: b b b ; u4: a (unpairable, dropped)
    // Coincidences: u1 -> o(a,a) += 2; u2 -> o(a,b) += 1, o(b,a) += 1; u3 -> o(b,b) += 6 * 1/2 = 3.
    // n_a = 3, n_b = 4, n = 7. Observed disagreement sum = o(a,b) + o(b,a) = 2.
    // Expected sum = n_a*n_b + n_b*n_a = 24. alpha = 1 - (n - 1) * 2 / 24 = 1 - 12/24 = 0.5.
    const alpha = krippendorffAlpha([["a", "a"], ["a", "b"], ["b", "b", "b"], ["a"]], "nominal");
    expect(alpha.n).toBe(7);
    expect(alpha.value).toBeCloseTo(0.5, 10);
  });

  it("matches a hand computation, interval, on scores", () => {
    // u1: 3 4 ; u2: 5 5 ; u3: 1 2. Each pair adds o(c,k) = o(k,c) = 1.
    // Values: 3,4,5,5,1,2; n = 6; observed sum = 2*(1 + 0 + 1) = 4.
    // Expected sum = sum over all ordered value pairs of (v_i - v_j)^2
    //   = 2 * n * sum(v^2) - 2 * (sum v)^2 = 2*6*80 - 2*20^2 = 160 (sum v = 20, sum v^2 = 80).
    // alpha = 1 - (6 - 1) * 4 / 160 = 0.875.
    const alpha = krippendorffAlpha(
      [
        [3, 4],
        [5, 5],
        [1, 2],
      ],
      "interval",
    );
    expect(alpha.n).toBe(6);
    expect(alpha.value).toBeCloseTo(0.875, 10);
  });

  it("agrees with Cohen's kappa's order of magnitude and is 1 when all pairs agree", () => {
    expect(
      krippendorffAlpha(
        [
          ["x", "x"],
          ["y", "y"],
        ],
        "nominal",
      ).value,
    ).toBe(1);
    expect(krippendorffAlpha([["x", "x"]], "nominal").value).toBeNull();
  });
});

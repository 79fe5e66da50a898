import { describe, expect, it } from "vitest";
import type { DemoProfile } from "@/lib/demo/demo-attributes";
import { renderDemoImage } from "@/lib/demo/render-demo-image";
import { ANALYSIS_SIZE, measureImageFeatures } from "@/lib/inference/baseline/image-features";
import { MersenneTwister } from "@/lib/preferthinker/python-random";
import {
  baselineFeatureGroups,
  baselineFeatureLabels,
  createBaselineFeatureVectors,
  readBaselineStatistics,
} from "./baseline-features";

const base: DemoProfile = {
  style: "organic",
  hue: "orange",
  medium: "flat",
  saturation: "moderate",
  detail: "moderate",
};
const measure = (profile: DemoProfile, seed: number) =>
  measureImageFeatures(
    renderDemoImage(profile, new MersenneTwister(seed), ANALYSIS_SIZE),
    ANALYSIS_SIZE,
    ANALYSIS_SIZE,
  );

describe("baseline statistics as quiz features", () => {
  const pool = [1, 2, 3, 4, 5, 6].map((seed) => measure({ ...base, saturation: seed % 2 ? "vivid" : "muted" }, seed));
  const saturationColumn = baselineFeatureLabels.findIndex((label) => label.high === "high saturation");

  it("has a word for each measure and one group per attribute covering every column once", () => {
    const length = readBaselineStatistics(pool[0]!).length;
    expect(baselineFeatureLabels).toHaveLength(length);
    expect(baselineFeatureGroups).toHaveLength(5);
    expect(baselineFeatureGroups.flat().sort((a, b) => a - b)).toEqual(Array.from({ length }, (_, k) => k));
  });

  it("standardises over the pool, so vivid pictures sit above muted ones in saturation and the mean is 0", () => {
    const vectors = createBaselineFeatureVectors(pool);
    const column = vectors.map((vector) => vector[saturationColumn]!);
    expect(Math.abs(column.reduce((sum, value) => sum + value, 0))).toBeLessThan(1e-9);
    expect(Math.min(column[0]!, column[2]!, column[4]!)).toBeGreaterThan(Math.max(column[1]!, column[3]!, column[5]!));
    // Saturation has two measures: each carries half the variance, so the attribute weighs as much as one with one measure.
    expect(column.reduce((sum, value) => sum + value * value, 0) / column.length).toBeCloseTo(0.5, 9);
  });
});

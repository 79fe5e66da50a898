import { uniformInt } from "pure-rand/distribution/uniformInt";
import { xoroshiro128plus } from "pure-rand/generator/xoroshiro128plus";
import { describe, expect, it } from "vitest";
import { wilsonInterval } from "@/lib/preferthinker/metrics";
import {
  clusteredBootstrapAccuracy,
  pairedBootstrapDifference,
  type ClusteredVerdict,
  type PairedVerdict,
} from "./bootstrap";

// B both correct, A only run A, O only run B, N neither: 25, 8, 3 and 4 of 40.
const interleaved = "BABBNBBABBBOBBANBBBABBOBBBANBBABBOBBANBA";

function toPairs(pattern: string): PairedVerdict[] {
  return [...pattern].map((letter) => ({ a: letter === "B" || letter === "A", b: letter === "B" || letter === "O" }));
}

/** numpy's default quantile (method="linear"), written out on a plain sorted array. */
function linearQuantile(sorted: number[], q: number): number {
  const position = (sorted.length - 1) * q;
  const below = Math.floor(position);
  const lower = sorted[below]!;
  const upper = sorted[Math.min(below + 1, sorted.length - 1)]!;
  return lower + (position - below) * (upper - lower);
}

/** The paired bootstrap as a textbook states it, one drawn index at a time. */
function referencePairedInterval(pairs: PairedVerdict[], seed: number, resamples: number, level = 0.95) {
  const rng = xoroshiro128plus(seed);
  const n = pairs.length;
  const differences: number[] = [];
  for (let r = 0; r < resamples; r++) {
    let correctA = 0;
    let correctB = 0;
    for (let k = 0; k < n; k++) {
      const drawn = pairs[uniformInt(rng, 0, n - 1)]!;
      if (drawn.a) correctA++;
      if (drawn.b) correctB++;
    }
    differences.push(correctA / n - correctB / n);
  }
  differences.sort((x, y) => x - y);
  return { low: linearQuantile(differences, (1 - level) / 2), high: linearQuantile(differences, (1 + level) / 2) };
}

/** The cluster bootstrap written out: people indexed in order of first appearance. */
function referenceClusteredInterval(samples: ClusteredVerdict[], seed: number, resamples: number) {
  const people = [...new Set(samples.map((sample) => sample.cluster))];
  const rng = xoroshiro128plus(seed);
  const accuracies: number[] = [];
  for (let r = 0; r < resamples; r++) {
    let correct = 0;
    let total = 0;
    for (let k = 0; k < people.length; k++) {
      const person = people[uniformInt(rng, 0, people.length - 1)];
      for (const sample of samples)
        if (sample.cluster === person) {
          total++;
          if (sample.correct) correct++;
        }
    }
    accuracies.push(correct / total);
  }
  accuracies.sort((x, y) => x - y);
  return { low: linearQuantile(accuracies, 0.025), high: linearQuantile(accuracies, 0.975) };
}

describe("paired bootstrap of an accuracy difference", () => {
  const pairs = toPairs(interleaved);

  it("matches the index-by-index bootstrap with the same generator and seed", () => {
    const result = pairedBootstrapDifference(pairs);
    const reference = referencePairedInterval(pairs, 42, 10_000);
    expect(result.difference).toBe((8 - 3) / 40);
    expect(result.low).toBeCloseTo(reference.low, 12);
    expect(result.high).toBeCloseTo(reference.high, 12);
    expect(result).toMatchObject({ level: 0.95, n: 40, resamples: 10_000, seed: 42 });
    expect(result.method).toBe("paired bootstrap (percentile, 10,000 resamples, seed 42)");
  });

  it("interpolates between resamples by numpy's default rule where the resamples are few and fine-grained", () => {
    // On 40 samples the ends of the interval sit among tied resamples, where every quantile rule agrees.
    const many = toPairs(interleaved.repeat(50));
    const result = pairedBootstrapDifference(many, { resamples: 200, seed: 7 });
    const reference = referencePairedInterval(many, 7, 200);
    expect(result.low).toBeCloseTo(reference.low, 12);
    expect(result.high).toBeCloseTo(reference.high, 12);
  });

  it("lands near the normal interval for paired proportions, around the observed difference", () => {
    const result = pairedBootstrapDifference(pairs);
    // sqrt((p10 + p01 - (p10 - p01)^2) / n) with p10 = 8/40, p01 = 3/40.
    const standardError = Math.sqrt((8 / 40 + 3 / 40 - (5 / 40) ** 2) / 40);
    expect(result.low).toBeLessThanOrEqual(result.difference);
    expect(result.high).toBeGreaterThanOrEqual(result.difference);
    expect(result.low).toBeCloseTo(0.125 - 1.96 * standardError, 1);
    expect(result.high).toBeCloseTo(0.125 + 1.96 * standardError, 1);
  });

  it("gives [0, 0] for two runs with the same verdicts", () => {
    const same = pairs.map(({ a }) => ({ a, b: a }));
    expect(pairedBootstrapDifference(same)).toMatchObject({ difference: 0, low: 0, high: 0 });
  });

  it("negates the interval when the runs swap places", () => {
    const forward = pairedBootstrapDifference(pairs);
    const backward = pairedBootstrapDifference(pairs.map(({ a, b }) => ({ a: b, b: a })));
    expect(backward.difference).toBe(-forward.difference);
    expect(backward.low).toBeCloseTo(-forward.high, 12);
    expect(backward.high).toBeCloseTo(-forward.low, 12);
  });

  it("repeats itself for one seed and moves slightly for another", () => {
    // 2,000 samples put the resampled differences on a grid fine enough for a new seed to show.
    const many = toPairs(interleaved.repeat(50));
    const first = pairedBootstrapDifference(many, { resamples: 2_000 });
    expect(pairedBootstrapDifference(many, { resamples: 2_000 })).toEqual(first);
    const other = pairedBootstrapDifference(many, { resamples: 2_000, seed: 43 });
    expect([other.low, other.high]).not.toEqual([first.low, first.high]);
    expect(Math.abs(other.low - first.low)).toBeLessThan(0.005);
    expect(Math.abs(other.high - first.high)).toBeLessThan(0.005);
  });

  it("reads counts as verdicts laid out only A, only B, both, neither", () => {
    const counts = { bothCorrect: 25, onlyA: 8, onlyB: 3, neither: 4 };
    const laidOut = toPairs("A".repeat(8) + "O".repeat(3) + "B".repeat(25) + "N".repeat(4));
    expect(pairedBootstrapDifference(counts)).toEqual(pairedBootstrapDifference(laidOut));
  });

  it("takes fewer resamples past the draw bound, says so, and still resamples index by index", () => {
    const result = pairedBootstrapDifference(pairs, { maxDraws: 40 * 500 });
    const reference = referencePairedInterval(pairs, 42, 500);
    expect(result.resamples).toBe(500);
    expect(result.low).toBeCloseTo(reference.low, 12);
    expect(result.high).toBeCloseTo(reference.high, 12);
    expect(result.method).toBe(
      "paired bootstrap (percentile, 500 resamples, cut from 10,000 to bound the work on 40 samples, seed 42)",
    );
  });

  it("agrees with the normal interval on a 100,000-sample run", () => {
    // 9% only A, 7% only B, interleaved the way a long run mixes them.
    const large = Array.from({ length: 100_000 }, (_, index) => {
      const slot = index % 100;
      return { a: slot < 79, b: slot < 70 || (slot >= 79 && slot < 86) };
    });
    const result = pairedBootstrapDifference(large);
    const halfWidth = 1.959964 * Math.sqrt((0.09 + 0.07 - 0.02 ** 2) / 100_000);
    expect(result.difference).toBeCloseTo(0.02, 12);
    expect(result.resamples).toBe(100);
    expect(result.method).toContain("100 resamples, cut from 10,000");
    // At 100 resamples an end of the interval wanders by about a seventh of the half-width.
    expect(Math.abs(result.low - (0.02 - halfWidth))).toBeLessThan(0.35 * halfWidth);
    expect(Math.abs(result.high - (0.02 + halfWidth))).toBeLessThan(0.35 * halfWidth);
  });

  it("has nothing to compare without samples", () => {
    const result = pairedBootstrapDifference([]);
    expect(result.difference).toBeNaN();
    expect(result.low).toBeNaN();
    expect(result.high).toBeNaN();
    expect(result.resamples).toBe(0);
    expect(result.method).toBe("paired bootstrap: no samples to compare");
  });

  it("refuses a seed the generator would fold onto another, and a level outside (0, 1)", () => {
    expect(() => pairedBootstrapDifference(pairs, { seed: 2 ** 32 })).toThrow(RangeError);
    expect(() => pairedBootstrapDifference(pairs, { level: 1 })).toThrow(RangeError);
  });
});

/** `people` people with `samplesEach` samples each, the first `rightPeople` always right, the rest always wrong. */
function correlatedSamples(people: number, samplesEach: number, rightPeople: number): ClusteredVerdict[] {
  // Person by person round-robin, so one person's samples are spread over the list as in a real run.
  return Array.from({ length: people * samplesEach }, (_, index) => {
    const person = index % people;
    return { cluster: `person-${person}`, correct: person < rightPeople };
  });
}

describe("bootstrap of an accuracy clustered by person", () => {
  it("matches the cluster-by-cluster bootstrap with the same generator and seed", () => {
    const samples: ClusteredVerdict[] = [
      ...["ana", "ana", "ana", "ben", "cy", "cy", "dee", "dee", "dee", "dee"].map((cluster, index) => ({
        cluster,
        correct: index % 3 !== 1,
      })),
      { cluster: "eve", correct: false },
      { cluster: "ben", correct: true },
    ];
    const result = clusteredBootstrapAccuracy(samples, { resamples: 2_000 });
    const reference = referenceClusteredInterval(samples, 42, 2_000);
    expect(result).toMatchObject({ value: 8 / 12, n: 12, clusters: 5, resamples: 2_000, seed: 42 });
    expect(result.low).toBeCloseTo(reference.low, 12);
    expect(result.high).toBeCloseTo(reference.high, 12);
    expect(result.method).toBe("cluster bootstrap by person (percentile, 2,000 resamples, seed 42)");
  });

  it("is clearly wider than the Wilson interval when each person is all right or all wrong", () => {
    const samples = correlatedSamples(40, 5, 28);
    const clustered = clusteredBootstrapAccuracy(samples);
    const wilson = wilsonInterval(140, 200);
    expect(clustered.value).toBe(0.7);
    expect(clustered.low).toBeLessThanOrEqual(0.7);
    expect(clustered.high).toBeGreaterThanOrEqual(0.7);
    // Five copies of each verdict: the honest interval is about sqrt(5) = 2.2 times as wide.
    expect(clustered.high - clustered.low).toBeGreaterThan(1.8 * (wilson.high - wilson.low));
  });

  it("comes close to the Wilson interval with one sample per person", () => {
    const clustered = clusteredBootstrapAccuracy(correlatedSamples(200, 1, 140));
    const wilson = wilsonInterval(140, 200);
    expect(clustered.clusters).toBe(200);
    expect(Math.abs(clustered.low - wilson.low)).toBeLessThan(0.01);
    expect(Math.abs(clustered.high - wilson.high)).toBeLessThan(0.01);
  });

  it("repeats itself for one seed and moves slightly for another", () => {
    // People with one to five samples each, so resampled accuracies are fine-grained enough for a new seed to show.
    const samples = Array.from({ length: 60 }, (_, person) =>
      Array.from({ length: (person % 5) + 1 }, (_, k) => ({
        cluster: `person-${person}`,
        correct: (person + k) % 3 !== 0,
      })),
    ).flat();
    const first = clusteredBootstrapAccuracy(samples);
    expect(clusteredBootstrapAccuracy(samples)).toEqual(first);
    const other = clusteredBootstrapAccuracy(samples, { seed: 7 });
    expect([other.low, other.high]).not.toEqual([first.low, first.high]);
    expect(Math.abs(other.low - first.low)).toBeLessThan(0.01);
    expect(Math.abs(other.high - first.high)).toBeLessThan(0.01);
  });

  it("has nothing to report without samples", () => {
    const result = clusteredBootstrapAccuracy([]);
    expect(result.value).toBeNaN();
    expect(result.low).toBeNaN();
    expect(result.high).toBeNaN();
    expect(result).toMatchObject({ n: 0, clusters: 0, resamples: 0 });
  });
});

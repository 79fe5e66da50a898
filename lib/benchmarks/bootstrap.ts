import { uniformInt } from "pure-rand/distribution/uniformInt";
import { xoroshiro128plus } from "pure-rand/generator/xoroshiro128plus";

/**
 * Percentile bootstrap intervals for benchmark accuracies, seeded so that a
 * figure in a report can be recomputed to the last digit: the same input in
 * the same order with the same seed gives the same interval every time.
 *
 * Every draw is pure-rand's xoroshiro128+ through its unbiased `uniformInt`;
 * one generator per call, seeded once, drawn in a fixed order (resample by
 * resample, draw by draw).
 *
 * The work is one draw per sample (or person) per resample, at some 15 to
 * 25 ns a draw, so 10,000 resamples of a 100,000-sample run would take 15
 * to 25 seconds. Past `maxDraws` draws in all (10 million, about a fifth
 * of a second) fewer resamples are taken, never fewer than 100, and
 * `method` says how many. That costs little where it applies: resample
 * noise moves an end of the interval by about a quarter of a standard
 * error at 100 resamples, and at 100,000 samples the standard error of a
 * paired difference is at most 0.32 points, so the noise stays under a
 * tenth of a point. The resampling itself never changes, so a cut run
 * gives exactly what the literal algorithm gives with that many
 * resamples. Sorting the samples so that a draw maps to its value by two
 * comparisons was measured no faster than reading a byte array: the
 * generator, not the lookup, is the cost.
 */

/** One sample judged in both runs of a comparison. */
export type PairedVerdict = { a: boolean; b: boolean };

/** The same verdicts as counts; expanded in the order onlyA, onlyB, bothCorrect, neither. */
export type PairedCounts = { bothCorrect: number; onlyA: number; onlyB: number; neither: number };

/** One sample of a benchmark with several samples per person. */
export type ClusteredVerdict = { cluster: string; correct: boolean };

export type BootstrapOptions = {
  /** Resamples asked for; default 10,000. Fewer are taken past `maxDraws`. */
  resamples?: number;
  /** An integer in [0, 2^32); default 42. */
  seed?: number;
  /** Coverage of the interval, in (0, 1); default 0.95. */
  level?: number;
  /** Bound on random draws per call (resamples × draws per resample); default 10,000,000. */
  maxDraws?: number;
};

export type PairedBootstrapResult = {
  /** Accuracy of run A minus accuracy of run B, on the samples as given. */
  difference: number;
  low: number;
  high: number;
  level: number;
  n: number;
  /** Resamples actually taken: 0 without samples, fewer than asked past `maxDraws`. */
  resamples: number;
  seed: number;
  method: string;
};

export type ClusteredBootstrapResult = {
  /** Correct samples over all samples. */
  value: number;
  low: number;
  high: number;
  level: number;
  n: number;
  clusters: number;
  resamples: number;
  seed: number;
  method: string;
};

const defaults = { resamples: 10_000, seed: 42, level: 0.95, maxDraws: 10_000_000 };

/** Below this a percentile interval's ends rest on a handful of resamples, so the draw bound gives way. */
const minimumResamples = 100;

const grouped = new Intl.NumberFormat("en-US");

type Settings = typeof defaults;

function readOptions(options: BootstrapOptions): Settings {
  const resamples = options.resamples ?? defaults.resamples;
  const seed = options.seed ?? defaults.seed;
  const level = options.level ?? defaults.level;
  const maxDraws = options.maxDraws ?? defaults.maxDraws;
  if (!Number.isSafeInteger(resamples) || resamples < 1)
    throw new RangeError(`resamples must be a whole number of at least 1, not ${resamples}`);
  // xoroshiro128plus keeps 32 bits of the seed: a wider one would silently equal another.
  if (!Number.isInteger(seed) || seed < 0 || seed > 0xffff_ffff)
    throw new RangeError(`seed must be a whole number in [0, 2^32), not ${seed}`);
  if (!(level > 0 && level < 1)) throw new RangeError(`level must lie strictly between 0 and 1, not ${level}`);
  if (!(maxDraws > 0)) throw new RangeError(`maxDraws must be positive, not ${maxDraws}`);
  return { resamples, seed, level, maxDraws };
}

function countResamples(settings: Settings, drawsPerResample: number): number {
  const affordable = Math.floor(settings.maxDraws / drawsPerResample);
  return Math.min(settings.resamples, Math.max(minimumResamples, affordable));
}

function describeMethod(name: string, settings: Settings, resamples: number, drawn: string): string {
  const count = `${grouped.format(resamples)} resamples`;
  const cut =
    resamples < settings.resamples
      ? `, cut from ${grouped.format(settings.resamples)} to bound the work on ${drawn}`
      : "";
  return `${name} (percentile, ${count}${cut}, seed ${settings.seed})`;
}

/**
 * Quantile by numpy's default rule (type 7, method="linear"): at position
 * h = (m - 1) q of the sorted values, interpolate linearly between the
 * order statistics either side. `sorted` is ascending and not empty.
 */
function quantile(sorted: Float64Array, q: number): number {
  const h = (sorted.length - 1) * q;
  const below = Math.floor(h);
  const lower = sorted[below]!;
  const upper = sorted[Math.min(below + 1, sorted.length - 1)]!;
  return lower + (h - below) * (upper - lower);
}

function percentileInterval(estimates: Float64Array, level: number): { low: number; high: number } {
  estimates.sort();
  return { low: quantile(estimates, (1 - level) / 2), high: quantile(estimates, (1 + level) / 2) };
}

// Array.isArray does not narrow a union holding a readonly array, so this says it.
function isVerdictList(pairs: readonly PairedVerdict[] | PairedCounts): pairs is readonly PairedVerdict[] {
  return Array.isArray(pairs);
}

/** Per-sample difference a - b (+1, 0 or -1), in the order the resampling indexes. */
function toDifferences(pairs: readonly PairedVerdict[] | PairedCounts): Int8Array {
  if (isVerdictList(pairs)) return Int8Array.from(pairs, ({ a, b }) => Number(a) - Number(b));
  const { onlyA, onlyB, bothCorrect, neither } = pairs;
  for (const [name, count] of Object.entries({ onlyA, onlyB, bothCorrect, neither }))
    if (!Number.isSafeInteger(count) || count < 0)
      throw new RangeError(`${name} must be a whole number of at least 0, not ${count}`);
  const differences = new Int8Array(onlyA + onlyB + bothCorrect + neither);
  differences.fill(1, 0, onlyA);
  differences.fill(-1, onlyA, onlyA + onlyB);
  return differences;
}

/**
 * Accuracy difference between two runs that answered the same samples (A
 * minus B) with its paired percentile bootstrap interval: each resample
 * draws n sample indices with replacement and takes the mean of a_j - b_j,
 * so a sample's two verdicts always travel together. Without samples the
 * figures are NaN and no resample is taken.
 */
export function pairedBootstrapDifference(
  pairs: readonly PairedVerdict[] | PairedCounts,
  options: BootstrapOptions = {},
): PairedBootstrapResult {
  const settings = readOptions(options);
  const { seed, level } = settings;
  const differences = toDifferences(pairs);
  const n = differences.length;
  if (n === 0) {
    const method = "paired bootstrap: no samples to compare";
    return { difference: Number.NaN, low: Number.NaN, high: Number.NaN, level, n, resamples: 0, seed, method };
  }
  let observed = 0;
  for (const difference of differences) observed += difference;
  const resamples = countResamples(settings, n);
  const rng = xoroshiro128plus(seed);
  const estimates = new Float64Array(resamples);
  for (let r = 0; r < resamples; r++) {
    // An integer sum divided once keeps each estimate exact to one rounding.
    let sum = 0;
    for (let k = 0; k < n; k++) sum += differences[uniformInt(rng, 0, n - 1)]!;
    estimates[r] = sum / n;
  }
  const method = describeMethod("paired bootstrap", settings, resamples, `${grouped.format(n)} samples`);
  return { difference: observed / n, ...percentileInterval(estimates, level), level, n, resamples, seed, method };
}

/** Correct and total samples per cluster, clusters in order of first appearance. */
function tallyClusters(samples: readonly ClusteredVerdict[]): { correct: Int32Array; total: Int32Array } {
  const indexOf = new Map<string, number>();
  for (const { cluster } of samples) if (!indexOf.has(cluster)) indexOf.set(cluster, indexOf.size);
  const correct = new Int32Array(indexOf.size);
  const total = new Int32Array(indexOf.size);
  for (const sample of samples) {
    const index = indexOf.get(sample.cluster)!;
    total[index]! += 1;
    if (sample.correct) correct[index]! += 1;
  }
  return { correct, total };
}

/**
 * Accuracy with a percentile bootstrap interval clustered by person: a
 * person's samples share a taste, so they are not independent, and an
 * interval that treats them as such is too narrow. Each resample draws as
 * many clusters as there are, with replacement, and takes the drawn
 * clusters' correct samples over their samples. Clusters are indexed in
 * order of first appearance, which with the seed fixes the result. Without
 * samples the figures are NaN and no resample is taken.
 */
export function clusteredBootstrapAccuracy(
  samples: readonly ClusteredVerdict[],
  options: BootstrapOptions = {},
): ClusteredBootstrapResult {
  const settings = readOptions(options);
  const { seed, level } = settings;
  const n = samples.length;
  if (n === 0) {
    const method = "cluster bootstrap by person: no samples";
    return { value: Number.NaN, low: Number.NaN, high: Number.NaN, level, n, clusters: 0, resamples: 0, seed, method };
  }
  const { correct, total } = tallyClusters(samples);
  const clusters = correct.length;
  let observed = 0;
  for (const count of correct) observed += count;
  const resamples = countResamples(settings, clusters);
  const rng = xoroshiro128plus(seed);
  const estimates = new Float64Array(resamples);
  for (let r = 0; r < resamples; r++) {
    let drawnCorrect = 0;
    let drawnTotal = 0;
    for (let k = 0; k < clusters; k++) {
      const index = uniformInt(rng, 0, clusters - 1);
      drawnCorrect += correct[index]!;
      drawnTotal += total[index]!;
    }
    // Every cluster holds at least one sample, so drawnTotal is positive.
    estimates[r] = drawnCorrect / drawnTotal;
  }
  const drawn = `${grouped.format(clusters)} people`;
  const method = describeMethod("cluster bootstrap by person", settings, resamples, drawn);
  return { value: observed / n, ...percentileInterval(estimates, level), level, n, clusters, resamples, seed, method };
}

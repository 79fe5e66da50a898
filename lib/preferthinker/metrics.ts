import type { BenchmarkSubset } from "./benchmark-format";
import type { IssueCode } from "./types";

/**
 * Benchmark metrics in the paper's layout (PROTOCOL.md §6): accuracy per
 * subset, strict and lenient, each with its Wilson 95% interval and n.
 */

export type Proportion = { value: number; low: number; high: number; successes: number; n: number };

const z95 = 1.959963984540054;

/** Wilson score interval: stays inside [0, 1] and behaves at 0% and 100% and small n. */
export function wilsonInterval(successes: number, n: number, z = z95): Proportion {
  if (n === 0) return { value: Number.NaN, low: Number.NaN, high: Number.NaN, successes, n };
  const p = successes / n;
  const z2 = z * z;
  const centre = (p + z2 / (2 * n)) / (1 + z2 / n);
  const half = (z * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n))) / (1 + z2 / n);
  // At 0% and 100% the bound is exactly 0 or 1; floating point would miss it by an ulp.
  const low = successes === 0 ? 0 : Math.max(0, centre - half);
  const high = successes === n ? 1 : Math.min(1, centre + half);
  return { value: p, low, high, successes, n };
}

/** The paper's columns, each naming the subset it reads. */
export const paperColumns = [
  { title: "Seen SP", subset: "TEST_SP_ID" },
  { title: "Seen MP", subset: "TEST_MP_ID" },
  { title: "Unseen SP", subset: "TEST_SP_OD" },
  { title: "Unseen MP", subset: "TEST_MP_OD" },
  { title: "PickaPic", subset: "TEST_PICKAPIC" },
] as const satisfies readonly { title: string; subset: BenchmarkSubset }[];

export type ScoredSample = {
  subset: BenchmarkSubset;
  strictCorrect: boolean;
  lenientCorrect: boolean;
  formatValid: boolean;
  issues: IssueCode[];
};

export type SubsetMetrics = {
  subset: BenchmarkSubset;
  title: string;
  strict: Proportion;
  lenient: Proportion;
  formatValid: Proportion;
  issueCounts: Partial<Record<IssueCode, number>>;
};

export type MetricsTable = {
  columns: SubsetMetrics[];
  /** Unweighted mean of the five subsets' accuracies; null unless all five have samples. */
  average: { strict: number | null; lenient: number | null };
  issueCounts: Partial<Record<IssueCode, number>>;
  n: number;
};

function countIssues(samples: ScoredSample[]): Partial<Record<IssueCode, number>> {
  const counts: Partial<Record<IssueCode, number>> = {};
  for (const sample of samples) for (const code of new Set(sample.issues)) counts[code] = (counts[code] ?? 0) + 1;
  return counts;
}

function count(samples: ScoredSample[], key: "strictCorrect" | "lenientCorrect" | "formatValid"): Proportion {
  return wilsonInterval(samples.filter((sample) => sample[key]).length, samples.length);
}

export function computeMetrics(samples: ScoredSample[]): MetricsTable {
  const columns = paperColumns.map(({ title, subset }) => {
    const mine = samples.filter((sample) => sample.subset === subset);
    return {
      subset,
      title,
      strict: count(mine, "strictCorrect"),
      lenient: count(mine, "lenientCorrect"),
      formatValid: count(mine, "formatValid"),
      issueCounts: countIssues(mine),
    };
  });
  const complete = columns.every((column) => column.strict.n > 0);
  const mean = (key: "strict" | "lenient") =>
    complete ? columns.reduce((total, column) => total + column[key].value, 0) / columns.length : null;
  return {
    columns,
    average: { strict: mean("strict"), lenient: mean("lenient") },
    issueCounts: countIssues(samples),
    n: samples.length,
  };
}

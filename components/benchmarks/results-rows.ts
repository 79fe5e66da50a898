import { isBaselineProvider } from "@/lib/assessments/provider-label";
import type { EvaluationRunJson, Proportion } from "@/lib/benchmarks/benchmark-contract";
import type { BenchmarkSubset } from "@/lib/preferthinker/benchmark-format";
import { paperColumns } from "@/lib/preferthinker/metrics";

/** Our rows of the results table: per model (and mode), the latest completed run on each of the paper's subsets. */

export type ResultCell = {
  runId: string;
  strict: Proportion;
  lenient: Proportion;
  formatValid: Proportion;
  /** A swap run's position-bias rate; null for a run in one order. */
  positionBias: Proportion | null;
};

/**
 * A row's mean strict accuracy and what it is a mean of. The paper's Avg is
 * over its five columns; a mean over fewer is a different figure, so it
 * carries a label naming the columns left out and is never called just "Avg".
 */
export type RowAverage = {
  /** Unweighted mean over the columns with a run; null with fewer than two (a mean of one column is that column). */
  value: number | null;
  /** Whether all five of the paper's columns are in it, so it compares with the paper's Avg. */
  isPaperAverage: boolean;
  /** The titles of the columns with no run, in the paper's order. */
  missing: string[];
  /** "Avg", "Avg of 4 (no PickaPic)", "Avg of 3 (no Seen MP, PickaPic)", or why there is none. */
  label: string;
};

export type ResultRow = {
  key: string;
  isBaseline: boolean;
  provider: string;
  model: string;
  endpoint: string;
  mode: string;
  cells: Partial<Record<BenchmarkSubset, ResultCell>>;
  average: RowAverage;
};

const paperSubsets = new Set<string>(paperColumns.map((column) => column.subset));

/** Runs come newest first (as GET /api/benchmarks/runs answers), so the first completed one per model and subset is the latest. */
export function buildResultRows(runs: EvaluationRunJson[]): ResultRow[] {
  const rows = new Map<string, ResultRow>();
  for (const run of runs) {
    if (run.status !== "completed" || !paperSubsets.has(run.subset.name)) continue;
    const key = `${run.provider}\u0000${run.model}\u0000${run.mode}`;
    const row = rows.get(key) ?? {
      key,
      isBaseline: isBaselineProvider(run.provider),
      provider: run.provider,
      model: run.model,
      endpoint: run.endpoint,
      mode: run.mode,
      cells: {},
      average: averageOf({}),
    };
    rows.set(key, row);
    const subset = run.subset.name as BenchmarkSubset;
    row.cells[subset] ??= {
      runId: run.id,
      strict: run.summary.strict,
      lenient: run.summary.lenient,
      formatValid: run.summary.formatValid,
      positionBias: run.summary.swap?.positionBias ?? null,
    };
  }
  for (const row of rows.values()) row.average = averageOf(row.cells);
  return [...rows.values()];
}

/** The mean strict accuracy over the paper's columns that have a figure, labelled with what it leaves out. */
export function averageOf(cells: Partial<Record<BenchmarkSubset, Pick<ResultCell, "strict">>>): RowAverage {
  const present: number[] = [];
  const missing: string[] = [];
  for (const column of paperColumns) {
    const value = cells[column.subset]?.strict.value;
    if (typeof value === "number") present.push(value);
    else missing.push(column.title);
  }
  if (missing.length === 0) return { value: mean(present), isPaperAverage: true, missing, label: "Avg" };
  if (present.length < 2) {
    const label =
      present.length === 0
        ? "No Avg: no subset has a run"
        : `No Avg: only ${paperColumns.find((column) => !missing.includes(column.title))!.title} has a run`;
    return { value: null, isPaperAverage: false, missing, label };
  }
  return {
    value: mean(present),
    isPaperAverage: false,
    missing,
    label: `Avg of ${present.length} (no ${missing.join(", ")})`,
  };
}

const mean = (values: number[]) => values.reduce((total, value) => total + value, 0) / values.length;

/** A proportion as a percentage with one decimal, as the paper prints them. */
export function formatPercent(value: number | null | undefined): string {
  return typeof value === "number" ? (value * 100).toFixed(1) : "—";
}

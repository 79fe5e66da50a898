import type { EvaluationRunJson, Proportion } from "@/lib/benchmarks/benchmark-schemas";
import type { BenchmarkSubset } from "@/lib/preferthinker/benchmark-format";
import { paperColumns } from "@/lib/preferthinker/metrics";

/** Our rows of the results table: per model (and mode), the latest completed run on each of the paper's subsets. */

export type ResultCell = { runId: string; strict: Proportion; lenient: Proportion; formatValid: Proportion };

export type ResultRow = {
  key: string;
  isBaseline: boolean;
  provider: string;
  model: string;
  endpoint: string;
  mode: string;
  cells: Partial<Record<BenchmarkSubset, ResultCell>>;
  /** Unweighted mean strict accuracy of the five columns; null unless all five have a run. */
  average: number | null;
};

const paperSubsets = new Set<string>(paperColumns.map((column) => column.subset));

/** Runs come newest first (as GET /api/benchmarks/runs answers), so the first completed one per model and subset is the latest. */
export function buildResultRows(runs: EvaluationRunJson[]): ResultRow[] {
  const rows = new Map<string, ResultRow>();
  for (const run of runs) {
    if (run.status !== "completed" || !paperSubsets.has(run.subset.name)) continue;
    const key = `${run.provider}\u0000${run.model}\u0000${run.mode}`;
    const row = rows.get(key) ?? { key, isBaseline: run.provider === "baseline", provider: run.provider, model: run.model, endpoint: run.endpoint, mode: run.mode, cells: {}, average: null };
    rows.set(key, row);
    const subset = run.subset.name as BenchmarkSubset;
    row.cells[subset] ??= { runId: run.id, strict: run.summary.strict, lenient: run.summary.lenient, formatValid: run.summary.formatValid };
  }
  for (const row of rows.values()) {
    const values = paperColumns.map((column) => row.cells[column.subset]?.strict.value);
    row.average = values.every((value) => typeof value === "number") ? values.reduce<number>((total, value) => total + value!, 0) / values.length : null;
  }
  return [...rows.values()];
}

/** A proportion as a percentage with one decimal, as the paper prints them. */
export function formatPercent(value: number | null | undefined): string {
  return typeof value === "number" ? (value * 100).toFixed(1) : "—";
}

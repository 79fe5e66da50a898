"use client";

import type { EvaluationRunJson } from "@/lib/benchmarks/benchmark-contract";
import { paperColumns } from "@/lib/preferthinker/metrics";
import { buildResultRows } from "../results-rows";
import { describeRunMode, describeRunProvider, describeRuns } from "../run-model-label";

const selectClass =
  "block w-full rounded-md border border-slate-300 bg-white px-2 py-2 text-sm shadow-sm focus:border-brand-600";

/**
 * Which runs to browse: one run, or every subset of a model at once (its
 * latest completed run on each), so failures can be compared across
 * subsets (listed in the paper's column order). A set of runs from a shared
 * link that matches no option is kept as an option of its own.
 */
export function RunPicker({
  runs,
  chosen,
  onChange,
}: {
  runs: EvaluationRunJson[];
  chosen: string[];
  onChange(ids: string[]): void;
}) {
  const withResults = runs.filter((run) => run.progress.done > 0);
  const labels = describeRuns(withResults);
  const models = buildResultRows(runs)
    .map((row) => ({
      key: row.key,
      label: `${describeRunProvider(row)} · ${describeRunMode(row)}`,
      ids: paperColumns.flatMap((column) => row.cells[column.subset]?.runId ?? []),
    }))
    .filter((model) => model.ids.length > 1);
  const value = chosen.join(",");
  const isKnown =
    value === "" ||
    withResults.some((run) => run.id === value) ||
    models.some((model) => model.ids.join(",") === value);
  return (
    <div className="space-y-1">
      <label htmlFor="browse-runs" className="block text-xs font-medium text-slate-700">
        Runs
      </label>
      <select
        id="browse-runs"
        className={selectClass}
        value={value}
        onChange={(event) => onChange(event.target.value.split(",").filter(Boolean))}
      >
        {value === "" && <option value="">Choose a run…</option>}
        {!isKnown && <option value={value}>The {chosen.length} runs of the link</option>}
        <optgroup label="One run">
          {withResults.map((run) => (
            <option key={run.id} value={run.id}>
              {labels.get(run.id)}
            </option>
          ))}
        </optgroup>
        {models.length > 0 && (
          <optgroup label="Every subset of a model">
            {models.map((model) => (
              <option key={model.key} value={model.ids.join(",")}>
                {model.label}: latest completed run on each of {model.ids.length} subsets
              </option>
            ))}
          </optgroup>
        )}
      </select>
    </div>
  );
}

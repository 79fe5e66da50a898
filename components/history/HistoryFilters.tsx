"use client";

import { Button } from "@/components/ui/Button";
import { SelectFilter } from "@/components/ui/SelectFilter";
import type { AssessmentFilters } from "@/lib/assessments/assessment-contract";
import { describeModel } from "@/lib/assessments/provider-label";
import { modeLabels } from "./AssessmentRow";

/** The list's filters: each a labelled select whose "All" clears it. */
export function HistoryFilters({
  filters,
  models,
  onChange,
  onClear,
}: {
  filters: AssessmentFilters;
  models: { model: string; provider: string }[];
  onChange<K extends keyof AssessmentFilters>(key: K, value: AssessmentFilters[K] | ""): void;
  onClear(): void;
}) {
  // A model named in a shared address stays selectable even when it is no longer configured.
  const modelOptions =
    filters.model && !models.some((entry) => entry.model === filters.model)
      ? [...models, { model: filters.model, provider: "" }]
      : models;
  const isFiltered = Object.keys(filters).length > 0;
  return (
    <form
      role="search"
      aria-label="Filter assessments"
      className="flex flex-wrap items-end gap-3"
      onSubmit={(event) => event.preventDefault()}
    >
      <SelectFilter
        id="filter-model"
        label="Model"
        value={filters.model ?? ""}
        onChange={(value) => onChange("model", value)}
      >
        <option value="">All models</option>
        {modelOptions.map((entry) => (
          <option key={entry.model} value={entry.model}>
            {describeModel(entry)}
          </option>
        ))}
      </SelectFilter>
      <SelectFilter
        id="filter-mode"
        label="Mode"
        value={filters.mode ?? ""}
        onChange={(value) => onChange("mode", value as AssessmentFilters["mode"] | "")}
      >
        <option value="">All modes</option>
        {(Object.keys(modeLabels) as (keyof typeof modeLabels)[]).map((mode) => (
          <option key={mode} value={mode}>
            {modeLabels[mode]}
          </option>
        ))}
      </SelectFilter>
      <SelectFilter
        id="filter-agreement"
        label="Your judgment"
        value={filters.agreement ?? ""}
        onChange={(value) => onChange("agreement", value as AssessmentFilters["agreement"] | "")}
      >
        <option value="">Any</option>
        <option value="agree">You agree with the model</option>
        <option value="disagree">You disagree with the model</option>
        <option value="unjudged">Not judged yet</option>
      </SelectFilter>
      <SelectFilter
        id="filter-issues"
        label="Consistency issues"
        value={filters.issues ?? ""}
        onChange={(value) => onChange("issues", value as AssessmentFilters["issues"] | "")}
      >
        <option value="">Any</option>
        <option value="with">With issues</option>
        <option value="without">Without issues</option>
      </SelectFilter>
      <Button type="button" variant="secondary" onClick={onClear} disabled={!isFiltered}>
        Clear filters
      </Button>
    </form>
  );
}

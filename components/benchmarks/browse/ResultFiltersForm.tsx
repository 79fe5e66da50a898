"use client";

import { useEffect, useRef, useState } from "react";
import { Button } from "@/components/ui/Button";
import { SelectFilter } from "@/components/ui/SelectFilter";
import type { ResultFilters } from "@/lib/benchmarks/result-filters";
import { issueTitles } from "@/lib/preferthinker/issue-explanations";
import type { IssueCode } from "@/lib/preferthinker/types";

const issueTitle = (code: string) => issueTitles[code as IssueCode] ?? code;

/** How long typing may pause before the search is sent: each search reads every output of the runs. */
const searchPauseMs = 300;

/** The filters over the loaded rows: each a labelled select whose "Any" clears it, and a text search over the outputs. */
export function ResultFiltersForm({
  filters,
  subsets,
  issueCounts,
  hasVotes,
  hasSwapRuns,
  onChange,
}: {
  filters: ResultFilters;
  subsets: string[];
  issueCounts: [string, number][];
  /** Whether any loaded row has a DreamSim vote (or the address asks for them). */
  hasVotes: boolean;
  /** Some chosen run assessed its samples in both orders. */
  hasSwapRuns: boolean;
  onChange(change: Partial<ResultFilters>): void;
}) {
  const [text, setText] = useState(filters.q ?? "");
  const pending = useRef<ReturnType<typeof setTimeout>>(undefined);
  useEffect(() => () => clearTimeout(pending.current), []);
  const search = (value: string) => {
    clearTimeout(pending.current);
    onChange({ q: value.trim() || undefined });
  };
  const isFiltered = Boolean(
    filters.subset ||
    filters.outcome ||
    filters.label ||
    filters.answer ||
    filters.issue ||
    filters.dreamsim ||
    filters.swap ||
    filters.q,
  );
  // A code from a shared link stays selectable even when no loaded row has it.
  const codes =
    filters.issue && !["any", "none"].includes(filters.issue) && !issueCounts.some(([code]) => code === filters.issue)
      ? [...issueCounts, [filters.issue, 0] as [string, number]]
      : issueCounts;

  return (
    <form
      role="search"
      aria-label="Filter results"
      className="flex flex-wrap items-end gap-3"
      onSubmit={(event) => (event.preventDefault(), search(text))}
    >
      {subsets.length > 1 && (
        <SelectFilter
          id="filter-subset"
          label="Subset"
          value={filters.subset ?? ""}
          onChange={(value) => onChange({ subset: value || undefined })}
        >
          <option value="">Any subset</option>
          {subsets.map((subset) => (
            <option key={subset} value={subset}>
              {subset}
            </option>
          ))}
        </SelectFilter>
      )}
      <SelectFilter
        id="filter-outcome"
        label="Outcome (strict)"
        value={filters.outcome ?? ""}
        onChange={(value) => onChange({ outcome: (value || undefined) as ResultFilters["outcome"] })}
      >
        <option value="">Right or wrong</option>
        <option value="wrong">Wrong</option>
        <option value="right">Right</option>
      </SelectFilter>
      <SelectFilter
        id="filter-label"
        label="Label"
        value={filters.label ?? ""}
        onChange={(value) => onChange({ label: (value || undefined) as ResultFilters["label"] })}
      >
        <option value="">Any label</option>
        <option value="A">Image A preferred</option>
        <option value="B">Image B preferred</option>
      </SelectFilter>
      <SelectFilter
        id="filter-answer"
        label="Answer"
        value={filters.answer ?? ""}
        onChange={(value) => onChange({ answer: (value || undefined) as ResultFilters["answer"] })}
      >
        <option value="">Any answer</option>
        <option value="A">Image A</option>
        <option value="B">Image B</option>
        <option value="other">Other wording</option>
        <option value="none">No answer</option>
      </SelectFilter>
      <SelectFilter
        id="filter-issue"
        label="Issue"
        value={filters.issue ?? ""}
        onChange={(value) => onChange({ issue: value || undefined })}
      >
        <option value="">Any or none</option>
        <option value="any">With any issue</option>
        <option value="none">Without issues</option>
        {codes.map(([code, count]) => (
          <option key={code} value={code}>
            {issueTitle(code)} ({count})
          </option>
        ))}
      </SelectFilter>
      {hasVotes && (
        <SelectFilter
          id="filter-dreamsim"
          label="DreamSim"
          value={filters.dreamsim ?? ""}
          onChange={(value) => onChange({ dreamsim: (value || undefined) as ResultFilters["dreamsim"] })}
        >
          <option value="">Any or no vote</option>
          <option value="disagree">Model and DreamSim disagree</option>
          <option value="agree">Model and DreamSim agree</option>
          <option value="unvoted">No DreamSim vote</option>
        </SelectFilter>
      )}
      {hasSwapRuns && (
        <SelectFilter
          id="filter-swap"
          label="Both orders"
          value={filters.swap ?? ""}
          onChange={(value) => onChange({ swap: (value || undefined) as ResultFilters["swap"] })}
        >
          <option value="">Either</option>
          <option value="inconsistent">Inconsistent under swap</option>
          <option value="consistent">Same picture in both orders</option>
        </SelectFilter>
      )}
      <div className="min-w-48 flex-[2] space-y-1">
        <label htmlFor="filter-text" className="block text-xs font-medium text-slate-700">
          Text in the output
        </label>
        <input
          id="filter-text"
          type="search"
          value={text}
          maxLength={200}
          placeholder="e.g. watercolor"
          onChange={(event) => {
            const value = event.target.value;
            setText(value);
            clearTimeout(pending.current);
            pending.current = setTimeout(() => search(value), searchPauseMs);
          }}
          className="block w-full rounded-md border border-slate-300 px-2 py-2 text-sm shadow-sm focus:border-brand-600 focus:outline-none focus:ring-1 focus:ring-brand-600"
        />
      </div>
      <Button
        type="button"
        variant="secondary"
        disabled={!isFiltered}
        onClick={() => {
          setText("");
          onChange({
            subset: undefined,
            outcome: undefined,
            label: undefined,
            answer: undefined,
            issue: undefined,
            dreamsim: undefined,
            swap: undefined,
            q: undefined,
          });
        }}
      >
        Clear filters
      </Button>
    </form>
  );
}

"use client";

import Link from "next/link";
import { useEffect, useMemo } from "react";
import { ErrorMessage } from "@/components/ui/ErrorMessage";
import type { EvaluationRunJson } from "@/lib/benchmarks/benchmark-contract";
import { countIssueCodes, filterResults } from "@/lib/benchmarks/result-filters";
import { BenchmarksSubpageHeading } from "../BenchmarksSubpageHeading";
import { useRuns } from "../use-benchmarks";
import { ResultFiltersForm } from "./ResultFiltersForm";
import { describeResultOrder, listSubsetsOfRuns } from "./result-order";
import { ResultList } from "./ResultList";
import { RunPicker } from "./RunPicker";
import { RunAnalysis } from "./RunAnalysis";
import { SampleView } from "./SampleView";
import { useBrowsedResults } from "./use-browsed-results";
import { useResultFilters } from "./use-result-filters";

/**
 * The failure browser: the stored results of one run or of every subset of
 * a model, filtered by outcome, label, answer, issue and text, listed
 * virtualised beside the selected sample in full. The whole view lives in
 * the address, so a link opens it as it was.
 */
export function ResultsBrowser() {
  const { filters, query, setFilters } = useResultFilters();
  const runsQuery = useRuns();
  const allRuns = runsQuery.data?.runs;
  // Keyed by the ids' text, so a change of another filter keeps the same runs and the rows built from them.
  const runsKey = filters.runs.join(",");
  const chosen = useMemo(
    () =>
      runsKey
        .split(",")
        .map((id) => allRuns?.find((run) => run.id === id))
        .filter((run): run is EvaluationRunJson => run !== undefined),
    [runsKey, allRuns],
  );
  const { rows, matching, isSearching, isPending, isReadingMore, error } = useBrowsedResults(chosen, filters.q);
  const shown = useMemo(() => filterResults(rows, filters, matching), [rows, filters, matching]);
  const issueCounts = useMemo(() => countIssueCodes(rows), [rows]);
  const subsets = useMemo(() => [...new Set(chosen.map((run) => run.subset.name))], [chosen]);
  const votes = useMemo(() => rows.filter((row) => row.dreamsimVote !== null).length, [rows]);
  const selected = shown.find((row) => row.id === filters.result) ?? rows.find((row) => row.id === filters.result);

  // With no run named, the newest run that has results is shown.
  const newest = allRuns?.find((run) => run.progress.done > 0);
  useEffect(() => {
    if (filters.runs.length === 0 && newest) setFilters({ runs: [newest.id] });
  }, [filters.runs.length, newest, setFilters]);

  const wrong = shown.filter((row) => !row.strictCorrect).length;
  // The order of what is listed: with nothing shown, the order the chosen runs would be listed in.
  const order = describeResultOrder(shown.length > 0 ? listSubsetsOfRuns(shown) : chosen.map((run) => run.subset.name));
  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-end justify-between gap-3">
        <BenchmarksSubpageHeading title="Results and failures" />
        <Link
          href={chosen.length === 1 ? `/benchmarks/compare?a=${chosen[0]!.id}` : "/benchmarks/compare"}
          className="text-sm font-medium text-brand-700 underline"
        >
          Compare two runs
        </Link>
      </div>
      <ErrorMessage
        message={
          runsQuery.error
            ? `Your runs could not be loaded: ${runsQuery.error.message}`
            : error
              ? `The results could not be loaded: ${error.message}`
              : null
        }
      />
      {runsQuery.isSuccess && !newest && (
        <p className="text-sm text-slate-600">No run has results yet. Start one on the Benchmarks page.</p>
      )}
      {allRuns && newest && (
        <div className="space-y-3 rounded-xl border border-slate-200 bg-white p-4">
          <RunPicker
            runs={allRuns}
            chosen={filters.runs}
            onChange={(runs) => setFilters({ runs, subset: undefined, result: undefined })}
          />
          <ResultFiltersForm
            filters={filters}
            subsets={subsets}
            issueCounts={issueCounts}
            hasVotes={votes > 0 || Boolean(filters.dreamsim)}
            hasSwapRuns={chosen.some((run) => run.swap) || Boolean(filters.swap)}
            onChange={setFilters}
          />
          {!isPending && chosen.length > 0 && (
            <p className="text-xs text-slate-600">
              {votes === 0
                ? "No DreamSim votes for these results yet: "
                : `DreamSim voted on ${votes} of ${rows.length} results. `}
              <Link href="/dreamsim" className="text-brand-700 underline">
                {votes === 0 ? "compute them in your browser" : "compute more"}
              </Link>
              .
            </p>
          )}
        </div>
      )}
      {chosen.length > 0 && (
        <div className="space-y-2">
          {chosen.map((run) => (
            <RunAnalysis key={run.id} run={run} />
          ))}
        </div>
      )}
      {chosen.length > 0 && (
        <p className="text-sm text-slate-700" aria-live="polite" data-testid="result-count" data-view={query}>
          {isPending
            ? "Loading the results…"
            : `${shown.length} of ${rows.length} results shown, ${wrong} of them wrong${isSearching ? " (searching the outputs…)" : ""}.${isReadingMore ? " Reading more results…" : ""}`}
        </p>
      )}
      {chosen.length > 0 && (
        <div className="grid gap-4 lg:grid-cols-[minmax(16rem,22rem)_1fr]">
          <div className="min-w-0 space-y-1">
            <p id="result-order" className="text-xs text-slate-600" data-testid="result-order">
              {order}
            </p>
            <ResultList
              rows={shown}
              selectedId={filters.result}
              onSelect={(result) => setFilters({ result })}
              showSubset={subsets.length > 1}
              describedBy="result-order"
            />
          </div>
          <div className="min-w-0 rounded-xl border border-slate-200 bg-white p-4">
            {filters.result ? (
              <SampleView resultId={filters.result} subset={selected?.subset} />
            ) : (
              <p className="text-sm text-slate-600">
                Choose a result in the list (or move with the arrow keys) to see its sample and output.
              </p>
            )}
          </div>
        </div>
      )}
    </div>
  );
}

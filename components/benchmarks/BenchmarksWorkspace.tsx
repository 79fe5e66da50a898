"use client";

import Link from "next/link";
import { Panel } from "@/components/ui/Panel";
import { ErrorMessage } from "@/components/ui/ErrorMessage";
import { DemoImportForm } from "./DemoImportForm";
import { ResultsTable } from "./ResultsTable";
import { RunCard } from "./RunCard";
import { describeRunModel } from "./run-model-label";
import { ResultsFileForm } from "./ResultsFileForm";
import { StartRunForm } from "./StartRunForm";
import { useRuns, useSubsets } from "./use-benchmarks";
import { ZipImportForm } from "./ZipImportForm";

/** The researcher's benchmark bench: imported subsets, runs over them with live progress, and the results in the paper's layout. */
export function BenchmarksWorkspace() {
  const subsets = useSubsets();
  const runs = useRuns();
  const subsetList = subsets.data?.subsets ?? [];
  const runList = runs.data?.runs ?? [];

  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-2xl font-semibold tracking-tight">Benchmarks</h1>
        <p className="max-w-3xl text-sm text-slate-600">
          Evaluate models on PreferImg-Bench subsets in the official order and compare the accuracy with the
          paper&apos;s published figures.
        </p>
      </div>
      <Panel id="results-heading" title="Results">
        <ErrorMessage message={runs.error ? `Your runs could not be loaded: ${runs.error.message}` : null} />
        <ResultsTable runs={runList} />
      </Panel>
      <div className="grid gap-6 lg:grid-cols-2">
        <Panel id="subsets-heading" title="Subsets">
          <ErrorMessage message={subsets.error ? `Your subsets could not be loaded: ${subsets.error.message}` : null} />
          {subsets.isPending && <p className="text-sm text-slate-500">Loading your subsets…</p>}
          {subsetList.length > 0 && (
            <ul className="divide-y divide-slate-100 text-sm" aria-label="Imported subsets">
              {subsetList.map((subset) => (
                <li key={subset.id} className="flex justify-between gap-2 py-1.5">
                  <span className="min-w-0">
                    <span className="font-medium">{subset.name}</span>
                    <span className="block truncate text-xs text-slate-500" title={subset.source}>
                      from {subset.source}
                    </span>
                  </span>
                  <span className="shrink-0 text-slate-600">{subset.sampleCount} samples</span>
                </li>
              ))}
            </ul>
          )}
          {subsets.isSuccess && subsetList.length === 0 && (
            <p className="text-sm text-slate-600">No subsets imported yet.</p>
          )}
          {subsets.isSuccess && <DemoImportForm imported={subsetList} />}
          <ZipImportForm />
          {subsets.isSuccess && <ResultsFileForm subsets={subsetList} />}
        </Panel>
        <Panel id="start-heading" title="Start a run">
          {subsets.isSuccess && <StartRunForm subsets={subsetList} />}
        </Panel>
      </div>
      <Panel id="runs-heading" title="Runs">
        {runList.some((run) => run.progress.done > 0) && (
          <p className="flex flex-wrap gap-4 text-sm">
            <Link href="/benchmarks/results" className="font-medium text-brand-700 underline">
              Browse results and failures
            </Link>
            <Link href="/benchmarks/compare" className="font-medium text-brand-700 underline">
              Compare two runs
            </Link>
          </p>
        )}
        {runs.isPending && <p className="text-sm text-slate-500">Loading your runs…</p>}
        {runs.isSuccess && runList.length === 0 && <p className="text-sm text-slate-600">No runs yet.</p>}
        <ul className="space-y-2" aria-label="Runs, newest first">
          {runList.map((run) => (
            <RunCard key={run.id} run={run} modelLabel={describeRunModel(run)} />
          ))}
        </ul>
      </Panel>
    </div>
  );
}

"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { Button } from "@/components/ui/Button";
import { ErrorMessage } from "@/components/ui/ErrorMessage";
import { type BenchmarkSubsetJson, evaluationRunBodySchema } from "@/lib/benchmarks/benchmark-contract";
import { callApi } from "@/lib/http/api-client";
import { formatPercent } from "./results-rows";
import { benchmarkKeys } from "./benchmark-queries";

const fieldClass =
  "block w-full rounded-md border border-slate-300 bg-white px-2 py-2 text-sm shadow-sm focus:border-brand-600";

/** Reads an official results file (rec_results_*.json) chosen in the page and imports it as a finished run of a subset. */
export function ResultsFileForm({ subsets }: { subsets: BenchmarkSubsetJson[] }) {
  const queryClient = useQueryClient();
  const [subsetId, setSubsetId] = useState("");
  const [model, setModel] = useState("");
  const [file, setFile] = useState<File | null>(null);
  const chosenSubset = subsetId || subsets[0]?.id || "";
  const upload = useMutation({
    mutationFn: async ({ file, subset, model }: { file: File; subset: string; model: string }) => {
      let body: unknown;
      try {
        body = JSON.parse(await file.text());
      } catch {
        throw new Error(`${file.name} is not JSON: an official results file is the JSON object the evaluation writes.`);
      }
      const query = new URLSearchParams({ model: model.trim() || file.name.replace(/^rec_results_|\.json$/g, "") });
      return callApi(`/api/benchmarks/subsets/${subset}/results?${query}`, {
        method: "POST",
        body,
        schema: evaluationRunBodySchema,
      });
    },
    onSuccess: () => queryClient.invalidateQueries({ queryKey: benchmarkKeys.runs, exact: true }),
  });

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (file && chosenSubset) upload.mutate({ file, subset: chosenSubset, model });
  }

  if (subsets.length === 0) return null;
  const run = upload.data?.run;
  return (
    <form onSubmit={submit} className="space-y-2 border-t border-slate-100 pt-3" aria-busy={upload.isPending}>
      <fieldset disabled={upload.isPending} className="space-y-2">
        <legend className="text-sm font-semibold">Import official results</legend>
        <p className="text-xs text-slate-600">
          A <code>rec_results_*.json</code> written by the official evaluation, matched to the subset&apos;s samples and
          read again by our parser.
        </p>
        <div className="grid gap-2 sm:grid-cols-2">
          <div className="space-y-1">
            <label htmlFor="results-subset" className="block text-xs font-medium text-slate-700">
              Subset of the results
            </label>
            <select
              id="results-subset"
              className={fieldClass}
              value={chosenSubset}
              onChange={(event) => setSubsetId(event.target.value)}
            >
              {subsets.map((subset) => (
                <option key={subset.id} value={subset.id}>
                  {subset.name} ({subset.sampleCount} samples)
                </option>
              ))}
            </select>
          </div>
          <div className="space-y-1">
            <label htmlFor="results-model" className="block text-xs font-medium text-slate-700">
              Model that wrote them
            </label>
            <input
              id="results-model"
              className={fieldClass}
              value={model}
              maxLength={200}
              placeholder="e.g. PreferThinker-7B"
              onChange={(event) => setModel(event.target.value)}
            />
          </div>
        </div>
        <div className="flex flex-wrap items-center gap-3">
          <label htmlFor="results-file" className="sr-only">
            Results file
          </label>
          <input
            id="results-file"
            type="file"
            accept=".json,application/json"
            onChange={(event) => setFile(event.target.files?.[0] ?? null)}
            className="text-sm file:mr-2 file:rounded-md file:border file:border-slate-300 file:bg-white file:px-2 file:py-1"
          />
          <Button type="submit" variant="secondary" disabled={!file || upload.isPending}>
            {upload.isPending ? "Importing…" : "Import results"}
          </Button>
        </div>
      </fieldset>
      {run && (
        <p className="text-sm text-emerald-800" role="status">
          Imported {run.progress.done} results of {run.subset.name} as a run of {run.model}: strict accuracy{" "}
          {formatPercent(run.summary.strict.value)}%
          {run.summary.official && `, the file's own verdicts ${formatPercent(run.summary.official.value)}%`}.
        </p>
      )}
      <ErrorMessage message={upload.error ? `The results were not imported: ${upload.error.message}` : null} />
    </form>
  );
}

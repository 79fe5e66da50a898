"use client";

import { type FormEvent, useState } from "react";
import { Button } from "@/components/ui/Button";
import { ErrorMessage } from "@/components/ui/ErrorMessage";
import { ModelSelect, useChosenEndpoint, useModelEndpoints } from "@/components/models/ModelSelect";
import type { BenchmarkSubsetJson } from "@/lib/benchmarks/benchmark-contract";
import { useStartRun } from "./use-benchmarks";

const fieldClass =
  "mt-1 block w-full rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm focus:border-brand-600 focus:outline-none focus:ring-1 focus:ring-brand-600";

/** Starts an evaluation run: one subset against one endpoint, in a mode, a few samples at once. */
export function StartRunForm({ subsets }: { subsets: BenchmarkSubsetJson[] }) {
  const startRun = useStartRun();
  const [subsetId, setSubsetId] = useState<string | null>(null);
  const [endpoint, setEndpoint] = useState<string | null>(null);
  const [mode, setMode] = useState<"reasoning" | "fast">("reasoning");
  const [concurrency, setConcurrency] = useState(2);
  const [swap, setSwap] = useState(false);
  const [freshOutputs, setFreshOutputs] = useState(false);
  const chosenSubset = subsetId ?? subsets[0]?.id ?? "";
  const models = useModelEndpoints();
  const chosenEndpoint = useChosenEndpoint(endpoint);

  function submit(event: FormEvent) {
    event.preventDefault();
    startRun.mutate({
      subsetId: chosenSubset,
      endpoint: chosenEndpoint || undefined,
      mode,
      concurrency,
      swap,
      freshOutputs,
    });
  }

  if (subsets.length === 0)
    return <p className="text-sm text-slate-600">Import a subset first; runs evaluate one subset at a time.</p>;
  return (
    <form onSubmit={submit} className="space-y-3">
      <div className="grid gap-3">
        <div>
          <label htmlFor="run-subset" className="text-sm font-semibold">
            Subset
          </label>
          <select
            id="run-subset"
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
        <div>
          <label htmlFor="run-endpoint" className="text-sm font-semibold">
            Model
          </label>
          <ModelSelect id="run-endpoint" className={fieldClass} value={endpoint} onChange={setEndpoint} />
        </div>
      </div>
      <div className="flex flex-wrap items-end gap-6">
        <fieldset>
          <legend className="text-sm font-semibold">Mode</legend>
          <div className="mt-1 flex gap-3">
            {(["reasoning", "fast"] as const).map((value) => (
              <label key={value} className="flex items-center gap-1.5 text-sm">
                <input
                  type="radio"
                  name="run-mode"
                  value={value}
                  checked={mode === value}
                  onChange={() => setMode(value)}
                />
                {value === "reasoning" ? "Reasoning" : "Fast"}{" "}
                <span className="text-slate-500">
                  ({value === "reasoning" ? "profile, scores, answer" : "the answer only"})
                </span>
              </label>
            ))}
          </div>
        </fieldset>
        <div>
          <label htmlFor="run-concurrency" className="text-sm font-semibold">
            Samples at once
          </label>
          <input
            id="run-concurrency"
            type="number"
            min={1}
            max={32}
            className={`${fieldClass} w-24`}
            value={concurrency}
            onChange={(event) => setConcurrency(Math.min(32, Math.max(1, Number(event.target.value) || 1)))}
          />
        </div>
        <fieldset>
          <legend className="text-sm font-semibold">Options</legend>
          <div className="mt-1 space-y-1">
            <label className="flex items-center gap-1.5 text-sm">
              <input type="checkbox" checked={swap} onChange={(event) => setSwap(event.target.checked)} />
              Both orders{" "}
              <span className="text-slate-500">(A/B and B/A: measures position bias, twice the requests)</span>
            </label>
            <label className="flex items-center gap-1.5 text-sm">
              <input
                type="checkbox"
                checked={freshOutputs}
                onChange={(event) => setFreshOutputs(event.target.checked)}
              />
              Fresh outputs{" "}
              <span className="text-slate-500">(ask the model again even where an identical request was answered)</span>
            </label>
          </div>
        </fieldset>
        <Button type="submit" disabled={!chosenSubset || startRun.isPending}>
          {startRun.isPending ? "Starting…" : "Start run"}
        </Button>
      </div>
      <ErrorMessage
        message={
          startRun.error
            ? `The run could not start: ${startRun.error.message}`
            : models.error
              ? `The model list could not be loaded: ${models.error.message}`
              : null
        }
      />
    </form>
  );
}

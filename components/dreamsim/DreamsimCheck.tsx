"use client";

import { useState } from "react";
import { Button } from "@/components/ui/Button";
import { ErrorMessage } from "@/components/ui/ErrorMessage";
import { cosineDistance } from "@/lib/dreamsim/embedding-math";
import type { BackendChoice, BenchmarkFigures, Embedding } from "@/lib/dreamsim/worker-protocol";
import { BackendSummary } from "./BackendSummary";
import { InstallHint } from "./InstallHint";
import { ModelLoadProgress } from "./ModelLoadProgress";
import { RunVotesPanel } from "./RunVotesPanel";
import { useDreamsimModel } from "./use-dreamsim-model";

type Embedded = { name: string; result: Embedding };

const ms = (value: number) => `${value.toFixed(1)} ms`;

/**
 * The DreamSim model check: load the installed model on a chosen backend,
 * embed files from this computer, see their distances, timings and raw
 * embeddings (to compare with the export script's), and measure the speed.
 */
export function DreamsimCheck({ modelUrl, canRunBenchmarks }: { modelUrl: string; canRunBenchmarks: boolean }) {
  const { state, load } = useDreamsimModel(modelUrl);
  const [backend, setBackend] = useState<BackendChoice>("auto");
  const [embedded, setEmbedded] = useState<Embedded[]>([]);
  const [figures, setFigures] = useState<(BenchmarkFigures & { label: string }) | null>(null);
  const [isBusy, setIsBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function embedFiles(files: File[]) {
    if (state.status !== "loaded") return;
    setIsBusy(true);
    setError(null);
    try {
      for (const file of files) {
        const url = URL.createObjectURL(file);
        try {
          const result = await state.client.embed(url);
          setEmbedded((list) => [...list, { name: file.name, result }]);
        } finally {
          URL.revokeObjectURL(url);
        }
      }
    } catch (failure) {
      setError((failure as Error).message);
    } finally {
      setIsBusy(false);
    }
  }

  async function measure() {
    if (state.status !== "loaded") return;
    setIsBusy(true);
    setError(null);
    try {
      setFigures({ ...(await state.client.benchmark(20)), label: state.model.backend.label });
    } catch (failure) {
      setError((failure as Error).message);
    } finally {
      setIsBusy(false);
    }
  }

  const rawJson = JSON.stringify(
    embedded.map(({ name, result }) => ({
      name,
      sha256: result.imageSha256,
      inputSum: result.inputSum,
      raw: Array.from(result.raw),
    })),
  );

  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-2xl font-semibold tracking-tight">DreamSim model check</h1>
        <p className="max-w-3xl text-sm text-slate-600">
          DreamSim runs in this browser. Load the installed model, embed images from your computer and compare their
          distances, timings and raw embeddings with the export script&apos;s.
        </p>
      </div>
      <section
        aria-labelledby="dreamsim-model-heading"
        className="space-y-3 rounded-xl border border-slate-200 bg-white p-4"
      >
        <h2 id="dreamsim-model-heading" className="text-lg font-semibold">
          Model
        </h2>
        {state.status === "checking" && <p className="text-sm text-slate-600">Looking for an installed model…</p>}
        {state.status === "absent" && <InstallHint modelUrl={modelUrl} />}
        {state.status !== "checking" && state.status !== "absent" && (
          <div className="flex flex-wrap items-end gap-3">
            <label className="text-sm">
              <span className="block text-slate-700">Backend</span>
              <select
                value={backend}
                onChange={(event) => setBackend(event.target.value as BackendChoice)}
                className="rounded-md border border-slate-300 px-2 py-1.5"
              >
                <option value="auto">Automatic (WebGPU, else WebAssembly)</option>
                <option value="webgpu">WebGPU only</option>
                <option value="wasm">WebAssembly only</option>
              </select>
            </label>
            <Button onClick={() => void load(backend)} disabled={state.status === "loading"}>
              Load the model
            </Button>
          </div>
        )}
        {state.status === "loading" && (
          <ModelLoadProgress loadedBytes={state.loadedBytes} totalBytes={state.totalBytes} />
        )}
        {state.status === "loaded" && <BackendSummary model={state.model} />}
        <ErrorMessage message={state.status === "failed" ? state.message : error} />
      </section>
      {state.status === "loaded" && (
        <section
          aria-labelledby="dreamsim-embed-heading"
          className="space-y-3 rounded-xl border border-slate-200 bg-white p-4"
        >
          <h2 id="dreamsim-embed-heading" className="text-lg font-semibold">
            Embed images
          </h2>
          <div className="flex flex-wrap items-center gap-3">
            <label className="text-sm">
              <span className="block text-slate-700">Images to embed</span>
              <input
                type="file"
                accept="image/png,image/jpeg,image/webp"
                multiple
                disabled={isBusy}
                onChange={(event) => void embedFiles(Array.from(event.target.files ?? []))}
              />
            </label>
            <Button variant="secondary" onClick={() => void measure()} disabled={isBusy}>
              Measure speed (20 images)
            </Button>
            <Button
              variant="secondary"
              onClick={() => void state.client.clearCache().then(() => setEmbedded([]))}
              disabled={isBusy}
            >
              Empty the embedding cache
            </Button>
          </div>
          {figures && (
            <p className="text-sm" data-testid="dreamsim-speed" data-median-ms={figures.perImageMs.median.toFixed(2)}>
              {figures.label}: {ms(figures.perImageMs.median)} per image (median of {figures.images};{" "}
              {ms(figures.perImageMs.min)}–{ms(figures.perImageMs.max)}; first run {ms(figures.warmUpMs)}), inference
              only.
            </p>
          )}
          {embedded.length > 0 && <EmbeddedTable embedded={embedded} />}
          {embedded.length > 0 && (
            <details>
              <summary className="cursor-pointer text-sm font-medium">Raw embeddings (JSON)</summary>
              <pre
                className="max-h-64 overflow-auto rounded bg-slate-50 p-2 text-xs"
                data-testid="dreamsim-raw-embeddings"
              >
                {rawJson}
              </pre>
            </details>
          )}
        </section>
      )}
      {state.status === "loaded" && canRunBenchmarks && (
        <RunVotesPanel client={state.client} modelVersion={state.model.modelVersion} />
      )}
    </div>
  );
}

function EmbeddedTable({ embedded }: { embedded: Embedded[] }) {
  return (
    <table className="w-full text-left text-sm" data-testid="dreamsim-embedded">
      <caption className="sr-only">Embedded images, their timings and their distance to the first image</caption>
      <thead>
        <tr className="border-b border-slate-200 text-slate-500">
          <th scope="col">Image</th>
          <th scope="col">sha256</th>
          <th scope="col">Time</th>
          <th scope="col">Distance to {embedded[0]!.name}</th>
        </tr>
      </thead>
      <tbody>
        {embedded.map(({ name, result }, index) => (
          <tr key={`${index}-${name}`} className="border-b border-slate-100" data-testid="dreamsim-embedded-row">
            <th scope="row" className="font-medium">
              {name}
            </th>
            <td className="font-mono text-xs">{result.imageSha256.slice(0, 12)}…</td>
            <td>
              {result.isCached
                ? `cache hit, no inference (${ms(result.ms.total)})`
                : `${ms(result.ms.total)} (pre-processing ${ms(result.ms.preprocess)}, inference ${ms(result.ms.inference)})`}
            </td>
            <td data-testid="dreamsim-distance">
              {cosineDistance(result.embedding, embedded[0]!.result.embedding).toFixed(6)}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

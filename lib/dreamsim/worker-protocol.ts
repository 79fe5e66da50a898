import type { ModelManifest } from "./model-manifest";

/** Messages between the page and the DreamSim worker. Every request carries an id; its answers carry it back. */

export type BackendChoice = "auto" | "webgpu" | "wasm";

export type WorkerRequest =
  | { type: "load"; id: number; manifestUrl: string; backend: BackendChoice }
  | { type: "embed"; id: number; imageUrl: string }
  | { type: "benchmark"; id: number; images: number }
  | { type: "clear-cache"; id: number };

/** Which runtime ran the model, in words a person can check. */
export type BackendInfo = {
  kind: "webgpu" | "wasm";
  /** e.g. "WebGPU (software adapter: swiftshader)" or "WebAssembly (SIMD, 1 thread: page not cross-origin isolated)". */
  label: string;
  isSoftwareAdapter: boolean;
  threads: number;
  /** Why WebGPU was not used, when it was wanted. */
  fallbackReason: string | null;
};

export type LoadedModel = {
  manifest: ModelManifest;
  modelVersion: string;
  backend: BackendInfo;
  loadMs: { download: number; verify: number; session: number; total: number };
};

export type Embedding = {
  imageSha256: string;
  /** Post-processed (per-branch mean-subtracted, L2-normalised). */
  embedding: Float32Array;
  /** The model's output as it came. */
  raw: Float32Array;
  /** The sum of the pre-processed input tensor, to check pre-processing elsewhere; null for a cache hit. */
  inputSum: number | null;
  isCached: boolean;
  ms: { fetch: number; preprocess: number; inference: number; total: number };
};

export type BenchmarkFigures = {
  images: number;
  warmUpMs: number;
  perImageMs: { median: number; min: number; max: number };
};

export type WorkerResponse =
  | { type: "progress"; id: number; loadedBytes: number; totalBytes: number }
  | { type: "loaded"; id: number; model: LoadedModel }
  | { type: "embedded"; id: number; result: Embedding }
  | { type: "benchmarked"; id: number; figures: BenchmarkFigures }
  | { type: "cleared"; id: number }
  | { type: "failed"; id: number; message: string };

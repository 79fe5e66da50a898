import "client-only";
import * as ort from "onnxruntime-web";
import { createInferenceSession } from "./choose-backend";
import { downloadModelFile, fetchModelManifest, sha256Hex } from "./download-model";
import { normalizeEmbedding } from "./embedding-math";
import { clearEmbeddingCache, readCachedEmbedding, writeCachedEmbedding } from "./embedding-cache";
import { embeddingSize, type ModelManifest, modelVersionOf } from "./model-manifest";
import { preprocessImage } from "./preprocess";
import type { BenchmarkFigures, Embedding, LoadedModel, WorkerRequest, WorkerResponse } from "./worker-protocol";

/**
 * The DreamSim worker: downloads and verifies the model, runs it with
 * onnxruntime-web off the page's thread, and keeps embeddings in IndexedDB.
 * Requests are handled one at a time: a session runs one inference at once.
 */

type Loaded = { session: ort.InferenceSession; manifest: ModelManifest; info: LoadedModel; key: string };

const scope = self as unknown as {
  postMessage(message: WorkerResponse, transfer?: Transferable[]): void;
  addEventListener(type: "message", listener: (event: MessageEvent<WorkerRequest>) => void): void;
};
let loaded: Loaded | null = null;
let queue: Promise<unknown> = Promise.resolve();

const elapsed = (since: number) => performance.now() - since;

async function load(request: Extract<WorkerRequest, { type: "load" }>): Promise<LoadedModel> {
  const key = `${request.manifestUrl}|${request.backend}`;
  if (loaded?.key === key) return loaded.info;
  const started = performance.now();
  const manifest = await fetchModelManifest(request.manifestUrl);
  if (!manifest) throw new Error("No DreamSim model is installed.");
  const { bytes, verifyMs } = await downloadModelFile(
    new URL(manifest.file, new URL(request.manifestUrl, self.location.href)).href,
    manifest,
    (loadedBytes, totalBytes) => scope.postMessage({ type: "progress", id: request.id, loadedBytes, totalBytes }),
  );
  const download = elapsed(started) - verifyMs;
  const sessionStarted = performance.now();
  await loaded?.session.release();
  loaded = null;
  const { session, backend } = await createInferenceSession(ort, bytes, request.backend);
  const info: LoadedModel = {
    manifest,
    modelVersion: modelVersionOf(manifest),
    backend,
    loadMs: { download, verify: verifyMs, session: elapsed(sessionStarted), total: elapsed(started) },
  };
  loaded = { session, manifest, info, key };
  return info;
}

function requireModel(): Loaded {
  if (!loaded) throw new Error("Load the DreamSim model first.");
  return loaded;
}

async function runModel(model: Loaded, input: Float32Array, batch: number): Promise<Float32Array> {
  const { size, name } = model.manifest.input;
  const outputs = await model.session.run({ [name]: new ort.Tensor("float32", input, [batch, 3, size, size]) });
  const output = outputs[model.manifest.output.name];
  if (!output) throw new Error(`The model has no output named ${model.manifest.output.name}.`);
  const data = (await output.getData()) as Float32Array;
  const expected = embeddingSize(model.manifest) * batch;
  if (data.length !== expected)
    throw new Error(`The model returned ${data.length} numbers; the manifest says ${expected}.`);
  return Float32Array.from(data);
}

async function decodeImage(bytes: Uint8Array<ArrayBuffer>) {
  // No colour-space conversion or premultiplication: the pixels as stored, as Pillow reads them.
  const bitmap = await createImageBitmap(new Blob([bytes]), { colorSpaceConversion: "none", premultiplyAlpha: "none" });
  const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
  const context = canvas.getContext("2d", { willReadFrequently: true });
  if (!context) throw new Error("This browser cannot read image pixels in a worker.");
  context.drawImage(bitmap, 0, 0);
  bitmap.close();
  return {
    width: canvas.width,
    height: canvas.height,
    channels: 4 as const,
    data: context.getImageData(0, 0, canvas.width, canvas.height).data,
  };
}

async function embed(imageUrl: string): Promise<Embedding> {
  const model = requireModel();
  const started = performance.now();
  const response = await fetch(imageUrl);
  if (!response.ok) throw new Error(`The image ${imageUrl} could not be read (HTTP ${response.status}).`);
  const bytes = new Uint8Array(await response.arrayBuffer());
  const imageSha256 = await sha256Hex(bytes);
  const fetchMs = elapsed(started);
  const cached = await readCachedEmbedding(model.info.modelVersion, imageSha256);
  if (cached && cached.length === embeddingSize(model.manifest)) {
    const total = elapsed(started);
    return {
      imageSha256,
      raw: cached,
      embedding: normalizeEmbedding(cached, model.manifest.output.branches),
      inputSum: null,
      isCached: true,
      ms: { fetch: fetchMs, preprocess: 0, inference: 0, total },
    };
  }
  const preprocessStarted = performance.now();
  const input = preprocessImage(await decodeImage(bytes), model.manifest.input);
  const preprocessMs = elapsed(preprocessStarted);
  const inferenceStarted = performance.now();
  const raw = await runModel(model, input, 1);
  const inferenceMs = elapsed(inferenceStarted);
  await writeCachedEmbedding(model.info.modelVersion, imageSha256, raw);
  const inputSum = input.reduce((sum, value) => sum + value, 0);
  return {
    imageSha256,
    raw,
    embedding: normalizeEmbedding(raw, model.manifest.output.branches),
    inputSum,
    isCached: false,
    ms: { fetch: fetchMs, preprocess: preprocessMs, inference: inferenceMs, total: elapsed(started) },
  };
}

/** Inference time alone, on generated inputs (no download, decoding or cache), after one warm-up run. */
async function benchmark(images: number): Promise<BenchmarkFigures> {
  const model = requireModel();
  const { size } = model.manifest.input;
  const input = Float32Array.from({ length: 3 * size * size }, (_, index) => Math.sin(index * 0.37));
  const warmUpStarted = performance.now();
  await runModel(model, input, 1);
  const warmUpMs = elapsed(warmUpStarted);
  const times: number[] = [];
  for (let i = 0; i < images; i++) {
    input[i % input.length] = i / images;
    const runStarted = performance.now();
    await runModel(model, input, 1);
    times.push(elapsed(runStarted));
  }
  const sorted = [...times].sort((a, b) => a - b);
  return {
    images,
    warmUpMs,
    perImageMs: { median: sorted[Math.floor(sorted.length / 2)]!, min: sorted[0]!, max: sorted.at(-1)! },
  };
}

async function handle(request: WorkerRequest): Promise<void> {
  try {
    switch (request.type) {
      case "load":
        return scope.postMessage({ type: "loaded", id: request.id, model: await load(request) });
      case "embed":
        return scope.postMessage({ type: "embedded", id: request.id, result: await embed(request.imageUrl) });
      case "benchmark":
        return scope.postMessage({ type: "benchmarked", id: request.id, figures: await benchmark(request.images) });
      case "clear-cache":
        await clearEmbeddingCache();
        return scope.postMessage({ type: "cleared", id: request.id });
    }
  } catch (error) {
    scope.postMessage({
      type: "failed",
      id: request.id,
      message: error instanceof Error ? error.message : String(error),
    });
  }
}

scope.addEventListener("message", (event) => {
  queue = queue.then(() => handle(event.data));
});

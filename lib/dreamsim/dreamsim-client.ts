import "client-only";
import type {
  BackendChoice,
  BenchmarkFigures,
  Embedding,
  LoadedModel,
  WorkerRequest,
  WorkerResponse,
} from "./worker-protocol";

/**
 * The page's side of the DreamSim worker: promises for requests, progress
 * callbacks for the download. One worker per page, shared by every panel, so
 * the model is downloaded and compiled once.
 */

type Pending = {
  resolve(response: WorkerResponse): void;
  reject(error: Error): void;
  onProgress?: (loadedBytes: number, totalBytes: number) => void;
};

type RequestWithoutId = WorkerRequest extends infer R ? (R extends WorkerRequest ? Omit<R, "id"> : never) : never;

export type DreamsimClient = {
  load(
    manifestUrl: string,
    backend: BackendChoice,
    onProgress?: (loadedBytes: number, totalBytes: number) => void,
  ): Promise<LoadedModel>;
  embed(imageUrl: string): Promise<Embedding>;
  benchmark(images: number): Promise<BenchmarkFigures>;
  clearCache(): Promise<void>;
};

function createDreamsimClient(): DreamsimClient {
  const worker = new Worker(new URL("./dreamsim.worker.ts", import.meta.url), { type: "module", name: "dreamsim" });
  const pending = new Map<number, Pending>();
  let nextId = 1;
  worker.addEventListener("message", (event: MessageEvent<WorkerResponse>) => {
    const message = event.data;
    const waiting = pending.get(message.id);
    if (!waiting) return;
    if (message.type === "progress") return waiting.onProgress?.(message.loadedBytes, message.totalBytes);
    pending.delete(message.id);
    if (message.type === "failed") waiting.reject(new Error(message.message));
    else waiting.resolve(message);
  });
  worker.addEventListener("error", (event) => {
    // The worker itself failed to start or crashed: every waiting request fails with the reason.
    for (const waiting of pending.values())
      waiting.reject(new Error(`The DreamSim worker stopped: ${event.message || "it could not be started"}.`));
    pending.clear();
  });

  function send<T extends WorkerResponse["type"]>(
    request: RequestWithoutId,
    expected: T,
    onProgress?: Pending["onProgress"],
  ): Promise<Extract<WorkerResponse, { type: T }>> {
    const id = nextId++;
    return new Promise((resolve, reject) => {
      pending.set(id, {
        resolve: (response) =>
          response.type === expected
            ? resolve(response as Extract<WorkerResponse, { type: T }>)
            : reject(new Error(`Unexpected answer ${response.type}.`)),
        reject,
        onProgress,
      });
      worker.postMessage({ ...request, id });
    });
  }

  const loads = new Map<string, Promise<LoadedModel>>();
  return {
    load(manifestUrl, backend, onProgress) {
      const key = `${manifestUrl}|${backend}`;
      let loading = loads.get(key);
      if (!loading) {
        loading = send({ type: "load", manifestUrl, backend }, "loaded", onProgress).then((response) => response.model);
        loads.clear();
        loads.set(key, loading);
        // A failed load may be tried again.
        loading.catch(() => loads.delete(key));
      }
      return loading;
    },
    embed: (imageUrl) => send({ type: "embed", imageUrl }, "embedded").then((response) => response.result),
    benchmark: (images) => send({ type: "benchmark", images }, "benchmarked").then((response) => response.figures),
    clearCache: () => send({ type: "clear-cache" }, "cleared").then(() => undefined),
  };
}

let shared: DreamsimClient | null = null;

/** The page's one DreamSim worker, started on first use. */
export function getDreamsimClient(): DreamsimClient {
  shared ??= createDreamsimClient();
  return shared;
}

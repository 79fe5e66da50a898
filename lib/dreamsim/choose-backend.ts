import "client-only";
import type * as Ort from "onnxruntime-web";
import type { BackendChoice, BackendInfo } from "./worker-protocol";

/**
 * WebGPU first, WebAssembly as the fallback, chosen here: onnxruntime-web
 * does not fall back from WebGPU by itself. WebAssembly uses SIMD always,
 * and threads only where the page is cross-origin isolated (threads need
 * SharedArrayBuffer).
 */

type AdapterInfo = { vendor?: string; architecture?: string; description?: string; isFallbackAdapter?: boolean };
type Adapter = { info?: AdapterInfo; isFallbackAdapter?: boolean };
type Gpu = { requestAdapter(options?: { powerPreference?: string }): Promise<Adapter | null> };

function describeAdapter(adapter: Adapter): { label: string; isSoftware: boolean } {
  const info = adapter.info ?? {};
  const name = [info.vendor, info.architecture, info.description].filter(Boolean).join(" ");
  // SwiftShader (Chromium's CPU implementation) is what headless machines without a GPU get.
  const isSoftware =
    Boolean(info.isFallbackAdapter ?? adapter.isFallbackAdapter) || /swiftshader|llvmpipe|software/i.test(name);
  return {
    label: isSoftware ? `WebGPU (software adapter${name ? `: ${name}` : ""})` : `WebGPU (${name || "GPU"})`,
    isSoftware,
  };
}

function wasmThreads(): number {
  const isIsolated = (globalThis as { crossOriginIsolated?: boolean }).crossOriginIsolated === true;
  return isIsolated ? Math.max(1, Math.min(4, (navigator.hardwareConcurrency || 2) - 1)) : 1;
}

export async function createInferenceSession(
  ort: typeof Ort,
  model: Uint8Array,
  choice: BackendChoice,
): Promise<{ session: Ort.InferenceSession; backend: BackendInfo }> {
  const threads = wasmThreads();
  ort.env.wasm.numThreads = threads;
  ort.env.wasm.proxy = false;
  let fallbackReason: string | null = null;
  if (choice !== "wasm") {
    const gpu = (navigator as Navigator & { gpu?: Gpu }).gpu;
    const adapter = gpu ? await gpu.requestAdapter({ powerPreference: "high-performance" }).catch(() => null) : null;
    if (!gpu) fallbackReason = "this browser has no WebGPU";
    else if (!adapter) fallbackReason = "no WebGPU adapter is available";
    else {
      try {
        const session = await ort.InferenceSession.create(model, {
          executionProviders: ["webgpu"],
          graphOptimizationLevel: "all",
        });
        const { label, isSoftware } = describeAdapter(adapter);
        return {
          session,
          backend: { kind: "webgpu", label, isSoftwareAdapter: isSoftware, threads, fallbackReason: null },
        };
      } catch (error) {
        fallbackReason = `WebGPU failed: ${(error as Error).message}`;
      }
    }
    if (choice === "webgpu") throw new Error(`WebGPU was asked for, but ${fallbackReason}.`);
  }
  const session = await ort.InferenceSession.create(model, {
    executionProviders: ["wasm"],
    graphOptimizationLevel: "all",
  });
  const threading = threads > 1 ? `${threads} threads` : "1 thread: page not cross-origin isolated";
  return {
    session,
    backend: {
      kind: "wasm",
      label: `WebAssembly (SIMD, ${threading})`,
      isSoftwareAdapter: false,
      threads,
      fallbackReason,
    },
  };
}

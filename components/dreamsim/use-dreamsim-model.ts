"use client";

import { useCallback, useEffect, useState } from "react";
import type { DreamsimClient } from "@/lib/dreamsim/dreamsim-client";
import type { ModelManifest } from "@/lib/dreamsim/model-manifest";
import type { BackendChoice, LoadedModel } from "@/lib/dreamsim/worker-protocol";
import { useIsDreamsimInstalled } from "./DreamsimInstallation";

export type DreamsimModelState =
  | { status: "checking" }
  | { status: "absent" }
  | { status: "available"; manifest: ModelManifest }
  | { status: "loading"; manifest: ModelManifest; loadedBytes: number; totalBytes: number }
  | { status: "loaded"; manifest: ModelManifest; model: LoadedModel; client: DreamsimClient }
  | { status: "failed"; message: string; manifest: ModelManifest | null };

/**
 * Whether a DreamSim model is installed (its manifest), and loading it on
 * request. The manifest is fetched only when the server found one, so a
 * page without a model makes no request that would fail. onnxruntime-web and the worker are imported only when a model is
 * loaded, never with the page.
 */
export function useDreamsimModel(modelUrl: string) {
  const manifestUrl = `${modelUrl}manifest.json`;
  const isInstalled = useIsDreamsimInstalled();
  const [state, setState] = useState<DreamsimModelState>(isInstalled ? { status: "checking" } : { status: "absent" });

  useEffect(() => {
    if (!isInstalled) return;
    let isCurrent = true;
    void (async () => {
      try {
        const { fetchModelManifest } = await import("@/lib/dreamsim/download-model");
        const manifest = await fetchModelManifest(manifestUrl);
        if (isCurrent) setState(manifest ? { status: "available", manifest } : { status: "absent" });
      } catch (error) {
        if (isCurrent) setState({ status: "failed", message: (error as Error).message, manifest: null });
      }
    })();
    return () => {
      isCurrent = false;
    };
  }, [manifestUrl, isInstalled]);

  const load = useCallback(
    async (backend: BackendChoice = "auto"): Promise<{ model: LoadedModel; client: DreamsimClient } | null> => {
      const manifest = state.status === "absent" || state.status === "checking" ? null : state.manifest;
      if (!manifest) return null;
      setState({ status: "loading", manifest, loadedBytes: 0, totalBytes: manifest.bytes });
      try {
        const { getDreamsimClient } = await import("@/lib/dreamsim/dreamsim-client");
        const client = getDreamsimClient();
        const model = await client.load(manifestUrl, backend, (loadedBytes, totalBytes) =>
          setState({ status: "loading", manifest, loadedBytes, totalBytes }),
        );
        setState({ status: "loaded", manifest, model, client });
        return { model, client };
      } catch (error) {
        setState({ status: "failed", message: (error as Error).message, manifest });
        return null;
      }
    },
    [manifestUrl, state],
  );

  return { state, load, manifestUrl };
}

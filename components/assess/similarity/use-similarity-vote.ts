"use client";

import { useEffect, useState } from "react";
import type { DreamsimClient } from "@/lib/dreamsim/dreamsim-client";
import { computeSimilarityVote, type SimilarityVote } from "@/lib/dreamsim/similarity-vote";
import type { Embedding } from "@/lib/dreamsim/worker-protocol";

export type SimilarityInputs = { liked: string[]; disliked: string[]; candidates: [string, string] };

export type ImageTimings = {
  embedded: number;
  cacheHits: number;
  meanInferenceMs: number | null;
  meanTotalMs: number | null;
};

export type SimilarityState =
  | { status: "idle" }
  | { status: "computing"; done: number; total: number }
  | { status: "done"; vote: SimilarityVote; timings: ImageTimings }
  | { status: "failed"; message: string };

/** The image file the model is given: the normalised copy, the same pixels PreferThinker sees. */
export const modelImageUrl = (id: string) => `/api/images/${id}/normalized`;

function summarise(results: Embedding[]): ImageTimings {
  const inferred = results.filter((result) => !result.isCached);
  const mean = (values: number[]) =>
    values.length ? values.reduce((sum, value) => sum + value, 0) / values.length : null;
  return {
    embedded: inferred.length,
    cacheHits: results.length - inferred.length,
    meanInferenceMs: mean(inferred.map((result) => result.ms.inference)),
    meanTotalMs: mean(inferred.map((result) => result.ms.total)),
  };
}

/**
 * Embeds the candidates and references (each image once; the worker's cache
 * makes repeats free) and computes the similarity vote, again whenever the
 * picked images change. Nothing runs until a client is given.
 */
export function useSimilarityVote(client: DreamsimClient | null, inputs: SimilarityInputs | null): SimilarityState {
  // Each state names the inputs it belongs to, so a change of images never shows the old pair's result.
  const [tagged, setTagged] = useState<{ key: string; state: SimilarityState } | null>(null);
  const key = client && inputs ? JSON.stringify(inputs) : null;

  useEffect(() => {
    if (!client || !key) return;
    const setState = (state: SimilarityState) => setTagged({ key, state });
    const { liked, disliked, candidates } = JSON.parse(key) as SimilarityInputs;
    const ids = [...new Set([...candidates, ...liked, ...disliked])];
    let isCurrent = true;
    void (async () => {
      const byId = new Map<string, Embedding>();
      try {
        for (const id of ids) {
          if (!isCurrent) return;
          setState({ status: "computing", done: byId.size, total: ids.length });
          byId.set(id, await client.embed(modelImageUrl(id)));
        }
        if (!isCurrent) return;
        const embeddingOf = (id: string) => byId.get(id)!.embedding;
        const vote = computeSimilarityVote(
          [embeddingOf(candidates[0]), embeddingOf(candidates[1])],
          liked.map(embeddingOf),
          disliked.map(embeddingOf),
        );
        setState({ status: "done", vote, timings: summarise([...byId.values()]) });
      } catch (error) {
        if (isCurrent) setState({ status: "failed", message: (error as Error).message });
      }
    })();
    return () => {
      isCurrent = false;
    };
  }, [client, key]);

  if (!key) return { status: "idle" };
  return tagged?.key === key ? tagged.state : { status: "computing", done: 0, total: 0 };
}

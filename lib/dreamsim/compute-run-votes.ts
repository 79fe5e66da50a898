import "client-only";
import { z } from "zod";
import {
  putSimilarityVotesSchema,
  type SimilarityVoteInput,
  similarityWorkSchema,
} from "@/lib/benchmarks/similarity-vote-contract";
import { callApi } from "@/lib/http/api-client";
import type { DreamsimClient } from "./dreamsim-client";
import { computeSimilarityVote } from "./similarity-vote";

/**
 * Computes DreamSim's vote for every sample of a benchmark run that has none
 * (or one from another model file), in the browser and in the background,
 * and stores them with the run in batches, so an interrupted pass keeps what
 * it sent. For the benchmarks page: call it with a loaded client.
 */

export type RunVoteProgress = {
  done: number;
  total: number;
  stored: number;
  imagesEmbedded: number;
  cacheHits: number;
};

export type ComputeRunVotesOptions = {
  runId: string;
  client: DreamsimClient;
  modelVersion: string;
  onProgress?: (progress: RunVoteProgress) => void;
  signal?: AbortSignal;
  /** Votes sent per request (the API takes at most 500). */
  batchSize?: number;
};

const imageUrl = (id: string) => `/api/images/${id}/normalized`;
const storedSchema = z.object({ stored: z.number() });

export async function computeRunVotes({
  runId,
  client,
  modelVersion,
  onProgress,
  signal,
  batchSize = 25,
}: ComputeRunVotesOptions): Promise<RunVoteProgress> {
  // The samples still to compute, a page at a time: a run of any size never sits in the page whole.
  const pageOf = (after: number | null) => {
    const query = new URLSearchParams({ pendingFor: modelVersion });
    if (after !== null) query.set("after", String(after));
    return callApi(`/api/benchmarks/runs/${runId}/similarity?${query}`, { schema: similarityWorkSchema });
  };
  let page = await pageOf(null);
  const progress: RunVoteProgress = { done: 0, total: page.total, stored: 0, imagesEmbedded: 0, cacheHits: 0 };
  onProgress?.({ ...progress });
  // Benchmark samples share references: keep each image's embedding for the whole pass.
  const embeddings = new Map<string, Float32Array>();
  const embed = async (id: string) => {
    let embedding = embeddings.get(id);
    if (!embedding) {
      const result = await client.embed(imageUrl(id));
      if (result.isCached) progress.cacheHits++;
      else progress.imagesEmbedded++;
      embedding = result.embedding;
      embeddings.set(id, embedding);
    }
    return embedding;
  };
  let batch: SimilarityVoteInput[] = [];
  const flush = async () => {
    if (batch.length === 0) return;
    const { stored } = await callApi(`/api/benchmarks/runs/${runId}/similarity`, {
      method: "PUT",
      body: putSimilarityVotesSchema.parse({ votes: batch }),
      schema: storedSchema,
    });
    progress.stored += stored;
    batch = [];
  };
  for (;;) {
    for (const sample of page.samples) {
      if (signal?.aborted) break;
      // One image at a time: the worker runs one inference at once anyway.
      const liked: Float32Array[] = [];
      for (const id of sample.preferredImageIds) liked.push(await embed(id));
      const disliked: Float32Array[] = [];
      for (const id of sample.nonPreferredImageIds) disliked.push(await embed(id));
      const vote = computeSimilarityVote([await embed(sample.imageAId), await embed(sample.imageBId)], liked, disliked);
      const [a, b] = vote.candidates;
      batch.push({
        sampleId: sample.sampleId,
        vote: vote.answer,
        distances: { a: { liked: a.liked, disliked: a.disliked }, b: { liked: b.liked, disliked: b.disliked } },
        modelVersion,
      });
      progress.done++;
      if (batch.length >= batchSize) await flush();
      onProgress?.({ ...progress });
    }
    if (signal?.aborted || page.next === null) break;
    page = await pageOf(page.next);
  }
  await flush();
  onProgress?.({ ...progress });
  return progress;
}

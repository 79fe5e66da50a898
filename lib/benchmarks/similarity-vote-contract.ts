// Shared by the similarity API and the pages; no server imports.
import { z } from "zod";
import { officialOrderPageQuery } from "./benchmark-contract";

/** A distance is 1 - cosine similarity: from 0 to 2. */
const distance = z.number().finite().min(0).max(2.000001);
const distanceList = z.array(distance).max(64);

export const similarityDistancesSchema = z.object({
  a: z.object({ liked: distanceList, disliked: distanceList }),
  b: z.object({ liked: distanceList, disliked: distanceList }),
});

export const similarityVoteValueSchema = z.enum(["Image A", "Image B", "tie"]);

export const similarityVoteInputSchema = z.object({
  sampleId: z.uuid(),
  vote: similarityVoteValueSchema,
  distances: similarityDistancesSchema,
  modelVersion: z.string().min(1).max(120),
});

/** PUT /api/benchmarks/runs/:id/similarity: a batch of votes, each replacing the sample's earlier one. */
export const putSimilarityVotesSchema = z.object({
  votes: z
    .array(similarityVoteInputSchema)
    .min(1)
    .max(500)
    .refine(
      (votes) => new Set(votes.map((vote) => vote.sampleId)).size === votes.length,
      "each sample at most once per batch",
    ),
});

export type SimilarityVoteInput = z.infer<typeof similarityVoteInputSchema>;

export const storedSimilarityVoteSchema = similarityVoteInputSchema.omit({ sampleId: true }).extend({
  /** Whether the vote names the same image as the model's answer; null for a tie or no answer. */
  agreesWithModel: z.boolean().nullable(),
});

/** One sample of a run, with what a browser needs to compute its vote, and the vote stored so far. */
export const similaritySampleSchema = z.object({
  sampleId: z.string(),
  officialOrder: z.number(),
  imageAId: z.string(),
  imageBId: z.string(),
  /** The references the run sent the model (its history per side). */
  preferredImageIds: z.array(z.string()),
  nonPreferredImageIds: z.array(z.string()),
  label: z.string(),
  /** The model's strict answer in this run, or null (no result yet, or none readable). */
  modelAnswer: z.string().nullable(),
  similarity: storedSimilarityVoteSchema.nullable(),
});

export const similaritySummarySchema = z.object({ voted: z.number(), agreeing: z.number(), disagreeing: z.number() });

/**
 * A page of a run's DreamSim work list, in the official order. `total` counts
 * the list over all its pages; `summary` (the run's votes and how many agree
 * with the model) comes with the first page only; `next` is the `after` of
 * the next page, null on the last.
 */
export const similarityWorkSchema = z.object({
  runId: z.string(),
  samples: z.array(similaritySampleSchema),
  total: z.number().int(),
  summary: similaritySummarySchema.nullable(),
  next: z.number().int().nullable(),
});

export const similarityWorkPageMax = 1000;

export const similarityWorkQuerySchema = z.object({
  ...officialOrderPageQuery(similarityWorkPageMax),
  /** Only the samples that have no vote of this DreamSim model version (what a browser still has to compute). */
  pendingFor: z.string().min(1).max(120).optional(),
});

export type SimilarityWorkQuery = z.infer<typeof similarityWorkQuerySchema>;

/** PUT /api/benchmarks/runs/:id/similarity: how many votes the batch stored. */
export const storedSimilarityVotesSchema = z.object({ stored: z.number() });

export type SimilaritySample = z.infer<typeof similaritySampleSchema>;
export type SimilarityWork = z.infer<typeof similarityWorkSchema>;
export type SimilaritySummary = z.infer<typeof similaritySummarySchema>;

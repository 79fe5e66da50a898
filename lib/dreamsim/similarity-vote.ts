import { cosineDistance } from "./embedding-math";

/**
 * A model-free opinion on which candidate a person prefers: the candidate
 * that is, on average, perceptually closer to the liked references and
 * farther from the disliked ones.
 */

export const candidateLabels = ["Image A", "Image B"] as const;
export type CandidateLabel = (typeof candidateLabels)[number];
export type SimilarityVoteAnswer = CandidateLabel | "tie";

export type CandidateDistances = {
  /** 1 - cosine to each liked reference, in the order given. */
  liked: number[];
  /** 1 - cosine to each disliked reference, in the order given. */
  disliked: number[];
};

export type CandidateSimilarity = CandidateDistances & {
  nearestLiked: number | null;
  nearestDisliked: number | null;
  /** Mean distance to the disliked set minus mean distance to the liked set: higher is a better match. */
  score: number;
};

export type SimilarityVote = {
  answer: SimilarityVoteAnswer;
  candidates: [CandidateSimilarity, CandidateSimilarity];
  margin: number;
};

/** Scores closer than this are a tie: embeddings are float32, so smaller differences are noise. */
const tieMargin = 1e-6;

const mean = (values: number[]) =>
  values.length === 0 ? 0 : values.reduce((sum, value) => sum + value, 0) / values.length;
const indexOfSmallest = (values: number[]) => (values.length === 0 ? null : values.indexOf(Math.min(...values)));

/** Distances of each candidate to each reference, and the vote they make. */
export function computeSimilarityVote(
  candidates: [Float32Array, Float32Array],
  liked: Float32Array[],
  disliked: Float32Array[],
): SimilarityVote {
  const describe = (candidate: Float32Array): CandidateSimilarity => {
    const toLiked = liked.map((reference) => cosineDistance(candidate, reference));
    const toDisliked = disliked.map((reference) => cosineDistance(candidate, reference));
    return {
      liked: toLiked,
      disliked: toDisliked,
      nearestLiked: indexOfSmallest(toLiked),
      nearestDisliked: indexOfSmallest(toDisliked),
      score: mean(toDisliked) - mean(toLiked),
    };
  };
  const described: [CandidateSimilarity, CandidateSimilarity] = [describe(candidates[0]), describe(candidates[1])];
  return { candidates: described, ...voteFromDistances(described) };
}

/** The vote from stored distances (the same rule, so a stored vote can be checked). */
export function voteFromDistances(candidates: [CandidateDistances, CandidateDistances]): {
  answer: SimilarityVoteAnswer;
  margin: number;
} {
  const [a, b] = candidates.map((candidate) => mean(candidate.disliked) - mean(candidate.liked)) as [number, number];
  const margin = a - b;
  return { answer: Math.abs(margin) <= tieMargin ? "tie" : margin > 0 ? "Image A" : "Image B", margin };
}

/** Whether the vote agrees with a model's answer; null when either has no answer. */
export function agreesWithModel(vote: SimilarityVoteAnswer, modelAnswer: string | null): boolean | null {
  if (vote === "tie" || modelAnswer === null) return null;
  const answer = modelAnswer.trim();
  if (!candidateLabels.includes(answer as CandidateLabel)) return null;
  return answer === vote;
}

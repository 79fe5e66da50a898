import "server-only";
import {
  type SimilarityVoteInput,
  type SimilarityWork,
  similarityDistancesSchema,
  similarityVoteValueSchema,
} from "@/lib/benchmarks/similarity-vote-contract";
import { findBenchmarkSamples, findBenchmarkSamplesByIds } from "@/lib/db/benchmark-subsets";
import type { EvaluationRunRecord } from "@/lib/db/evaluation-runs";
import type { Database } from "@/lib/db/open-database";
import { findResultOutputs, findSimilarityVotes, saveSimilarityVotes } from "@/lib/db/similarity-votes";
import { agreesWithModel, voteFromDistances } from "@/lib/dreamsim/similarity-vote";
import { AppError } from "@/lib/errors";
import { readStrictAnswer } from "@/lib/preferthinker/official";

/** The references a run sent the model for a sample: the first `history` of each side. */
const referencesSent = (run: EvaluationRunRecord, ids: string[]) => ids.slice(0, run.history);

/** Every sample of a run's subset, with the model's answer and the stored DreamSim vote, in the official order. */
export async function getSimilarityWork(database: Database, run: EvaluationRunRecord): Promise<SimilarityWork> {
  const [samples, outputs, votes] = await Promise.all([
    findBenchmarkSamples(database, run.subsetId),
    findResultOutputs(database, run.id),
    findSimilarityVotes(database, run.id),
  ]);
  const voteBySample = new Map(votes.map((vote) => [vote.sampleId, vote]));
  const summary = { voted: 0, agreeing: 0, disagreeing: 0 };
  const rows = samples.map((sample) => {
    const output = outputs.get(sample.id);
    const modelAnswer = output === undefined ? null : readStrictAnswer(output);
    const stored = voteBySample.get(sample.id);
    let similarity: SimilarityWork["samples"][number]["similarity"] = null;
    if (stored) {
      const vote = similarityVoteValueSchema.parse(stored.vote);
      const agrees = agreesWithModel(vote, modelAnswer);
      similarity = {
        vote,
        distances: similarityDistancesSchema.parse(stored.distances),
        modelVersion: stored.modelVersion,
        agreesWithModel: agrees,
      };
      summary.voted++;
      if (agrees === true) summary.agreeing++;
      if (agrees === false) summary.disagreeing++;
    }
    return {
      sampleId: sample.id,
      officialOrder: sample.officialOrder,
      imageAId: sample.imageAId,
      imageBId: sample.imageBId,
      preferredImageIds: referencesSent(run, sample.preferredImageIds),
      nonPreferredImageIds: referencesSent(run, sample.nonPreferredImageIds),
      label: sample.label,
      modelAnswer,
      similarity,
    };
  });
  return { runId: run.id, samples: rows, summary };
}

/**
 * Stores votes computed in a browser, after checking each against its
 * sample: the sample is in the run's subset, there is one distance per
 * reference the run sent, and the vote is the one its distances make.
 */
export async function storeSimilarityVotes(
  database: Database,
  run: EvaluationRunRecord,
  votes: SimilarityVoteInput[],
): Promise<number> {
  // Only the batch's samples are read, however large the subset.
  const ids = votes.map((vote) => vote.sampleId);
  const samples = new Map(
    (await findBenchmarkSamplesByIds(database, run.subsetId, ids)).map((sample) => [sample.id, sample]),
  );
  votes.forEach((vote, index) => {
    const sample = samples.get(vote.sampleId);
    if (!sample) throw new AppError("bad_request", `votes.${index}.sampleId: not a sample of this run's subset.`);
    const liked = referencesSent(run, sample.preferredImageIds).length;
    const disliked = referencesSent(run, sample.nonPreferredImageIds).length;
    for (const side of ["a", "b"] as const) {
      const distances = vote.distances[side];
      if (distances.liked.length !== liked || distances.disliked.length !== disliked) {
        throw new AppError(
          "bad_request",
          `votes.${index}.distances.${side}: needs ${liked} liked and ${disliked} disliked distances, one per reference the run sent.`,
        );
      }
    }
    const expected = voteFromDistances([vote.distances.a, vote.distances.b]).answer;
    if (expected !== vote.vote)
      throw new AppError(
        "bad_request",
        `votes.${index}.vote: its distances make the vote ${expected}, not ${vote.vote}.`,
      );
  });
  await saveSimilarityVotes(database, run.id, votes);
  return votes.length;
}

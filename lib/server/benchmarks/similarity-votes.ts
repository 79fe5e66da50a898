import "server-only";
import {
  type SimilarityVoteInput,
  type SimilaritySummary,
  type SimilarityWork,
  type SimilarityWorkQuery,
  similarityDistancesSchema,
  similarityVoteValueSchema,
} from "@/lib/benchmarks/similarity-vote-contract";
import { findBenchmarkSamplesByIds } from "@/lib/db/benchmark-subsets";
import type { EvaluationRunRecord } from "@/lib/db/evaluation-runs";
import type { Database } from "@/lib/db/open-database";
import {
  countSimilarityWork,
  findSimilarityWorkPage,
  findVotesWithOutputs,
  saveSimilarityVotes,
} from "@/lib/db/similarity-votes";
import { agreesWithModel, voteFromDistances } from "@/lib/dreamsim/similarity-vote";
import { AppError } from "@/lib/errors";
import { readStrictAnswer } from "@/lib/preferthinker/official";

/** The references a run sent the model for a sample: the first `history` of each side. */
const referencesSent = (run: EvaluationRunRecord, ids: string[]) => ids.slice(0, run.history);

/** Votes read at a time to sum a run's agreement, whose outputs must each be read. */
const summaryPage = 1000;

/** How many of a run's samples have a vote, and how many votes name the model's answer or the other picture. */
async function summariseVotes(database: Database, runId: string): Promise<SimilaritySummary> {
  const summary = { voted: 0, agreeing: 0, disagreeing: 0 };
  for (let after: string | null = null; ;) {
    const votes = await findVotesWithOutputs(database, runId, after, summaryPage);
    for (const stored of votes) {
      const agrees = agreesWithModel(
        similarityVoteValueSchema.parse(stored.vote),
        stored.output === null ? null : readStrictAnswer(stored.output),
      );
      summary.voted++;
      if (agrees === true) summary.agreeing++;
      if (agrees === false) summary.disagreeing++;
    }
    if (votes.length < summaryPage) return summary;
    after = votes.at(-1)!.sampleId;
  }
}

/**
 * A page of a run's samples in the official order, each with the references
 * the run sent, the model's answer and the stored DreamSim vote; with
 * `pendingFor`, only those without a vote of that model version. The first
 * page also sums the run's votes.
 */
export async function getSimilarityWork(
  database: Database,
  run: EvaluationRunRecord,
  query: SimilarityWorkQuery,
): Promise<SimilarityWork> {
  const [rows, total, summary] = await Promise.all([
    findSimilarityWorkPage(database, run, { ...query, after: query.after ?? -1 }),
    countSimilarityWork(database, run, query.pendingFor),
    query.after === undefined ? summariseVotes(database, run.id) : null,
  ]);
  const samples = rows.map((row) => {
    const modelAnswer = row.output === null ? null : readStrictAnswer(row.output);
    let similarity: SimilarityWork["samples"][number]["similarity"] = null;
    if (row.vote !== null) {
      const vote = similarityVoteValueSchema.parse(row.vote);
      similarity = {
        vote,
        distances: similarityDistancesSchema.parse(row.distances),
        modelVersion: row.modelVersion!,
        agreesWithModel: agreesWithModel(vote, modelAnswer),
      };
    }
    return {
      sampleId: row.sampleId,
      officialOrder: row.officialOrder,
      imageAId: row.imageAId,
      imageBId: row.imageBId,
      preferredImageIds: referencesSent(run, row.preferredImageIds),
      nonPreferredImageIds: referencesSent(run, row.nonPreferredImageIds),
      label: row.label,
      modelAnswer,
      similarity,
    };
  });
  const next = samples.length === query.limit ? samples.at(-1)!.officialOrder : null;
  return { runId: run.id, samples, total, summary, next };
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

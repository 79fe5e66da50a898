import "server-only";
import type { Database } from "./open-database";

export type NewSimilarityVote = {
  sampleId: string;
  vote: string;
  distances: { a: { liked: number[]; disliked: number[] }; b: { liked: number[]; disliked: number[] } };
  modelVersion: string;
};

/** Stores a batch of votes for a run, each replacing the sample's earlier vote, all or nothing. */
export async function saveSimilarityVotes(
  database: Database,
  runId: string,
  votes: NewSimilarityVote[],
): Promise<void> {
  await database.prisma.$transaction(
    votes.map((vote) =>
      database.prisma.similarityVote.upsert({
        where: { runId_sampleId: { runId, sampleId: vote.sampleId } },
        create: { runId, ...vote },
        update: { vote: vote.vote, distances: vote.distances, modelVersion: vote.modelVersion, createdAt: new Date() },
      }),
    ),
  );
}

/** A run's stored votes. */
export async function findSimilarityVotes(database: Database, runId: string) {
  return database.prisma.similarityVote.findMany({
    where: { runId },
    select: { sampleId: true, vote: true, distances: true, modelVersion: true },
  });
}

/** A run's results' outputs by sample, to read the model's answers from. */
export async function findResultOutputs(database: Database, runId: string): Promise<Map<string, string>> {
  const rows = await database.prisma.evaluationResult.findMany({
    where: { runId },
    select: { sampleId: true, output: true },
  });
  return new Map(rows.map((row) => [row.sampleId, row.output]));
}

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

/** A sample of a run's subset as the DreamSim work list needs it: its pictures, the run's output, the stored vote. */
export type SimilarityWorkRow = {
  sampleId: string;
  officialOrder: number;
  imageAId: string;
  imageBId: string;
  preferredImageIds: string[];
  nonPreferredImageIds: string[];
  label: string;
  output: string | null;
  vote: string | null;
  distances: unknown;
  modelVersion: string | null;
};

export type SimilarityWorkPage = {
  /** Samples after this official order (-1: from the first). */
  after: number;
  limit: number;
  /** Only the samples without a vote of this DreamSim model version. */
  pendingFor?: string;
};

/** One page of a run's samples in the official order, along the subset's (subset, official order) index. */
export async function findSimilarityWorkPage(
  database: Database,
  run: { id: string; subsetId: string },
  query: SimilarityWorkPage,
): Promise<SimilarityWorkRow[]> {
  return database.prisma.$queryRaw<SimilarityWorkRow[]>`
    SELECT s.id::text AS "sampleId", s.official_order AS "officialOrder", s.image_a_id::text AS "imageAId",
      s.image_b_id::text AS "imageBId", s.preferred_image_ids AS "preferredImageIds",
      s.non_preferred_image_ids AS "nonPreferredImageIds", s.label, r.output, v.vote, v.distances,
      v.model_version AS "modelVersion"
    FROM benchmark_sample s
    LEFT JOIN evaluation_result r ON r.run_id = ${run.id}::uuid AND r.sample_id = s.id
    LEFT JOIN similarity_vote v ON v.run_id = ${run.id}::uuid AND v.sample_id = s.id
    WHERE s.subset_id = ${run.subsetId}::uuid AND s.official_order > ${query.after}
      AND (${query.pendingFor ?? null}::text IS NULL OR v.model_version IS DISTINCT FROM ${query.pendingFor ?? null}::text)
    ORDER BY s.official_order
    LIMIT ${query.limit}`;
}

/** How many of a run's samples the work list holds: all, or those without a vote of `pendingFor`. */
export async function countSimilarityWork(
  database: Database,
  run: { id: string; subsetId: string },
  pendingFor: string | undefined,
): Promise<number> {
  const [row] = await database.prisma.$queryRaw<{ count: bigint }[]>`
    SELECT count(*) AS count
    FROM benchmark_sample s
    LEFT JOIN similarity_vote v ON v.run_id = ${run.id}::uuid AND v.sample_id = s.id
    WHERE s.subset_id = ${run.subsetId}::uuid
      AND (${pendingFor ?? null}::text IS NULL OR v.model_version IS DISTINCT FROM ${pendingFor ?? null}::text)`;
  return Number(row!.count);
}

/** A page of a run's votes with the run's output for each sample, in sample id order after `afterSampleId`. */
export async function findVotesWithOutputs(
  database: Database,
  runId: string,
  afterSampleId: string | null,
  limit: number,
): Promise<{ sampleId: string; vote: string; output: string | null }[]> {
  return database.prisma.$queryRaw`
    SELECT v.sample_id::text AS "sampleId", v.vote, r.output
    FROM similarity_vote v
    LEFT JOIN evaluation_result r ON r.run_id = v.run_id AND r.sample_id = v.sample_id
    WHERE v.run_id = ${runId}::uuid AND (${afterSampleId}::uuid IS NULL OR v.sample_id > ${afterSampleId}::uuid)
    ORDER BY v.sample_id
    LIMIT ${limit}`;
}

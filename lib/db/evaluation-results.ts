import "server-only";
import { Prisma } from "./generated/prisma/client";
import type { Database } from "./open-database";

/**
 * Reading a run's stored results for browsing: pages of compact rows (what
 * the filters need, not the output), one result in full with its sample,
 * and two runs' verdicts compared sample by sample, in SQL.
 */

export type ResultRow = {
  id: string;
  sampleId: string;
  /** Position in the subset's file. */
  sampleIndex: number;
  /** Position in the official (seed 42) order. */
  officialOrder: number;
  label: string;
  /** The strict answer as the parser read it, or null. */
  answer: string | null;
  strictCorrect: boolean;
  lenientCorrect: boolean;
  formatValid: boolean;
  issueCodes: string[];
  /** DreamSim's vote for the sample in this run ("Image A", "Image B", "tie"), or null before one is stored. */
  dreamsimVote: string | null;
  /** The output was a kept one, reused. */
  cached: boolean;
  /** In a swap run, whether the two orders' answers name the same picture (null: one has no answer, or not a swap run). */
  swapConsistent: boolean | null;
};

/** `%` and `_` are wildcards to LIKE; a search for them means the characters. */
const likePattern = (text: string) => `%${text.replace(/[\\%_]/g, (character) => `\\${character}`)}%`;

/**
 * A page of a run's results as compact rows, in the official order, after
 * the place `after` (a keyset, so every page costs the same however deep);
 * with `text`, only those whose output contains it (any case). The answer
 * comes out of the stored parse in SQL, so a browser of 100,000 results
 * never reads the outputs and their parses over the wire.
 */
export async function findResultRows(
  database: Database,
  runId: string,
  page: { text?: string; after?: number; limit: number },
): Promise<ResultRow[]> {
  const matching = page.text ? Prisma.sql`AND r.output ILIKE ${likePattern(page.text)}` : Prisma.empty;
  const after = page.after === undefined ? Prisma.empty : Prisma.sql`AND s.official_order > ${page.after}`;
  return database.prisma.$queryRaw<ResultRow[]>`
    SELECT r.id, r.sample_id AS "sampleId", s.index AS "sampleIndex", s.official_order AS "officialOrder", s.label,
           r.parsed ->> 'answer' AS answer, r.strict_correct AS "strictCorrect", r.lenient_correct AS "lenientCorrect",
           r.format_valid AS "formatValid", r.issue_codes AS "issueCodes", v.vote AS "dreamsimVote",
           r.cached, r.swap_consistent AS "swapConsistent"
    FROM evaluation_result r JOIN benchmark_sample s ON s.id = r.sample_id
    LEFT JOIN similarity_vote v ON v.run_id = r.run_id AND v.sample_id = r.sample_id
    WHERE r.run_id = ${runId}::uuid ${matching} ${after}
      -- Named so the planner walks the subset's (subset_id, official_order) index and stops at the page's end.
      AND s.subset_id = (SELECT subset_id FROM evaluation_run WHERE id = ${runId}::uuid)
    ORDER BY s.official_order
    LIMIT ${page.limit}`;
}

/** What an analysis of a run reads of each result (lib/benchmarks/error-analysis.ts), with the sample's person. */
export type AnalysisRow = {
  officialOrder: number;
  label: string;
  userId: string | null;
  strictCorrect: boolean;
  answer: string | null;
  scores: Prisma.JsonValue | null;
  profiles: Prisma.JsonValue | null;
  preferAttributes: Prisma.JsonValue | null;
  nonPreferAttributes: Prisma.JsonValue | null;
};

/** A page of a run's results for its analysis, in the official order after `after`: only the parts of the output it reads. */
export async function findAnalysisRows(
  database: Database,
  runId: string,
  page: { after?: number; limit: number },
): Promise<AnalysisRow[]> {
  const after = page.after === undefined ? Prisma.empty : Prisma.sql`AND s.official_order > ${page.after}`;
  return database.prisma.$queryRaw<AnalysisRow[]>`
    SELECT s.official_order AS "officialOrder", s.label, s.user_id AS "userId", r.strict_correct AS "strictCorrect",
           r.parsed ->> 'answer' AS answer, r.parsed -> 'scores' AS scores, r.parsed -> 'profiles' AS profiles,
           s.prefer_attributes AS "preferAttributes", s.non_prefer_attributes AS "nonPreferAttributes"
    FROM evaluation_result r JOIN benchmark_sample s ON s.id = r.sample_id
    WHERE r.run_id = ${runId}::uuid ${after}
      AND s.subset_id = (SELECT subset_id FROM evaluation_run WHERE id = ${runId}::uuid)
    ORDER BY s.official_order
    LIMIT ${page.limit}`;
}

/**
 * A sample answered wrong as a report shows it: its label, its sample's
 * pictures, and each order's answer and output. In a swap run either order
 * may be the wrong one; `strictCorrect` and `swapStrictCorrect` say which.
 */
export type FailureRow = {
  sampleIndex: number;
  label: string;
  answer: string | null;
  output: string;
  strictCorrect: boolean;
  /** The exchanged order's (B/A) answer, read against its own label; null outside swap runs. */
  swapStrictCorrect: boolean | null;
  swapAnswer: string | null;
  swapOutput: string | null;
  imageAId: string;
  imageBId: string;
  preferredImageIds: string[];
  nonPreferredImageIds: string[];
};

/** The run's first `limit` samples answered wrong in either order, in the official order. */
export async function findFirstFailures(database: Database, runId: string, limit: number): Promise<FailureRow[]> {
  return database.prisma.$queryRaw<FailureRow[]>`
    SELECT s.index AS "sampleIndex", s.label, r.parsed ->> 'answer' AS answer, r.output,
           r.strict_correct AS "strictCorrect", r.swap_strict_correct AS "swapStrictCorrect",
           r.swap_parsed ->> 'answer' AS "swapAnswer", r.swap_output AS "swapOutput",
           s.image_a_id AS "imageAId", s.image_b_id AS "imageBId",
           s.preferred_image_ids AS "preferredImageIds", s.non_preferred_image_ids AS "nonPreferredImageIds"
    FROM evaluation_result r JOIN benchmark_sample s ON s.id = r.sample_id
    WHERE r.run_id = ${runId}::uuid AND (NOT r.strict_correct OR r.swap_strict_correct = false)
      AND s.subset_id = (SELECT subset_id FROM evaluation_run WHERE id = ${runId}::uuid)
    ORDER BY s.official_order
    LIMIT ${limit}`;
}

/** One result with its sample, or null. */
export async function getEvaluationResult(database: Database, id: string) {
  return database.prisma.evaluationResult.findUnique({
    where: { id },
    select: {
      id: true,
      runId: true,
      output: true,
      parsed: true,
      strictCorrect: true,
      lenientCorrect: true,
      formatValid: true,
      issueCodes: true,
      officialCorrect: true,
      milliseconds: true,
      cached: true,
      swapOutput: true,
      swapStrictCorrect: true,
      swapCached: true,
      swapConsistent: true,
      sample: {
        select: {
          id: true,
          index: true,
          officialOrder: true,
          label: true,
          imageAId: true,
          imageBId: true,
          preferredImageIds: true,
          nonPreferredImageIds: true,
          imageAPath: true,
          imageBPath: true,
          userId: true,
          preferAttributes: true,
          nonPreferAttributes: true,
        },
      },
    },
  });
}

export type EvaluationResultDetail = NonNullable<Awaited<ReturnType<typeof getEvaluationResult>>>;

/** Two runs' strict verdicts on the samples both have, counted in SQL: both right, both wrong, and each way of differing. */
export async function countPairedVerdicts(
  database: Database,
  aRunId: string,
  bRunId: string,
): Promise<{ bothRight: number; bothWrong: number; rightToWrong: number; wrongToRight: number }> {
  const [counts] = await database.prisma.$queryRaw<
    { bothRight: number; bothWrong: number; rightToWrong: number; wrongToRight: number }[]
  >`
    SELECT count(*) FILTER (WHERE a.strict_correct AND b.strict_correct)::int AS "bothRight",
           count(*) FILTER (WHERE NOT a.strict_correct AND NOT b.strict_correct)::int AS "bothWrong",
           count(*) FILTER (WHERE a.strict_correct AND NOT b.strict_correct)::int AS "rightToWrong",
           count(*) FILTER (WHERE NOT a.strict_correct AND b.strict_correct)::int AS "wrongToRight"
    FROM evaluation_result a JOIN evaluation_result b ON b.run_id = ${bRunId}::uuid AND b.sample_id = a.sample_id
    WHERE a.run_id = ${aRunId}::uuid`;
  return counts!;
}

/** The samples two runs judged differently, by the sample's place in its file: the flips, and which way each went. */
export async function findFlips(
  database: Database,
  aRunId: string,
  bRunId: string,
): Promise<{ sampleId: string; sampleIndex: number; aResultId: string; bResultId: string; aRight: boolean }[]> {
  return database.prisma.$queryRaw`
    SELECT a.sample_id AS "sampleId", s.index AS "sampleIndex", a.id AS "aResultId", b.id AS "bResultId",
           a.strict_correct AS "aRight"
    FROM evaluation_result a JOIN evaluation_result b ON b.run_id = ${bRunId}::uuid AND b.sample_id = a.sample_id
    JOIN benchmark_sample s ON s.id = a.sample_id
    WHERE a.run_id = ${aRunId}::uuid AND a.strict_correct <> b.strict_correct
    ORDER BY s.index`;
}

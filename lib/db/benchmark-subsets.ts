import "server-only";
import { Prisma } from "./generated/prisma/client";
import type { Database } from "./open-database";

export type BenchmarkSubsetRecord = {
  id: string;
  ownerId: string;
  name: string;
  source: string;
  sampleCount: number;
  createdAt: Date;
};

export type BenchmarkSampleRecord = {
  id: string;
  subsetId: string;
  index: number;
  officialOrder: number;
  imageAId: string;
  imageBId: string;
  preferredImageIds: string[];
  nonPreferredImageIds: string[];
  imageAPath: string;
  imageBPath: string;
  preferredPaths: string[];
  nonPreferredPaths: string[];
  label: string;
  userId: string | null;
  preferAttributes: Prisma.JsonValue | null;
  nonPreferAttributes: Prisma.JsonValue | null;
};

export type NewBenchmarkSample = Omit<
  BenchmarkSampleRecord,
  "id" | "subsetId" | "preferAttributes" | "nonPreferAttributes"
> & {
  preferAttributes: Prisma.InputJsonValue | null;
  nonPreferAttributes: Prisma.InputJsonValue | null;
};

/** A subset to write: its samples may stream in (an import reads them from its file as it writes). */
export type NewBenchmarkSubset = {
  name: string;
  source: string;
  samples: Iterable<NewBenchmarkSample> | AsyncIterable<NewBenchmarkSample>;
};

/**
 * Rows written per statement: a 100,000-sample subset never sits in memory
 * as one batch. Kept small because Prisma's debug module keeps the
 * arguments of its last hundred log calls (each statement's parameters
 * among them) even with logging off: at 1,000 rows a statement that held
 * 150 MB after an import of 100,000 samples, and an import's peak RSS went
 * from 730 MB to 1,070 MB. At 100 rows the statements' strings also stay
 * small enough to be collected young.
 */
const rowsPerInsert = 100;

/**
 * A batch of samples in one statement, its rows passed as one JSON text:
 * building a thousand rows' insert through the client's query compiler
 * took a hundred times the memory of the rows, and an import of a large
 * subset peaked at gigabytes.
 */
async function insertSamples(
  transaction: Prisma.TransactionClient,
  subsetId: string,
  samples: NewBenchmarkSample[],
): Promise<void> {
  await transaction.$executeRaw`
    INSERT INTO benchmark_sample (id, subset_id, index, official_order, image_a_id, image_b_id, preferred_image_ids,
      non_preferred_image_ids, image_a_path, image_b_path, preferred_paths, non_preferred_paths, label, user_id,
      prefer_attributes, non_prefer_attributes)
    SELECT gen_random_uuid(), ${subsetId}::uuid, r.index, r."officialOrder", r."imageAId", r."imageBId",
      r."preferredImageIds", r."nonPreferredImageIds", r."imageAPath", r."imageBPath", r."preferredPaths",
      r."nonPreferredPaths", r.label, r."userId", r."preferAttributes", r."nonPreferAttributes"
    FROM jsonb_to_recordset(${JSON.stringify(samples)}::jsonb) AS r(
      index int, "officialOrder" int, "imageAId" uuid, "imageBId" uuid, "preferredImageIds" text[],
      "nonPreferredImageIds" text[], "imageAPath" text, "imageBPath" text, "preferredPaths" text[],
      "nonPreferredPaths" text[], label text, "userId" text, "preferAttributes" jsonb, "nonPreferAttributes" jsonb)`;
}

/**
 * Writes subsets and all their samples in one transaction: either every
 * subset of an import is there afterwards, or none is. A large subset takes
 * a while, so the transaction may last up to half an hour.
 */
export async function createBenchmarkSubsets(
  database: Database,
  ownerId: string,
  subsets: NewBenchmarkSubset[],
): Promise<BenchmarkSubsetRecord[]> {
  return database.prisma.$transaction(
    async (transaction) => {
      const created: BenchmarkSubsetRecord[] = [];
      for (const subset of subsets) {
        const row = await transaction.benchmarkSubset.create({
          data: { ownerId, name: subset.name, source: subset.source, sampleCount: 0 },
        });
        let written = 0;
        let batch: NewBenchmarkSample[] = [];
        const flush = async () => {
          if (batch.length > 0) await insertSamples(transaction, row.id, batch);
          batch = [];
        };
        for await (const sample of subset.samples) {
          batch.push(sample);
          written++;
          if (batch.length >= rowsPerInsert) await flush();
        }
        await flush();
        created.push(
          await transaction.benchmarkSubset.update({ where: { id: row.id }, data: { sampleCount: written } }),
        );
      }
      return created;
    },
    { timeout: 30 * 60_000, maxWait: 60_000 },
  );
}

/** A person's subsets, newest first. */
export async function findBenchmarkSubsets(database: Database, ownerId: string): Promise<BenchmarkSubsetRecord[]> {
  return database.prisma.benchmarkSubset.findMany({
    where: { ownerId },
    orderBy: [{ createdAt: "desc" }, { name: "asc" }],
  });
}

/** The person's subsets of these names imported from this source (to refuse importing them twice). */
export async function findImportedSubsets(
  database: Database,
  ownerId: string,
  source: string,
  names: string[],
): Promise<BenchmarkSubsetRecord[]> {
  return database.prisma.benchmarkSubset.findMany({ where: { ownerId, source, name: { in: names } } });
}

/** A subset by id; `ownerId` limits it to that person's (admins reading anyone's pass undefined). */
export async function getBenchmarkSubset(
  database: Database,
  id: string,
  ownerId: string | undefined,
): Promise<BenchmarkSubsetRecord | null> {
  return database.prisma.benchmarkSubset.findFirst({ where: { id, ...(ownerId ? { ownerId } : {}) } });
}

/** A subset's samples in the official order (the seed-42 shuffle). */
export async function findBenchmarkSamples(database: Database, subsetId: string): Promise<BenchmarkSampleRecord[]> {
  return database.prisma.benchmarkSample.findMany({ where: { subsetId }, orderBy: { officialOrder: "asc" } });
}

/** What matching a results file's rows to samples needs. */
export type SamplePaths = Pick<BenchmarkSampleRecord, "id" | "index" | "label" | "imageAPath" | "imageBPath">;

/**
 * The samples of a subset whose (imageA, imageB) paths, trimmed, are among
 * `pairs`: one statement, and only the samples asked for, however large the
 * subset.
 */
export async function findSamplesByPicturePaths(
  database: Database,
  subsetId: string,
  pairs: { imageA: string; imageB: string }[],
): Promise<SamplePaths[]> {
  if (pairs.length === 0) return [];
  return database.prisma.$queryRaw<SamplePaths[]>`
    SELECT s.id, s.index, s.label, s.image_a_path AS "imageAPath", s.image_b_path AS "imageBPath"
    FROM benchmark_sample s
    JOIN (SELECT DISTINCT btrim(r."imageA") AS a, btrim(r."imageB") AS b
          FROM jsonb_to_recordset(${JSON.stringify(pairs.map(({ imageA, imageB }) => ({ imageA, imageB })))}::jsonb) AS r("imageA" text, "imageB" text)) p
      ON btrim(s.image_a_path) = p.a AND btrim(s.image_b_path) = p.b
    WHERE s.subset_id = ${subsetId}::uuid
    ORDER BY s.official_order`;
}

/** The distinct pictures of a subset's samples (candidates and references), sorted. */
export async function findSubsetImageIds(database: Database, subsetId: string): Promise<string[]> {
  const rows = await database.prisma.$queryRaw<{ id: string }[]>`
    SELECT DISTINCT picture COLLATE "C" AS id
    FROM benchmark_sample s,
      unnest(s.preferred_image_ids || s.non_preferred_image_ids || ARRAY[s.image_a_id::text, s.image_b_id::text]) AS picture
    WHERE s.subset_id = ${subsetId}::uuid
    ORDER BY 1`;
  return rows.map((row) => row.id);
}

/** The samples of a subset among `ids` (those of another subset, or none, are left out). */
export async function findBenchmarkSamplesByIds(
  database: Database,
  subsetId: string,
  ids: string[],
): Promise<BenchmarkSampleRecord[]> {
  return database.prisma.benchmarkSample.findMany({ where: { subsetId, id: { in: ids } } });
}

-- CreateEnum
CREATE TYPE "LibrarySource" AS ENUM ('upload', 'demo');

-- AlterTable
ALTER TABLE "image" ADD COLUMN     "added_to_library_at" TIMESTAMPTZ(3),
ADD COLUMN     "library_source" "LibrarySource";

-- Every existing image was listed in its owner's library: it stays there, from the day it came,
-- as an upload unless it was taken from a demo person (those were stored as "demo-<file>").
UPDATE "image"
SET "library_source" = CASE WHEN "original_name" LIKE 'demo-%' THEN 'demo'::"LibrarySource" ELSE 'upload'::"LibrarySource" END,
    "added_to_library_at" = "created_at";

-- Pictures that came with a benchmark subset leave the library they flooded: those its owner's
-- subsets use and none of the owner's assessments or reference sets does, unless the person took
-- them from a demo person on purpose. The rows stay, so the samples, runs and annotation items that
-- point at them keep their pictures.
WITH "benchmark_picture" AS (
  SELECT DISTINCT "subset"."owner_id", "picture"."id"
  FROM "benchmark_sample" AS "sample"
  JOIN "benchmark_subset" AS "subset" ON "subset"."id" = "sample"."subset_id"
  CROSS JOIN LATERAL unnest(ARRAY["sample"."image_a_id"::text, "sample"."image_b_id"::text] || "sample"."preferred_image_ids" || "sample"."non_preferred_image_ids") AS "picture"("id")
), "personal_picture" AS (
  SELECT "owner_id", unnest("preferred_image_ids" || "non_preferred_image_ids" || "candidate_image_ids") AS "id" FROM "assessment"
  UNION
  SELECT "owner_id", unnest("preferred_image_ids" || "non_preferred_image_ids") AS "id" FROM "reference_set"
), "benchmark_only" AS (
  SELECT "owner_id", "id" FROM "benchmark_picture"
  EXCEPT
  SELECT "owner_id", "id" FROM "personal_picture"
)
UPDATE "image"
SET "library_source" = NULL, "added_to_library_at" = NULL
FROM "benchmark_only"
WHERE "image"."owner_id" = "benchmark_only"."owner_id" AND "image"."id"::text = "benchmark_only"."id"
  AND "image"."original_name" NOT LIKE 'demo-%';

-- CreateIndex
CREATE INDEX "image_owner_id_library_source_added_to_library_at_id_idx" ON "image"("owner_id", "library_source", "added_to_library_at" DESC, "id" DESC);

-- Reference set names become unique per person: a later set that repeats an earlier name gets " (2)", " (3)", …
WITH "numbered" AS (
  SELECT "id", "name", row_number() OVER (PARTITION BY "owner_id", "name" ORDER BY "created_at", "id") AS "n"
  FROM "reference_set"
)
UPDATE "reference_set"
SET "name" = "numbered"."name" || ' (' || "numbered"."n" || ')'
FROM "numbered"
WHERE "reference_set"."id" = "numbered"."id" AND "numbered"."n" > 1;

-- CreateIndex
CREATE UNIQUE INDEX "reference_set_owner_id_name_key" ON "reference_set"("owner_id", "name");

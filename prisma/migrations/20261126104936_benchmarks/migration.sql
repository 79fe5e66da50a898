-- CreateEnum
CREATE TYPE "EvaluationRunStatus" AS ENUM ('queued', 'running', 'completed', 'failed', 'cancelled');

-- CreateTable
CREATE TABLE "benchmark_subset" (
    "id" UUID NOT NULL,
    "owner_id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "source" TEXT NOT NULL,
    "sample_count" INTEGER NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "benchmark_subset_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "benchmark_sample" (
    "id" UUID NOT NULL,
    "subset_id" UUID NOT NULL,
    "index" INTEGER NOT NULL,
    "official_order" INTEGER NOT NULL,
    "image_a_id" UUID NOT NULL,
    "image_b_id" UUID NOT NULL,
    "preferred_image_ids" TEXT[],
    "non_preferred_image_ids" TEXT[],
    "image_a_path" TEXT NOT NULL,
    "image_b_path" TEXT NOT NULL,
    "preferred_paths" TEXT[],
    "non_preferred_paths" TEXT[],
    "label" TEXT NOT NULL,
    "user_id" TEXT,
    "prefer_attributes" JSONB,
    "non_prefer_attributes" JSONB,

    CONSTRAINT "benchmark_sample_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "evaluation_run" (
    "id" UUID NOT NULL,
    "owner_id" UUID NOT NULL,
    "subset_id" UUID NOT NULL,
    "provider" TEXT NOT NULL,
    "endpoint" TEXT NOT NULL,
    "model" TEXT NOT NULL,
    "mode" TEXT NOT NULL,
    "template_id" TEXT NOT NULL,
    "history" INTEGER NOT NULL,
    "concurrency" INTEGER NOT NULL,
    "status" "EvaluationRunStatus" NOT NULL DEFAULT 'queued',
    "source" TEXT NOT NULL,
    "error" JSONB,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "started_at" TIMESTAMPTZ(3),
    "finished_at" TIMESTAMPTZ(3),

    CONSTRAINT "evaluation_run_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "evaluation_result" (
    "id" UUID NOT NULL,
    "run_id" UUID NOT NULL,
    "sample_id" UUID NOT NULL,
    "output" TEXT NOT NULL,
    "parsed" JSONB,
    "strict_correct" BOOLEAN NOT NULL,
    "lenient_correct" BOOLEAN NOT NULL,
    "format_valid" BOOLEAN NOT NULL,
    "issue_codes" TEXT[],
    "official_correct" BOOLEAN,
    "milliseconds" INTEGER,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "evaluation_result_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "benchmark_subset_owner_id_created_at_idx" ON "benchmark_subset"("owner_id", "created_at");

-- CreateIndex
CREATE UNIQUE INDEX "benchmark_subset_owner_id_name_source_key" ON "benchmark_subset"("owner_id", "name", "source");

-- CreateIndex
CREATE UNIQUE INDEX "benchmark_sample_subset_id_index_key" ON "benchmark_sample"("subset_id", "index");

-- CreateIndex
CREATE UNIQUE INDEX "benchmark_sample_subset_id_official_order_key" ON "benchmark_sample"("subset_id", "official_order");

-- CreateIndex
CREATE INDEX "evaluation_run_owner_id_created_at_idx" ON "evaluation_run"("owner_id", "created_at");

-- CreateIndex
CREATE INDEX "evaluation_run_subset_id_idx" ON "evaluation_run"("subset_id");

-- CreateIndex
CREATE INDEX "evaluation_run_status_idx" ON "evaluation_run"("status");

-- CreateIndex
CREATE INDEX "evaluation_result_run_id_created_at_idx" ON "evaluation_result"("run_id", "created_at");

-- CreateIndex
CREATE INDEX "evaluation_result_run_id_strict_correct_idx" ON "evaluation_result"("run_id", "strict_correct");

-- CreateIndex
CREATE INDEX "evaluation_result_sample_id_idx" ON "evaluation_result"("sample_id");

-- CreateIndex
CREATE UNIQUE INDEX "evaluation_result_run_id_sample_id_key" ON "evaluation_result"("run_id", "sample_id");

-- AddForeignKey
ALTER TABLE "benchmark_subset" ADD CONSTRAINT "benchmark_subset_owner_id_fkey" FOREIGN KEY ("owner_id") REFERENCES "app_user"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "benchmark_sample" ADD CONSTRAINT "benchmark_sample_subset_id_fkey" FOREIGN KEY ("subset_id") REFERENCES "benchmark_subset"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "evaluation_run" ADD CONSTRAINT "evaluation_run_owner_id_fkey" FOREIGN KEY ("owner_id") REFERENCES "app_user"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "evaluation_run" ADD CONSTRAINT "evaluation_run_subset_id_fkey" FOREIGN KEY ("subset_id") REFERENCES "benchmark_subset"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "evaluation_result" ADD CONSTRAINT "evaluation_result_run_id_fkey" FOREIGN KEY ("run_id") REFERENCES "evaluation_run"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "evaluation_result" ADD CONSTRAINT "evaluation_result_sample_id_fkey" FOREIGN KEY ("sample_id") REFERENCES "benchmark_sample"("id") ON DELETE CASCADE ON UPDATE CASCADE;

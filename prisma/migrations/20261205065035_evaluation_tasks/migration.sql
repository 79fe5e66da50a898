-- CreateEnum
CREATE TYPE "EvaluationTaskStatus" AS ENUM ('pending', 'claimed', 'done', 'failed');

-- CreateTable
CREATE TABLE "evaluation_task" (
    "run_id" UUID NOT NULL,
    "sample_id" UUID NOT NULL,
    "official_order" INTEGER NOT NULL,
    "status" "EvaluationTaskStatus" NOT NULL DEFAULT 'pending',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "available_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lease_owner" TEXT,
    "lease_expires_at" TIMESTAMPTZ(3),
    "error" JSONB,

    CONSTRAINT "evaluation_task_pkey" PRIMARY KEY ("run_id","sample_id")
);

-- CreateIndex
CREATE INDEX "evaluation_task_run_id_status_official_order_idx" ON "evaluation_task"("run_id", "status", "official_order");

-- CreateIndex
CREATE INDEX "evaluation_task_lease_owner_idx" ON "evaluation_task"("lease_owner");

-- AddForeignKey
ALTER TABLE "evaluation_task" ADD CONSTRAINT "evaluation_task_run_id_fkey" FOREIGN KEY ("run_id") REFERENCES "evaluation_run"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "evaluation_task" ADD CONSTRAINT "evaluation_task_sample_id_fkey" FOREIGN KEY ("sample_id") REFERENCES "benchmark_sample"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Runs left queued or running: their samples without a result become pending tasks.
INSERT INTO "evaluation_task" ("run_id", "sample_id", "official_order")
SELECT run."id", sample."id", sample."official_order"
FROM "evaluation_run" run
JOIN "benchmark_sample" sample ON sample."subset_id" = run."subset_id"
WHERE run."source" = 'app' AND run."status" IN ('queued', 'running')
  AND NOT EXISTS (
    SELECT 1 FROM "evaluation_result" result WHERE result."run_id" = run."id" AND result."sample_id" = sample."id"
  );

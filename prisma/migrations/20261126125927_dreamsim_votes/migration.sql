-- CreateTable
CREATE TABLE "similarity_vote" (
    "id" UUID NOT NULL,
    "run_id" UUID NOT NULL,
    "sample_id" UUID NOT NULL,
    "vote" TEXT NOT NULL,
    "distances" JSONB NOT NULL,
    "model_version" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "similarity_vote_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "similarity_vote_sample_id_idx" ON "similarity_vote"("sample_id");

-- CreateIndex
CREATE UNIQUE INDEX "similarity_vote_run_id_sample_id_key" ON "similarity_vote"("run_id", "sample_id");

-- AddForeignKey
ALTER TABLE "similarity_vote" ADD CONSTRAINT "similarity_vote_run_id_fkey" FOREIGN KEY ("run_id") REFERENCES "evaluation_run"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "similarity_vote" ADD CONSTRAINT "similarity_vote_sample_id_fkey" FOREIGN KEY ("sample_id") REFERENCES "benchmark_sample"("id") ON DELETE CASCADE ON UPDATE CASCADE;

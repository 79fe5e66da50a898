-- CreateEnum
CREATE TYPE "AssessmentStatus" AS ENUM ('queued', 'running', 'completed', 'failed', 'cancelled');

-- CreateTable
CREATE TABLE "assessment" (
    "id" UUID NOT NULL,
    "owner_id" UUID NOT NULL,
    "status" "AssessmentStatus" NOT NULL DEFAULT 'queued',
    "mode" TEXT NOT NULL,
    "preferred_image_ids" TEXT[],
    "non_preferred_image_ids" TEXT[],
    "candidate_image_ids" TEXT[],
    "provider" TEXT NOT NULL,
    "endpoint" TEXT NOT NULL,
    "model" TEXT NOT NULL,
    "template_id" TEXT NOT NULL,
    "settings" JSONB NOT NULL,
    "output" TEXT NOT NULL DEFAULT '',
    "parsed" JSONB,
    "issue_codes" TEXT[],
    "error" JSONB,
    "queue_wait_ms" INTEGER,
    "first_token_ms" INTEGER,
    "total_ms" INTEGER,
    "prompt_tokens" INTEGER,
    "completion_tokens" INTEGER,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finished_at" TIMESTAMPTZ(3),

    CONSTRAINT "assessment_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "assessment_owner_id_created_at_idx" ON "assessment"("owner_id", "created_at");

-- AddForeignKey
ALTER TABLE "assessment" ADD CONSTRAINT "assessment_owner_id_fkey" FOREIGN KEY ("owner_id") REFERENCES "app_user"("id") ON DELETE CASCADE ON UPDATE CASCADE;

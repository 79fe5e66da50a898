-- CreateEnum
CREATE TYPE "TastePoolKind" AS ENUM ('demo', 'library', 'subset');

-- CreateEnum
CREATE TYPE "TasteSessionStatus" AS ENUM ('active', 'finished');

-- CreateTable
CREATE TABLE "taste_session" (
    "id" UUID NOT NULL,
    "owner_id" UUID NOT NULL,
    "pool_kind" "TastePoolKind" NOT NULL,
    "subset_id" UUID,
    "image_ids" UUID[],
    "seed" INTEGER NOT NULL,
    "status" "TasteSessionStatus" NOT NULL DEFAULT 'active',
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finished_at" TIMESTAMPTZ(3),
    "reference_set_id" UUID,

    CONSTRAINT "taste_session_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "taste_answer" (
    "id" UUID NOT NULL,
    "session_id" UUID NOT NULL,
    "owner_id" UUID NOT NULL,
    "position" INTEGER NOT NULL,
    "left_image_id" UUID NOT NULL,
    "right_image_id" UUID NOT NULL,
    "choice" INTEGER NOT NULL,
    "probability" DOUBLE PRECISION NOT NULL,
    "rule" TEXT NOT NULL,
    "answered_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "idempotency_key" TEXT NOT NULL,
    "undone_at" TIMESTAMPTZ(3),

    CONSTRAINT "taste_answer_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "taste_session_owner_id_status_created_at_idx" ON "taste_session"("owner_id", "status", "created_at" DESC);

-- CreateIndex
CREATE INDEX "taste_session_reference_set_id_idx" ON "taste_session"("reference_set_id");

-- CreateIndex
CREATE INDEX "taste_answer_session_id_undone_at_position_idx" ON "taste_answer"("session_id", "undone_at", "position");

-- CreateIndex
CREATE INDEX "taste_answer_owner_id_idx" ON "taste_answer"("owner_id");

-- CreateIndex
CREATE UNIQUE INDEX "taste_answer_session_id_idempotency_key_key" ON "taste_answer"("session_id", "idempotency_key");

-- AddForeignKey
ALTER TABLE "taste_session" ADD CONSTRAINT "taste_session_owner_id_fkey" FOREIGN KEY ("owner_id") REFERENCES "app_user"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "taste_session" ADD CONSTRAINT "taste_session_reference_set_id_fkey" FOREIGN KEY ("reference_set_id") REFERENCES "reference_set"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "taste_answer" ADD CONSTRAINT "taste_answer_session_id_fkey" FOREIGN KEY ("session_id") REFERENCES "taste_session"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "taste_answer" ADD CONSTRAINT "taste_answer_owner_id_fkey" FOREIGN KEY ("owner_id") REFERENCES "app_user"("id") ON DELETE CASCADE ON UPDATE CASCADE;

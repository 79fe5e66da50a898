-- AlterTable
ALTER TABLE "assessment" ADD COLUMN     "reference_set_id" UUID,
ADD COLUMN     "swap_of_id" UUID;

-- CreateTable
CREATE TABLE "reference_set" (
    "id" UUID NOT NULL,
    "owner_id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "preferred_image_ids" TEXT[],
    "non_preferred_image_ids" TEXT[],
    "stated_profile" JSONB,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "reference_set_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "judgment" (
    "id" UUID NOT NULL,
    "owner_id" UUID NOT NULL,
    "assessment_id" UUID NOT NULL,
    "choice" TEXT NOT NULL,
    "disagreements" TEXT[],
    "idempotency_key" TEXT NOT NULL,
    "replaced_keys" TEXT[],
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "judgment_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "reference_set_owner_id_updated_at_idx" ON "reference_set"("owner_id", "updated_at");

-- CreateIndex
CREATE UNIQUE INDEX "judgment_assessment_id_key" ON "judgment"("assessment_id");

-- CreateIndex
CREATE UNIQUE INDEX "judgment_owner_id_idempotency_key_key" ON "judgment"("owner_id", "idempotency_key");

-- CreateIndex
CREATE INDEX "assessment_reference_set_id_idx" ON "assessment"("reference_set_id");

-- CreateIndex
CREATE INDEX "assessment_swap_of_id_idx" ON "assessment"("swap_of_id");

-- AddForeignKey
ALTER TABLE "assessment" ADD CONSTRAINT "assessment_reference_set_id_fkey" FOREIGN KEY ("reference_set_id") REFERENCES "reference_set"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "assessment" ADD CONSTRAINT "assessment_swap_of_id_fkey" FOREIGN KEY ("swap_of_id") REFERENCES "assessment"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "reference_set" ADD CONSTRAINT "reference_set_owner_id_fkey" FOREIGN KEY ("owner_id") REFERENCES "app_user"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "judgment" ADD CONSTRAINT "judgment_owner_id_fkey" FOREIGN KEY ("owner_id") REFERENCES "app_user"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "judgment" ADD CONSTRAINT "judgment_assessment_id_fkey" FOREIGN KEY ("assessment_id") REFERENCES "assessment"("id") ON DELETE CASCADE ON UPDATE CASCADE;

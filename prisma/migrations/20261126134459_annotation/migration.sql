-- CreateTable
CREATE TABLE "annotation_queue" (
    "id" UUID NOT NULL,
    "owner_id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "filter" JSONB NOT NULL,
    "required_annotations" INTEGER NOT NULL,
    "annotator_ids" TEXT[],
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "annotation_queue_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "annotation_item" (
    "id" UUID NOT NULL,
    "queue_id" UUID NOT NULL,
    "position" INTEGER NOT NULL,
    "evaluation_result_id" UUID,
    "assessment_id" UUID,
    "model" TEXT NOT NULL,
    "output" TEXT NOT NULL,
    "label" TEXT,
    "preferred_image_ids" TEXT[],
    "non_preferred_image_ids" TEXT[],
    "candidate_image_ids" TEXT[],
    "precheck_codes" TEXT[],
    "resolution" JSONB,
    "reviewer_id" UUID,
    "resolved_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "annotation_item_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "annotation_slot" (
    "id" UUID NOT NULL,
    "queue_id" UUID NOT NULL,
    "item_id" UUID NOT NULL,
    "position" INTEGER NOT NULL,
    "slot_number" INTEGER NOT NULL,
    "annotator_id" UUID,
    "claimed_at" TIMESTAMPTZ(3),
    "lease_expires_at" TIMESTAMPTZ(3),
    "submitted_at" TIMESTAMPTZ(3),
    "is_open" BOOLEAN NOT NULL DEFAULT true,

    CONSTRAINT "annotation_slot_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "annotation" (
    "id" UUID NOT NULL,
    "slot_id" UUID NOT NULL,
    "item_id" UUID NOT NULL,
    "annotator_id" UUID NOT NULL,
    "verdict" TEXT NOT NULL,
    "body" JSONB NOT NULL,
    "seconds" INTEGER NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "annotation_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "annotation_queue_owner_id_created_at_idx" ON "annotation_queue"("owner_id", "created_at");

-- CreateIndex
CREATE UNIQUE INDEX "annotation_item_queue_id_position_key" ON "annotation_item"("queue_id", "position");

-- CreateIndex
CREATE INDEX "annotation_slot_queue_id_is_open_position_slot_number_idx" ON "annotation_slot"("queue_id", "is_open", "position", "slot_number");

-- CreateIndex
CREATE INDEX "annotation_slot_queue_id_annotator_id_is_open_idx" ON "annotation_slot"("queue_id", "annotator_id", "is_open");

-- CreateIndex
CREATE UNIQUE INDEX "annotation_slot_item_id_slot_number_key" ON "annotation_slot"("item_id", "slot_number");

-- CreateIndex
CREATE UNIQUE INDEX "annotation_slot_item_id_annotator_id_key" ON "annotation_slot"("item_id", "annotator_id");

-- CreateIndex
CREATE UNIQUE INDEX "annotation_slot_id_key" ON "annotation"("slot_id");

-- CreateIndex
CREATE INDEX "annotation_annotator_id_created_at_idx" ON "annotation"("annotator_id", "created_at");

-- CreateIndex
CREATE UNIQUE INDEX "annotation_item_id_annotator_id_key" ON "annotation"("item_id", "annotator_id");

-- AddForeignKey
ALTER TABLE "annotation_queue" ADD CONSTRAINT "annotation_queue_owner_id_fkey" FOREIGN KEY ("owner_id") REFERENCES "app_user"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "annotation_item" ADD CONSTRAINT "annotation_item_queue_id_fkey" FOREIGN KEY ("queue_id") REFERENCES "annotation_queue"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "annotation_item" ADD CONSTRAINT "annotation_item_evaluation_result_id_fkey" FOREIGN KEY ("evaluation_result_id") REFERENCES "evaluation_result"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "annotation_item" ADD CONSTRAINT "annotation_item_assessment_id_fkey" FOREIGN KEY ("assessment_id") REFERENCES "assessment"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "annotation_item" ADD CONSTRAINT "annotation_item_reviewer_id_fkey" FOREIGN KEY ("reviewer_id") REFERENCES "app_user"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "annotation_slot" ADD CONSTRAINT "annotation_slot_queue_id_fkey" FOREIGN KEY ("queue_id") REFERENCES "annotation_queue"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "annotation_slot" ADD CONSTRAINT "annotation_slot_item_id_fkey" FOREIGN KEY ("item_id") REFERENCES "annotation_item"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "annotation_slot" ADD CONSTRAINT "annotation_slot_annotator_id_fkey" FOREIGN KEY ("annotator_id") REFERENCES "app_user"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "annotation" ADD CONSTRAINT "annotation_slot_id_fkey" FOREIGN KEY ("slot_id") REFERENCES "annotation_slot"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "annotation" ADD CONSTRAINT "annotation_item_id_fkey" FOREIGN KEY ("item_id") REFERENCES "annotation_item"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "annotation" ADD CONSTRAINT "annotation_annotator_id_fkey" FOREIGN KEY ("annotator_id") REFERENCES "app_user"("id") ON DELETE CASCADE ON UPDATE CASCADE;

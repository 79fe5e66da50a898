-- AlterTable
ALTER TABLE "assessment" ADD COLUMN     "cancel_requested_at" TIMESTAMPTZ(3),
ADD COLUMN     "lease_until" TIMESTAMPTZ(3);

-- CreateTable
CREATE TABLE "assessment_event_batch" (
    "assessment_id" UUID NOT NULL,
    "first_id" INTEGER NOT NULL,
    "last_id" INTEGER NOT NULL,
    "events" JSONB NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "assessment_event_batch_pkey" PRIMARY KEY ("assessment_id","first_id")
);

-- CreateTable
CREATE TABLE "admission_ticket" (
    "id" UUID NOT NULL,
    "endpoint" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "user_id" UUID,
    "instance_id" TEXT NOT NULL,
    "seq" BIGSERIAL NOT NULL,
    "granted_at" TIMESTAMPTZ(3),
    "lease_until" TIMESTAMPTZ(3) NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "admission_ticket_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "admission_ticket_endpoint_seq_idx" ON "admission_ticket"("endpoint", "seq");

-- CreateIndex
CREATE INDEX "admission_ticket_instance_id_idx" ON "admission_ticket"("instance_id");

-- AddForeignKey
ALTER TABLE "assessment_event_batch" ADD CONSTRAINT "assessment_event_batch_assessment_id_fkey" FOREIGN KEY ("assessment_id") REFERENCES "assessment"("id") ON DELETE CASCADE ON UPDATE CASCADE;

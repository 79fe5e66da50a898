-- CreateTable
CREATE TABLE "image_upload_claim" (
    "id" UUID NOT NULL,
    "sha256" CHAR(64) NOT NULL,
    "claimed_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "image_upload_claim_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "image_upload_claim_sha256_idx" ON "image_upload_claim"("sha256");

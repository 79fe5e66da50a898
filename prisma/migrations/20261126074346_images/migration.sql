-- CreateTable
CREATE TABLE "image" (
    "id" UUID NOT NULL,
    "owner_id" UUID NOT NULL,
    "sha256" CHAR(64) NOT NULL,
    "format" TEXT NOT NULL,
    "width" INTEGER NOT NULL,
    "height" INTEGER NOT NULL,
    "bytes" INTEGER NOT NULL,
    "original_name" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "image_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "image_owner_id_created_at_idx" ON "image"("owner_id", "created_at");

-- CreateIndex
CREATE INDEX "image_sha256_idx" ON "image"("sha256");

-- CreateIndex
CREATE UNIQUE INDEX "image_owner_id_sha256_key" ON "image"("owner_id", "sha256");

-- AddForeignKey
ALTER TABLE "image" ADD CONSTRAINT "image_owner_id_fkey" FOREIGN KEY ("owner_id") REFERENCES "app_user"("id") ON DELETE CASCADE ON UPDATE CASCADE;

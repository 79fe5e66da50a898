-- AlterTable
ALTER TABLE "api_token" ADD COLUMN     "expires_at" TIMESTAMPTZ(3);

-- AlterTable: sessions that exist already end 90 days after they began (the default absolute lifetime).
ALTER TABLE "session" ADD COLUMN     "ends_at" TIMESTAMPTZ(3),
ADD COLUMN     "previous_token_hash" TEXT,
ADD COLUMN     "previous_valid_until" TIMESTAMPTZ(3);
UPDATE "session" SET "ends_at" = "created_at" + interval '90 days';
ALTER TABLE "session" ALTER COLUMN "ends_at" SET NOT NULL;

-- CreateIndex
CREATE UNIQUE INDEX "session_previous_token_hash_key" ON "session"("previous_token_hash");

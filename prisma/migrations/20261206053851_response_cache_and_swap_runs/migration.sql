-- AlterTable
ALTER TABLE "evaluation_result" ADD COLUMN     "cached" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "swap_cached" BOOLEAN,
ADD COLUMN     "swap_consistent" BOOLEAN,
ADD COLUMN     "swap_format_valid" BOOLEAN,
ADD COLUMN     "swap_lenient_correct" BOOLEAN,
ADD COLUMN     "swap_output" TEXT,
ADD COLUMN     "swap_parsed" JSONB,
ADD COLUMN     "swap_strict_correct" BOOLEAN;

-- AlterTable
ALTER TABLE "evaluation_run" ADD COLUMN     "fresh_outputs" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "served_model" TEXT,
ADD COLUMN     "swap" BOOLEAN NOT NULL DEFAULT false;

-- CreateTable
CREATE TABLE "model_response" (
    "owner_id" UUID NOT NULL,
    "key" TEXT NOT NULL,
    "model" TEXT NOT NULL,
    "output" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "model_response_pkey" PRIMARY KEY ("owner_id","key")
);

-- AddForeignKey
ALTER TABLE "model_response" ADD CONSTRAINT "model_response_owner_id_fkey" FOREIGN KEY ("owner_id") REFERENCES "app_user"("id") ON DELETE CASCADE ON UPDATE CASCADE;

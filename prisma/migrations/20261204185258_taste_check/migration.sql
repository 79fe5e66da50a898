-- CreateEnum
CREATE TYPE "TasteAnswerPhase" AS ENUM ('quiz', 'check');

-- AlterTable
ALTER TABLE "taste_answer" ADD COLUMN     "phase" "TasteAnswerPhase" NOT NULL DEFAULT 'quiz',
ADD COLUMN     "predicted_choice" INTEGER,
ADD COLUMN     "predicted_probability" DOUBLE PRECISION,
ADD COLUMN     "proposed_at" TIMESTAMPTZ(3),
ALTER COLUMN "choice" DROP NOT NULL,
ALTER COLUMN "answered_at" DROP NOT NULL,
ALTER COLUMN "idempotency_key" DROP NOT NULL;

-- AlterTable
ALTER TABLE "evaluation_run" ADD COLUMN     "structured" TEXT;

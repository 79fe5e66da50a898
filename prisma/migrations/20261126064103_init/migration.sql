-- CreateTable
CREATE TABLE "server_start" (
    "id" UUID NOT NULL,
    "started_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "version" TEXT NOT NULL,
    "database_kind" TEXT NOT NULL,

    CONSTRAINT "server_start_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "server_start_started_at_idx" ON "server_start"("started_at");

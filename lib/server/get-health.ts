import "server-only";
import { getConfig } from "@/lib/config";
import { checkDatabase } from "@/lib/db/check-database";
import { getDatabase } from "@/lib/db/client";
import type { DatabaseHealth, Health } from "@/lib/health/health-schema";
import { checkModelServer } from "@/lib/inference/check-model-server";
import { appVersion } from "@/lib/version";

/** The health of the database and the model server, checked side by side. */
export async function getHealth(): Promise<Health> {
  const config = getConfig();
  const [database, model] = await Promise.all([
    getDatabase().then(
      (opened) => checkDatabase(opened),
      (error: unknown): DatabaseHealth => ({
        kind: config.databaseUrl ? "postgres" : "embedded",
        ok: false,
        latencyMs: null,
        message: `The database could not be opened: ${error instanceof Error ? error.message : String(error)}`,
      }),
    ),
    checkModelServer(config.model),
  ]);
  const modelOk = model.ok || !model.configured;
  const status = !database.ok ? "error" : modelOk ? "ok" : "degraded";
  return { status, database, model, version: appVersion };
}

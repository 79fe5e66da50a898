import "server-only";
import { getConfig } from "@/lib/config";
import { checkDatabase } from "@/lib/db/check-database";
import { getDatabase } from "@/lib/db/client";
import type { DatabaseHealth, Health, ModelServerHealth } from "@/lib/health/health-contract";
import { checkModelServer } from "@/lib/inference/check-model-server";
import { appVersion } from "@/lib/version";

/** Who asks: what a stranger may learn is less than what an admin needs to fix things. */
export type HealthAudience = "anonymous" | "member" | "admin";

/** A model server's answer is reused for this long, so health checks, however many, make at most one outbound probe per interval. */
export const modelProbeTtlMs = 5_000;

const holderKey = Symbol.for("preferthinker-studio.model-probe");
const holder = globalThis as { [holderKey]?: { at: number; probe: Promise<ModelServerHealth> } };

/** The model server's health, probed at most once per `modelProbeTtlMs` for all callers together. */
function probeModelServer(): Promise<ModelServerHealth> {
  const cached = holder[holderKey];
  if (cached && Date.now() - cached.at < modelProbeTtlMs) return cached.probe;
  const probe = checkModelServer(getConfig().model);
  holder[holderKey] = { at: Date.now(), probe };
  return probe;
}

/** What a signed-in person who is not an admin sees: whether each part answers, not where it is or why it fails. */
function forMember(health: Required<Health>): Health {
  const { message: _databaseMessage, ...database } = health.database;
  const model: ModelServerHealth = health.model.configured
    ? { configured: true, ok: health.model.ok, latencyMs: health.model.latencyMs }
    : health.model;
  return { ...health, database, model };
}

/** The health of the database and the model server, checked side by side, told as much as the audience may know. */
export async function getHealth(audience: HealthAudience): Promise<Health> {
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
    probeModelServer(),
  ]);
  const modelOk = model.ok || !model.configured;
  const status = !database.ok ? "error" : modelOk ? "ok" : "degraded";
  const full = { status, database, model, version: appVersion } as const;
  if (audience === "admin") return full;
  if (audience === "member") return forMember(full);
  return { status };
}

import "server-only";
import { type Actor, canReachOwnedBy } from "@/lib/auth/policy";
import { type BenchmarkSubsetRecord, getBenchmarkSubset } from "@/lib/db/benchmark-subsets";
import { type EvaluationRunRecord, getEvaluationRun } from "@/lib/db/evaluation-runs";
import type { Database } from "@/lib/db/open-database";
import { AppError } from "@/lib/errors";

/**
 * A subset or run the actor may reach: their own, or anyone's for an admin
 * reading it ("read"); changes ("change") are the owner's alone. Anything
 * else does not exist (404).
 */
export async function getReachableSubset(
  database: Database,
  actor: Actor,
  id: string,
  purpose: "read" | "change",
): Promise<BenchmarkSubsetRecord> {
  const subset = await getBenchmarkSubset(database, id, undefined);
  if (!subset || !allowed(actor, subset.ownerId, purpose)) throw new AppError("not_found", "No such benchmark subset.");
  return subset;
}

export async function getReachableRun(
  database: Database,
  actor: Actor,
  id: string,
  purpose: "read" | "change",
): Promise<EvaluationRunRecord> {
  const run = await getEvaluationRun(database, id, undefined);
  if (!run || !allowed(actor, run.ownerId, purpose)) throw new AppError("not_found", "No such evaluation run.");
  return run;
}

const allowed = (actor: Actor, ownerId: string, purpose: "read" | "change") =>
  purpose === "read" ? canReachOwnedBy(actor, ownerId) : actor.userId === ownerId;

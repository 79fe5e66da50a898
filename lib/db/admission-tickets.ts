import "server-only";
import { z } from "zod";
import type { AdmissionClass, SlotLimits } from "@/lib/inference/capacity-policy";
import type { Database } from "./open-database";

/**
 * A model endpoint's places for the whole installation (admission_ticket).
 * Every change to an endpoint's line is one call of a database function
 * (the migration that made the table defines them): it takes the
 * endpoint's advisory lock, drops places whose lease ran out, makes the
 * change, then hands free slots to the waiting as capacity-policy.ts
 * decides (people first, evaluation lanes within their share) and announces
 * the grants on `admissionChannel` when it commits. One round trip each, so
 * the lock is held for a fraction of a millisecond even when evaluation
 * lanes join and leave dozens of times a second.
 */

export const admissionChannel = "admission_grants";

/**
 * What an announcement on `admissionChannel` carries: the places granted
 * (ids), to wake their waiters, empty when too many to list; or `waiting`,
 * when a place joined the line without a slot, so that evaluation lanes
 * keeping their places between samples give them back.
 */
export const grantsSchema = z.object({
  endpoint: z.string(),
  granted: z.array(z.string()),
  waiting: z.boolean().optional(),
});
export type Grants = z.infer<typeof grantsSchema>;

/** A place as it asks for a slot. */
export type NewTicket = {
  id: string;
  endpoint: string;
  kind: AdmissionClass;
  userId: string | null;
  instance: string;
  leaseSeconds: number;
};

export type LineLimits = SlotLimits & { maxQueued: number; maxPerUser: number };

/** Why a person may not join the line now. */
export type Refusal = { reason: "per_user"; held: number } | { reason: "queue_full" };

type Counts = { inFlight: number; evaluationInFlight: number; waitingInteractive: number; waitingEvaluation: number };

/**
 * Joins the endpoint's line: a person is refused past their own limit, or
 * when every slot is taken and the line of people is full; an evaluation
 * lane never is. Answers whether the new place was granted at once.
 */
export async function joinLine(
  database: Database,
  ticket: NewTicket,
  limits: LineLimits,
): Promise<{ refusal: Refusal } | { granted: boolean }> {
  const [row] = await database.prisma.$queryRaw<{ outcome: string }[]>`
    SELECT admission_join(${ticket.id}::uuid, ${ticket.endpoint}, ${ticket.kind}, ${ticket.userId}::uuid,
      ${ticket.instance}, ${ticket.leaseSeconds}::float8, ${limits.maxInFlight}::int, ${limits.evaluationSlots}::int,
      ${limits.maxQueued}::int, ${limits.maxPerUser}::int) AS outcome`;
  const outcome = row!.outcome;
  if (outcome === "granted" || outcome === "waiting") return { granted: outcome === "granted" };
  if (outcome === "queue_full") return { refusal: { reason: "queue_full" } };
  return { refusal: { reason: "per_user", held: Number(outcome.split(":")[1]) } };
}

/** Tells every instance that a place waits at `endpoint` (see Grants). */
export async function announceWaiting(database: Database, endpoint: string): Promise<void> {
  const grants: Grants = { endpoint, granted: [], waiting: true };
  await database.notify(admissionChannel, JSON.stringify(grants));
}

/** Leaves the line or gives the slot back (the same thing here), and hands the freed slot on. */
export async function leaveLine(database: Database, endpoint: string, id: string, limits: SlotLimits): Promise<void> {
  await database.prisma.$queryRaw`
    SELECT admission_leave(${id}::uuid, ${endpoint}, ${limits.maxInFlight}::int, ${limits.evaluationSlots}::int)::text`;
}

/** Drops the places of instances that went away and hands their slots on: any instance, now and then. */
export async function tidyLine(database: Database, endpoint: string, limits: SlotLimits): Promise<void> {
  await database.prisma.$queryRaw`
    SELECT admission_leave(NULL, ${endpoint}, ${limits.maxInFlight}::int, ${limits.evaluationSlots}::int)::text`;
}

/** Renews these places (held or waiting) at an endpoint, under its lock; how many still exist. */
export async function renewTickets(
  database: Database,
  endpoint: string,
  ids: readonly string[],
  leaseSeconds: number,
): Promise<number> {
  if (ids.length === 0) return 0;
  const [row] = await database.prisma.$queryRaw<{ renewed: number }[]>`
    SELECT admission_renew(${endpoint}, ${[...ids]}::uuid[], ${leaseSeconds}::float8) AS renewed`;
  return row!.renewed;
}

/** Gives up every place of an instance that is closing, on every endpoint: what it held or waited for is over. */
export async function dropInstanceTickets(database: Database, instance: string): Promise<number> {
  return database.prisma.$executeRaw`DELETE FROM admission_ticket WHERE instance_id = ${instance}`;
}

/**
 * Where each of these places stands: granted, still waiting (with its
 * position among the people waiting, 1 first), or gone (its lease ran out).
 */
export async function readPlaces(
  database: Database,
  endpoint: string,
  ids: readonly string[],
): Promise<Map<string, { granted: boolean; position: number }>> {
  if (ids.length === 0) return new Map();
  const rows = await database.prisma.$queryRaw<{ id: string; granted: boolean; position: number }[]>`
    SELECT mine.id::text AS id, mine.granted_at IS NOT NULL AS granted,
      (SELECT count(*)::int FROM admission_ticket ahead
        WHERE ahead.endpoint = ${endpoint} AND ahead.kind = mine.kind AND ahead.granted_at IS NULL AND ahead.seq <= mine.seq
      ) AS position
    FROM admission_ticket mine WHERE mine.id = ANY(${[...ids]}::uuid[])`;
  return new Map(rows.map((row) => [row.id, { granted: row.granted, position: row.position }]));
}

/** Slots in use and places waiting at an endpoint, for the whole installation. */
export async function readLine(database: Database, endpoint: string): Promise<Counts> {
  const [row] = await database.prisma.$queryRaw<Counts[]>`
    SELECT
      count(*) FILTER (WHERE granted_at IS NOT NULL)::int AS "inFlight",
      count(*) FILTER (WHERE granted_at IS NOT NULL AND kind = 'evaluation')::int AS "evaluationInFlight",
      count(*) FILTER (WHERE granted_at IS NULL AND kind = 'interactive')::int AS "waitingInteractive",
      count(*) FILTER (WHERE granted_at IS NULL AND kind = 'evaluation')::int AS "waitingEvaluation"
    FROM admission_ticket WHERE endpoint = ${endpoint}`;
  return row!;
}

import "server-only";
import { type AdmissionClass, chooseNextAdmission, type SlotLimits } from "@/lib/inference/capacity-policy";
import type { Prisma } from "./generated/prisma/client";
import type { Database } from "./open-database";

/**
 * A model endpoint's places for the whole installation (admission_ticket):
 * every change to an endpoint's line happens in one transaction holding the
 * endpoint's advisory lock, which drops places whose lease ran out, then
 * hands free slots to the waiting as capacity-policy.ts says (people first,
 * evaluation lanes within their share). The granted places are announced on
 * `admissionChannel` when the transaction commits, for the instances that
 * wait for them.
 */

export const admissionChannel = "admission_grants";

/** The two-number advisory lock's namespace for endpoint lines ("PTAD"); job-lock.ts uses another. */
const admissionLockNamespace = 0x50_54_41_44;

/** What a change to a line reports: the places it granted (ids), to wake their waiters. */
export type Grants = { endpoint: string; granted: string[] };

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

/** A transaction, or the client itself for a single statement. */
type Tx = Pick<Prisma.TransactionClient, "$queryRaw" | "$executeRaw">;

async function lockLine(tx: Tx, endpoint: string): Promise<void> {
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(${admissionLockNamespace}::int, hashtext(${endpoint}))`;
}

async function dropExpired(tx: Tx, endpoint: string): Promise<void> {
  await tx.$executeRaw`DELETE FROM admission_ticket WHERE endpoint = ${endpoint} AND lease_until < now()`;
}

async function countLine(tx: Tx, endpoint: string): Promise<Counts> {
  const [row] = await tx.$queryRaw<Counts[]>`
    SELECT
      count(*) FILTER (WHERE granted_at IS NOT NULL)::int AS "inFlight",
      count(*) FILTER (WHERE granted_at IS NOT NULL AND kind = 'evaluation')::int AS "evaluationInFlight",
      count(*) FILTER (WHERE granted_at IS NULL AND kind = 'interactive')::int AS "waitingInteractive",
      count(*) FILTER (WHERE granted_at IS NULL AND kind = 'evaluation')::int AS "waitingEvaluation"
    FROM admission_ticket WHERE endpoint = ${endpoint}`;
  return row!;
}

/** Hands out the free slots: how many of each line the policy admits now, oldest first. */
async function grantFreeSlots(tx: Tx, endpoint: string, limits: SlotLimits): Promise<string[]> {
  const counts = await countLine(tx, endpoint);
  const use = { inFlight: counts.inFlight, evaluationInFlight: counts.evaluationInFlight };
  const waiting = { interactive: counts.waitingInteractive, evaluation: counts.waitingEvaluation };
  const admit = { interactive: 0, evaluation: 0 };
  for (let kind = chooseNextAdmission(use, waiting, limits); kind; kind = chooseNextAdmission(use, waiting, limits)) {
    admit[kind]++;
    waiting[kind]--;
    use.inFlight++;
    if (kind === "evaluation") use.evaluationInFlight++;
  }
  const granted: string[] = [];
  for (const kind of ["interactive", "evaluation"] as const) {
    if (admit[kind] === 0) continue;
    const rows = await tx.$queryRaw<{ id: string }[]>`
      UPDATE admission_ticket SET granted_at = now()
      WHERE id IN (
        SELECT id FROM admission_ticket WHERE endpoint = ${endpoint} AND kind = ${kind} AND granted_at IS NULL
        ORDER BY seq LIMIT ${admit[kind]}::int
      )
      RETURNING id::text AS id`;
    granted.push(...rows.map((row) => row.id));
  }
  if (granted.length > 0) {
    // Delivered when the transaction commits. A payload has room for about 200 ids; past that, waiters look themselves.
    const payload = JSON.stringify({ endpoint, granted: granted.length <= 100 ? granted : [] } satisfies Grants);
    await tx.$executeRaw`SELECT pg_notify(${admissionChannel}, ${payload})`;
  }
  return granted;
}

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
  return database.prisma.$transaction(async (tx) => {
    await lockLine(tx, ticket.endpoint);
    await dropExpired(tx, ticket.endpoint);
    if (ticket.kind === "interactive" && ticket.userId) {
      const [held] = await tx.$queryRaw<{ held: number }[]>`
        SELECT count(*)::int AS held FROM admission_ticket WHERE endpoint = ${ticket.endpoint} AND user_id = ${ticket.userId}::uuid`;
      if (held!.held >= limits.maxPerUser) return { refusal: { reason: "per_user", held: held!.held } };
      const counts = await countLine(tx, ticket.endpoint);
      if (counts.inFlight >= limits.maxInFlight && counts.waitingInteractive >= limits.maxQueued)
        return { refusal: { reason: "queue_full" } };
    }
    await tx.$executeRaw`
      INSERT INTO admission_ticket (id, endpoint, kind, user_id, instance_id, lease_until)
      VALUES (${ticket.id}::uuid, ${ticket.endpoint}, ${ticket.kind}, ${ticket.userId}::uuid, ${ticket.instance},
        now() + make_interval(secs => ${ticket.leaseSeconds}::int))`;
    const granted = await grantFreeSlots(tx, ticket.endpoint, limits);
    return { granted: granted.includes(ticket.id) };
  });
}

/** Leaves the line or gives the slot back (the same thing here), and hands the freed slot on. */
export async function leaveLine(database: Database, endpoint: string, id: string, limits: SlotLimits): Promise<void> {
  await database.prisma.$transaction(async (tx) => {
    await lockLine(tx, endpoint);
    await tx.$executeRaw`DELETE FROM admission_ticket WHERE id = ${id}::uuid`;
    await dropExpired(tx, endpoint);
    await grantFreeSlots(tx, endpoint, limits);
  });
}

/** Drops the places of instances that went away and hands their slots on: any instance, now and then. */
export async function tidyLine(database: Database, endpoint: string, limits: SlotLimits): Promise<void> {
  await database.prisma.$transaction(async (tx) => {
    await lockLine(tx, endpoint);
    await dropExpired(tx, endpoint);
    await grantFreeSlots(tx, endpoint, limits);
  });
}

/** Renews every place this instance holds or waits for, on every endpoint. */
export async function renewTickets(database: Database, instance: string, leaseSeconds: number): Promise<void> {
  await database.prisma.$executeRaw`
    UPDATE admission_ticket SET lease_until = now() + make_interval(secs => ${leaseSeconds}::int)
    WHERE instance_id = ${instance}`;
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
  return countLine(database.prisma, endpoint);
}

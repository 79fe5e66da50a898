import "server-only";
import type { Database } from "./open-database";

/**
 * What lets any instance sharing the database act on an assessment that
 * another instance runs: the running instance's lease on the row, a cancel
 * asked for through another instance, and the run's events as its instance
 * numbered them (assessment_event_batch), so a follower elsewhere reads the
 * same ids and text. All times are the database's.
 */

/** Gives the rows a lease from now; answers which of them their owner asked to cancel meanwhile. */
export async function renewAssessmentLeases(
  database: Database,
  ids: readonly string[],
  leaseSeconds: number,
): Promise<{ id: string; cancelRequested: boolean }[]> {
  if (ids.length === 0) return [];
  return database.prisma.$queryRaw<{ id: string; cancelRequested: boolean }[]>`
    UPDATE assessment SET lease_until = now() + make_interval(secs => ${leaseSeconds}::float8)
    WHERE id = ANY(${[...ids]}::uuid[]) AND status IN ('queued', 'running')
    RETURNING id::text AS id, cancel_requested_at IS NOT NULL AS "cancelRequested"`;
}

/**
 * A cancel that arrived at an instance not running the assessment. A row
 * whose lease ran out has no instance left to stop it: it is cancelled here
 * and now. Otherwise the request is recorded for the running instance,
 * which a notification wakes (and its next lease renewal would find it).
 */
export async function requestAssessmentCancel(
  database: Database,
  id: string,
): Promise<"cancelled" | "requested" | "ended"> {
  const cancelled = await database.prisma.$executeRaw`
    UPDATE assessment
    SET status = 'cancelled', finished_at = now(), lease_until = NULL,
      error = ${JSON.stringify({ code: "cancelled", message: "The assessment was cancelled." })}::jsonb
    WHERE id = ${id}::uuid AND status IN ('queued', 'running') AND lease_until < now()`;
  if (cancelled > 0) return "cancelled";
  const requested = await database.prisma.$executeRaw`
    UPDATE assessment SET cancel_requested_at = now()
    WHERE id = ${id}::uuid AND status IN ('queued', 'running')`;
  return requested > 0 ? "requested" : "ended";
}

/** One event as the running instance numbered it. */
export type JournalEvent = { id: number; event: string; data: unknown };

/** Appends events (ids ascending, following the last batch) and tells followers on every instance, in one statement. */
export async function appendAssessmentEvents(
  database: Database,
  assessmentId: string,
  events: readonly JournalEvent[],
  channel: string,
): Promise<void> {
  if (events.length === 0) return;
  await database.prisma.$executeRaw`
    WITH written AS (
      INSERT INTO assessment_event_batch (assessment_id, first_id, last_id, events)
      VALUES (${assessmentId}::uuid, ${events[0]!.id}::int, ${events.at(-1)!.id}::int, ${JSON.stringify(events)}::jsonb)
      RETURNING assessment_id
    )
    SELECT pg_notify(${channel}, assessment_id::text) FROM written`;
}

/** The journalled events after `afterId`, in order; empty when there are none (yet). */
export async function readAssessmentEvents(
  database: Database,
  assessmentId: string,
  afterId: number,
): Promise<JournalEvent[]> {
  const batches = await database.prisma.$queryRaw<{ events: JournalEvent[] }[]>`
    SELECT events FROM assessment_event_batch
    WHERE assessment_id = ${assessmentId}::uuid AND last_id > ${afterId}::int
    ORDER BY first_id`;
  return batches.flatMap((batch) => batch.events).filter((event) => event.id > afterId);
}

/** Whether the assessment's run kept a journal (it ran on an instance sharing a PostgreSQL server, not long ago). */
export async function hasAssessmentEvents(database: Database, assessmentId: string): Promise<boolean> {
  const found = await database.prisma.assessmentEventBatch.findFirst({
    where: { assessmentId },
    select: { firstId: true },
  });
  return found !== null;
}

/** Journals of runs that ended over `minutes` ago go: from then on the stored assessment is replayed, as on the running instance. */
export async function deleteOldAssessmentEvents(database: Database, minutes: number): Promise<number> {
  return database.prisma.$executeRaw`
    DELETE FROM assessment_event_batch b USING assessment a
    WHERE a.id = b.assessment_id AND a.finished_at < now() - make_interval(mins => ${minutes}::int)`;
}

import "server-only";
import { randomUUID } from "node:crypto";
import type { Database } from "./open-database";

export type JudgmentRecord = {
  id: string;
  ownerId: string;
  assessmentId: string;
  choice: string;
  disagreements: string[];
  idempotencyKey: string;
  replacedKeys: string[];
  createdAt: Date;
  updatedAt: Date;
};

/** How many earlier keys a judgment remembers, so a late retry of one does not undo a later change of mind. */
const REMEMBERED_KEYS = 20;

/** The person's judgment written by the request with this Idempotency-Key (or one it replaced), if any. */
export async function getJudgmentByKey(
  database: Database,
  ownerId: string,
  idempotencyKey: string,
): Promise<JudgmentRecord | null> {
  return database.prisma.judgment.findFirst({
    where: { ownerId, OR: [{ idempotencyKey }, { replacedKeys: { has: idempotencyKey } }] },
  });
}

export type SaveJudgmentOutcome = "created" | "replaced" | "repeated";

/**
 * Writes a person's judgment of their assessment in one statement, so
 * concurrent requests cannot make two rows: the first creates it, a new key
 * replaces its choice, and a key it already holds (or replaced) changes
 * nothing ("repeated"). Throws the database's unique violation when the key
 * belongs to a judgment of another assessment.
 */
export async function saveJudgment(
  database: Database,
  judgment: { ownerId: string; assessmentId: string; choice: string; disagreements: string[]; idempotencyKey: string },
): Promise<{ judgment: JudgmentRecord; outcome: SaveJudgmentOutcome }> {
  const { ownerId, assessmentId, choice, disagreements, idempotencyKey } = judgment;
  const rows = await database.prisma.$queryRaw<{ inserted: boolean }[]>`
    INSERT INTO judgment (id, owner_id, assessment_id, choice, disagreements, idempotency_key, replaced_keys, created_at, updated_at)
    VALUES (${randomUUID()}::uuid, ${ownerId}::uuid, ${assessmentId}::uuid, ${choice}, ${disagreements}::text[], ${idempotencyKey}, '{}', now(), now())
    ON CONFLICT (assessment_id) DO UPDATE SET
      choice = EXCLUDED.choice,
      disagreements = EXCLUDED.disagreements,
      idempotency_key = EXCLUDED.idempotency_key,
      replaced_keys = (array_append(judgment.replaced_keys, judgment.idempotency_key))[greatest(cardinality(judgment.replaced_keys) + 2 - ${REMEMBERED_KEYS}::int, 1):],
      updated_at = now()
    WHERE judgment.idempotency_key <> EXCLUDED.idempotency_key AND NOT (EXCLUDED.idempotency_key = ANY(judgment.replaced_keys))
    RETURNING (xmax::text = '0') AS inserted`;
  const stored = await database.prisma.judgment.findUniqueOrThrow({ where: { assessmentId } });
  const outcome: SaveJudgmentOutcome = rows.length === 0 ? "repeated" : rows[0]!.inserted ? "created" : "replaced";
  return { judgment: stored, outcome };
}

export type WeeklyAgreementRow = { model: string; provider: string; week: string; judged: number; agreed: number };

/**
 * Per model and week (the Monday, UTC, of when the assessment ran): how many
 * of the person's judgments can be compared with the model's answer (a
 * choice of A or B against an answer of "Image A" or "Image B"), and how
 * many chose the model's answer.
 */
export async function findWeeklyAgreement(database: Database, ownerId: string): Promise<WeeklyAgreementRow[]> {
  return database.prisma.$queryRaw<WeeklyAgreementRow[]>`
    SELECT a.model, a.provider,
      to_char(date_trunc('week', a.created_at AT TIME ZONE 'UTC'), 'YYYY-MM-DD') AS week,
      count(*)::int AS judged,
      (count(*) FILTER (WHERE 'Image ' || j.choice = a.parsed->>'answer'))::int AS agreed
    FROM judgment j JOIN assessment a ON a.id = j.assessment_id
    WHERE j.owner_id = ${ownerId}::uuid AND a.owner_id = ${ownerId}::uuid
      AND j.choice IN ('A', 'B') AND a.parsed->>'answer' IN ('Image A', 'Image B')
    GROUP BY a.model, a.provider, week
    ORDER BY a.model, a.provider, week`;
}

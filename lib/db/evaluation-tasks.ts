import "server-only";
import { Prisma } from "./generated/prisma/client";
import type { BenchmarkSampleRecord } from "./benchmark-subsets";
import type { NewEvaluationResult } from "./evaluation-runs";
import type { Database } from "./open-database";

/**
 * A run's samples as tasks that any instance may claim (the table
 * evaluation_task). Every rule that keeps two instances from doing the same
 * work lives in these statements, on the database's clock:
 * - a lane claims with `FOR UPDATE SKIP LOCKED`, in the official order, only
 *   while the run is running, and never past the run's concurrency counted
 *   over every instance (the run's row is locked while the count is taken);
 * - a claim is a lease: its instance renews it while it works, and a task
 *   whose lease ran out (its instance died) is claimable again;
 * - a finished task is marked done in the transaction that stores its
 *   result, so a sample with a result is never claimed again.
 */

export type ClaimedTask = { sampleId: string; attempts: number };

export type TaskCounts = { pending: number; claimed: number; done: number; failed: number };

/**
 * The run's samples that have neither a task nor a result become pending
 * tasks; how many were added. `client` may be a transaction's (the run's
 * creation makes them with the run).
 */
export async function createRunTasks(client: Prisma.TransactionClient, runId: string): Promise<number> {
  return client.$executeRaw`
    INSERT INTO evaluation_task (run_id, sample_id, official_order)
    SELECT run.id, sample.id, sample.official_order
    FROM evaluation_run run
    JOIN benchmark_sample sample ON sample.subset_id = run.subset_id
    WHERE run.id = ${runId}::uuid
      AND NOT EXISTS (
        SELECT 1 FROM evaluation_result result WHERE result.run_id = run.id AND result.sample_id = sample.id
      )
    ON CONFLICT DO NOTHING`;
}

/** A resumed run tries its failed samples again, with their attempts counted afresh. */
export async function retryFailedTasks(database: Database, runId: string): Promise<number> {
  return database.prisma.$executeRaw`
    UPDATE evaluation_task
    SET status = 'pending', attempts = 0, available_at = now(), error = NULL
    WHERE run_id = ${runId}::uuid AND status = 'failed'`;
}

/**
 * Claims up to `limit` of the run's claimable tasks for `owner`, in the
 * official order: none when the run is not running, or when its lanes on
 * every instance already hold `concurrency` live leases.
 */
export async function claimTasks(
  database: Database,
  claim: { runId: string; owner: string; leaseSeconds: number; limit: number },
): Promise<ClaimedTask[]> {
  // One round trip (the function is the migration's): the run's row stays locked for the claim alone.
  return database.prisma.$queryRaw<ClaimedTask[]>`
    SELECT claimed_sample_id AS "sampleId", claimed_attempts AS attempts
    FROM claim_evaluation_tasks(${claim.runId}::uuid, ${claim.owner}, ${claim.leaseSeconds}::float8, ${claim.limit}::int)`;
}

/**
 * Claims one of the run's samples as `claimTasks` does, and reads it in the
 * same round trip: what a lane does before each sample. Null when there is
 * none to claim now.
 */
export async function claimSample(
  database: Database,
  claim: { runId: string; owner: string; leaseSeconds: number },
): Promise<BenchmarkSampleRecord | null> {
  const [sample] = await database.prisma.$queryRaw<BenchmarkSampleRecord[]>`
    SELECT sample.id::text AS id, sample.subset_id::text AS "subsetId", sample.index,
      sample.official_order AS "officialOrder", sample.image_a_id::text AS "imageAId",
      sample.image_b_id::text AS "imageBId", sample.preferred_image_ids AS "preferredImageIds",
      sample.non_preferred_image_ids AS "nonPreferredImageIds", sample.image_a_path AS "imageAPath",
      sample.image_b_path AS "imageBPath", sample.preferred_paths AS "preferredPaths",
      sample.non_preferred_paths AS "nonPreferredPaths", sample.label, sample.user_id AS "userId",
      sample.prefer_attributes AS "preferAttributes", sample.non_prefer_attributes AS "nonPreferAttributes"
    FROM claim_evaluation_tasks(${claim.runId}::uuid, ${claim.owner}, ${claim.leaseSeconds}::float8, 1) claimed
    JOIN benchmark_sample sample ON sample.id = claimed.claimed_sample_id::uuid`;
  return sample ?? null;
}

/** Extends every lease `owner` holds; how many tasks it holds. */
export async function renewLeases(database: Database, owner: string, leaseSeconds: number): Promise<number> {
  return database.prisma.$executeRaw`
    UPDATE evaluation_task SET lease_expires_at = now() + make_interval(secs => ${leaseSeconds}::float8)
    WHERE lease_owner = ${owner} AND status = 'claimed'`;
}

/**
 * Gives back the tasks `owner` holds (of one run, or all), claimable at once
 * by any instance; the attempt they were on does not count.
 */
export async function releaseTasks(database: Database, owner: string, runId?: string): Promise<number> {
  return database.prisma.$executeRaw`
    UPDATE evaluation_task
    SET status = 'pending', lease_owner = NULL, lease_expires_at = NULL, attempts = greatest(attempts - 1, 0)
    WHERE lease_owner = ${owner} AND status = 'claimed' ${runId ? Prisma.sql`AND run_id = ${runId}::uuid` : Prisma.empty}`;
}

/**
 * Gives back every claim, whoever holds it: for the embedded database,
 * which one process owns, so at its start every claim is a dead one's. The
 * attempt they were on counts (their samples were out at the model).
 */
export async function releaseAllClaims(database: Database): Promise<number> {
  return database.prisma.$executeRaw`
    UPDATE evaluation_task SET status = 'pending', lease_owner = NULL, lease_expires_at = NULL
    WHERE status = 'claimed'`;
}

/** A swap run's second output (the candidates exchanged), scored against the exchanged label. */
export type SwappedResult = {
  output: string;
  parsed: Prisma.InputJsonValue;
  strictCorrect: boolean;
  lenientCorrect: boolean;
  formatValid: boolean;
  cached: boolean;
  /** Where to keep it for reuse; null when outputs are not kept (or it was a kept one). */
  keepKey: string | null;
  /** Whether the two orders' answers name the same picture; null when either has none. */
  consistent: boolean | null;
};

/** A finished sample as a lane hands it over: its result, whether its output was a kept one, where to keep a new one. */
export type CompletedSample = NewEvaluationResult & {
  cached: boolean;
  keepKey: string | null;
  swapped?: SwappedResult;
};

/**
 * Stores results and marks their tasks done, in one transaction; a result
 * the run already has for a sample is kept. Outputs with a key to keep them
 * under are kept for reuse (the run's owner's, filed under the model its
 * server reported), replacing one kept before under the same key. How many
 * results were newly stored.
 */
export async function completeTasks(database: Database, runId: string, results: CompletedSample[]): Promise<number> {
  if (results.length === 0) return 0;
  const rows = results.map(({ swapped, ...result }) => ({
    ...result,
    swapOutput: swapped?.output ?? null,
    swapParsed: swapped?.parsed ?? null,
    swapStrictCorrect: swapped?.strictCorrect ?? null,
    swapLenientCorrect: swapped?.lenientCorrect ?? null,
    swapFormatValid: swapped?.formatValid ?? null,
    swapCached: swapped?.cached ?? null,
    swapConsistent: swapped?.consistent ?? null,
    swapKeepKey: swapped?.keepKey ?? null,
  }));
  // One statement, so one round trip and one transaction: a lane stores each of its results on its way to the next sample.
  const [row] = await database.prisma.$queryRaw<{ stored: number }[]>`
    WITH incoming AS (
      SELECT * FROM jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) AS r(
        "sampleId" uuid, output text, parsed jsonb, "strictCorrect" boolean, "lenientCorrect" boolean,
        "formatValid" boolean, "issueCodes" text[], "officialCorrect" boolean, milliseconds int, cached boolean,
        "keepKey" text, "swapOutput" text, "swapParsed" jsonb, "swapStrictCorrect" boolean,
        "swapLenientCorrect" boolean, "swapFormatValid" boolean, "swapCached" boolean, "swapConsistent" boolean,
        "swapKeepKey" text)
    ), stored AS (
      INSERT INTO evaluation_result (id, run_id, sample_id, output, parsed, strict_correct, lenient_correct,
        format_valid, issue_codes, official_correct, milliseconds, cached, swap_output, swap_parsed,
        swap_strict_correct, swap_lenient_correct, swap_format_valid, swap_cached, swap_consistent)
      SELECT gen_random_uuid(), ${runId}::uuid, "sampleId", output, parsed, "strictCorrect", "lenientCorrect",
        "formatValid", "issueCodes", "officialCorrect", milliseconds, cached, "swapOutput", "swapParsed",
        "swapStrictCorrect", "swapLenientCorrect", "swapFormatValid", "swapCached", "swapConsistent"
      FROM incoming
      ON CONFLICT (run_id, sample_id) DO NOTHING
      RETURNING 1
    ), marked AS (
      UPDATE evaluation_task SET status = 'done', lease_owner = NULL, lease_expires_at = NULL, error = NULL
      WHERE run_id = ${runId}::uuid AND sample_id IN (SELECT "sampleId" FROM incoming)
      RETURNING 1
    ), kept AS (
      -- Two samples of a batch may have made the same request: each key is written once.
      INSERT INTO model_response (owner_id, key, model, output)
      SELECT DISTINCT ON (outputs.key) run.owner_id, outputs.key, run.served_model, outputs.output
      FROM evaluation_run run, (
        SELECT "keepKey" AS key, output FROM incoming WHERE "keepKey" IS NOT NULL
        UNION ALL
        SELECT "swapKeepKey", "swapOutput" FROM incoming WHERE "swapKeepKey" IS NOT NULL
      ) outputs
      WHERE run.id = ${runId}::uuid AND run.served_model IS NOT NULL
      ON CONFLICT (owner_id, key) DO UPDATE SET output = EXCLUDED.output, model = EXCLUDED.model, created_at = now()
      RETURNING 1
    )
    SELECT (SELECT count(*) FROM stored)::int AS stored`;
  return row!.stored;
}

/**
 * Records a failed attempt: the task waits `backoff * 2^(attempts-1)` and is
 * claimable again, or, past `maxAttempts`, is failed with its error. Whether
 * it failed for good.
 */
export async function failTaskAttempt(
  database: Database,
  task: { runId: string; sampleId: string },
  error: { code: string; message: string },
  retry: { maxAttempts: number; backoffSeconds: number },
): Promise<boolean> {
  const rows = await database.prisma.$queryRaw<{ status: string }[]>`
    UPDATE evaluation_task
    SET status = CASE WHEN attempts >= ${retry.maxAttempts} THEN 'failed' ELSE 'pending' END::"EvaluationTaskStatus",
      available_at = now() + make_interval(secs => ${retry.backoffSeconds}::float8 * power(2, greatest(attempts - 1, 0))),
      lease_owner = NULL, lease_expires_at = NULL, error = ${JSON.stringify(error)}::jsonb
    WHERE run_id = ${task.runId}::uuid AND sample_id = ${task.sampleId}::uuid AND status = 'claimed'
    RETURNING status::text`;
  return rows[0]?.status === "failed";
}

/** Whether some of a run's samples wait to be claimed (now or after a retry's wait), rather than all being held or ended. */
export async function hasPendingTasks(database: Database, runId: string): Promise<boolean> {
  const rows = await database.prisma.$queryRaw<unknown[]>`
    SELECT 1 FROM evaluation_task
    WHERE run_id = ${runId}::uuid AND (status = 'pending' OR (status = 'claimed' AND lease_expires_at <= now()))
    LIMIT 1`;
  return rows.length > 0;
}

/** How many of a run's tasks are in each state. */
export async function countRunTasks(database: Database, runId: string): Promise<TaskCounts> {
  const rows = await database.prisma.$queryRaw<{ status: keyof TaskCounts; count: number }[]>`
    SELECT status::text AS status, count(*)::int AS count FROM evaluation_task WHERE run_id = ${runId}::uuid GROUP BY status`;
  const counts: TaskCounts = { pending: 0, claimed: 0, done: 0, failed: 0 };
  for (const row of rows) counts[row.status] = row.count;
  return counts;
}

/** Running runs that have a task some lane could claim now (pending and due, or its lease run out), oldest first. */
export async function findRunsWithClaimableTasks(database: Database): Promise<string[]> {
  const rows = await database.prisma.$queryRaw<{ id: string }[]>`
    SELECT run.id::text AS id FROM evaluation_run run
    WHERE run.status = 'running' AND EXISTS (
      SELECT 1 FROM evaluation_task task
      WHERE task.run_id = run.id AND task.available_at <= now()
        AND (task.status = 'pending' OR (task.status = 'claimed' AND task.lease_expires_at <= now()))
    )
    ORDER BY run.created_at`;
  return rows.map((row) => row.id);
}

/**
 * Ends a running run whose tasks are all done or failed: `completed`, or
 * `failed` when more than `failureShare` of its samples failed. One
 * guarded statement, so of several instances finding it finished, one ends
 * it. The status it ended with, or null when it was not finished (or not
 * running).
 */
export async function finishRunIfDone(
  database: Database,
  runId: string,
  failureShare: number,
): Promise<"completed" | "failed" | null> {
  const rows = await database.prisma.$queryRaw<{ status: "completed" | "failed" }[]>`
    WITH counts AS (
      SELECT count(*) FILTER (WHERE status IN ('pending', 'claimed'))::int AS open,
        count(*) FILTER (WHERE status = 'failed')::int AS failed,
        count(*)::int AS total
      FROM evaluation_task WHERE run_id = ${runId}::uuid
    ), samples AS (
      SELECT count(*)::int AS total FROM benchmark_sample
      WHERE subset_id = (SELECT subset_id FROM evaluation_run WHERE id = ${runId}::uuid)
    )
    UPDATE evaluation_run run
    SET status = CASE WHEN counts.failed > ${failureShare}::float8 * samples.total THEN 'failed' ELSE 'completed' END::"EvaluationRunStatus",
      finished_at = now(),
      error = CASE WHEN counts.failed > ${failureShare}::float8 * samples.total
        THEN jsonb_build_object('code', 'samples_failed', 'message',
          counts.failed || ' of ' || samples.total || ' samples failed after every retry; the last error: ' ||
          coalesce((SELECT error->>'message' FROM evaluation_task WHERE run_id = ${runId}::uuid AND status = 'failed'
            ORDER BY official_order DESC LIMIT 1), 'unknown'))
        ELSE NULL END
    FROM counts, samples
    WHERE run.id = ${runId}::uuid AND run.status = 'running' AND counts.open = 0
    RETURNING run.status::text AS status`;
  return rows[0]?.status ?? null;
}

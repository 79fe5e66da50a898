-- Claims walk the (run_id, status, official_order) index and stop after the room they have:
-- a single scan with `status = 'pending' OR (expired claim)` sorted every pending task of the
-- run on each claim, so claiming slowed down with the size of the run.
CREATE OR REPLACE FUNCTION claim_evaluation_tasks(p_run_id UUID, p_owner TEXT, p_lease_seconds FLOAT8, p_limit INT)
RETURNS TABLE (claimed_sample_id TEXT, claimed_attempts INT) LANGUAGE plpgsql AS $$
DECLARE
  run_concurrency INT;
  live INT;
  room INT;
BEGIN
  SELECT concurrency INTO run_concurrency FROM evaluation_run WHERE id = p_run_id AND status = 'running';
  IF NOT FOUND THEN
    RETURN;
  END IF;
  SELECT count(*) INTO live FROM evaluation_task
    WHERE run_id = p_run_id AND status = 'claimed' AND lease_expires_at > now();
  IF live >= run_concurrency THEN
    RETURN;
  END IF;
  PERFORM 1 FROM evaluation_run WHERE id = p_run_id AND status = 'running' FOR UPDATE;
  IF NOT FOUND THEN
    RETURN;
  END IF;
  SELECT count(*) INTO live FROM evaluation_task
    WHERE run_id = p_run_id AND status = 'claimed' AND lease_expires_at > now();
  room := least(p_limit, run_concurrency - live);
  IF room <= 0 THEN
    RETURN;
  END IF;
  RETURN QUERY
    WITH candidates AS (
      -- The first claimable tasks of each kind, in the official order, each read along the index.
      (SELECT t.sample_id, t.official_order FROM evaluation_task t
        WHERE t.run_id = p_run_id AND t.status = 'claimed' AND t.lease_expires_at <= now() AND t.available_at <= now()
        ORDER BY t.official_order LIMIT room)
      UNION ALL
      (SELECT t.sample_id, t.official_order FROM evaluation_task t
        WHERE t.run_id = p_run_id AND t.status = 'pending' AND t.available_at <= now()
        ORDER BY t.official_order LIMIT room + 16)
    ),
    picked AS (
      SELECT t.run_id, t.sample_id FROM evaluation_task t
      JOIN candidates c ON t.run_id = p_run_id AND t.sample_id = c.sample_id
      -- Checked again once locked: another instance may have claimed one meanwhile.
      WHERE t.available_at <= now()
        AND (t.status = 'pending' OR (t.status = 'claimed' AND t.lease_expires_at <= now()))
      ORDER BY c.official_order
      LIMIT room
      FOR UPDATE OF t SKIP LOCKED
    )
    UPDATE evaluation_task task
    SET status = 'claimed', lease_owner = p_owner,
      lease_expires_at = now() + make_interval(secs => p_lease_seconds), attempts = task.attempts + 1
    FROM picked
    WHERE task.run_id = picked.run_id AND task.sample_id = picked.sample_id
    RETURNING task.sample_id::text, task.attempts;
END $$;

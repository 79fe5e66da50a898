-- AlterTable
ALTER TABLE "assessment" ADD COLUMN     "cancel_requested_at" TIMESTAMPTZ(3),
ADD COLUMN     "lease_until" TIMESTAMPTZ(3);

-- CreateTable
CREATE TABLE "assessment_event_batch" (
    "assessment_id" UUID NOT NULL,
    "first_id" INTEGER NOT NULL,
    "last_id" INTEGER NOT NULL,
    "events" JSONB NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "assessment_event_batch_pkey" PRIMARY KEY ("assessment_id","first_id")
);

-- CreateTable
CREATE TABLE "admission_ticket" (
    "id" UUID NOT NULL,
    "endpoint" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "user_id" UUID,
    "instance_id" TEXT NOT NULL,
    "seq" BIGSERIAL NOT NULL,
    "granted_at" TIMESTAMPTZ(3),
    "lease_until" TIMESTAMPTZ(3) NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "admission_ticket_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "admission_ticket_endpoint_seq_idx" ON "admission_ticket"("endpoint", "seq");

-- CreateIndex
CREATE INDEX "admission_ticket_instance_id_idx" ON "admission_ticket"("instance_id");

-- AddForeignKey
ALTER TABLE "assessment_event_batch" ADD CONSTRAINT "assessment_event_batch_assessment_id_fkey" FOREIGN KEY ("assessment_id") REFERENCES "assessment"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- An endpoint's line, one round trip per change (lib/db/admission-tickets.ts): each function takes the
-- endpoint's advisory lock (namespace 'PTAD'), drops places whose lease ran out, makes its change, then
-- hands out free slots as lib/inference/capacity-policy.ts decides: waiting people first, oldest first,
-- while a slot is free; then waiting evaluation lanes, while a slot is free and the lanes hold less than
-- their share. Each statement of a function sees what committed before it, so the counts taken under
-- the lock are current.
CREATE FUNCTION admission_grant(p_endpoint TEXT, p_max_in_flight INT, p_evaluation_slots INT)
RETURNS TEXT[] LANGUAGE plpgsql AS $$
DECLARE
  in_flight INT;
  evaluation_in_flight INT;
  waiting_people INT;
  waiting_lanes INT;
  people INT;
  lanes INT;
  granted TEXT[];
BEGIN
  SELECT count(*) FILTER (WHERE granted_at IS NOT NULL),
         count(*) FILTER (WHERE granted_at IS NOT NULL AND kind = 'evaluation'),
         count(*) FILTER (WHERE granted_at IS NULL AND kind = 'interactive'),
         count(*) FILTER (WHERE granted_at IS NULL AND kind = 'evaluation')
    INTO in_flight, evaluation_in_flight, waiting_people, waiting_lanes
    FROM admission_ticket WHERE endpoint = p_endpoint;
  people := greatest(0, least(p_max_in_flight - in_flight, waiting_people));
  lanes := greatest(0, least(p_max_in_flight - in_flight - people, p_evaluation_slots - evaluation_in_flight, waiting_lanes));
  IF people + lanes = 0 THEN
    RETURN '{}';
  END IF;
  WITH picked AS (
    (SELECT id FROM admission_ticket
      WHERE endpoint = p_endpoint AND kind = 'interactive' AND granted_at IS NULL ORDER BY seq LIMIT people)
    UNION ALL
    (SELECT id FROM admission_ticket
      WHERE endpoint = p_endpoint AND kind = 'evaluation' AND granted_at IS NULL ORDER BY seq LIMIT lanes)
  ), marked AS (
    UPDATE admission_ticket SET granted_at = now() WHERE id IN (SELECT id FROM picked) RETURNING id::text AS id
  )
  SELECT coalesce(array_agg(id), '{}') INTO granted FROM marked;
  -- Delivered at commit. A payload has room for about 200 ids; past 100, the waiters look for themselves.
  PERFORM pg_notify('admission_grants', json_build_object(
    'endpoint', p_endpoint,
    'granted', CASE WHEN cardinality(granted) <= 100 THEN to_json(granted) ELSE '[]'::json END
  )::text);
  RETURN granted;
END $$;

-- Joins the line: 'granted' or 'waiting'; a person past their own limit gets 'per_user:<held>', and one
-- arriving when every slot is taken and the line of people is full gets 'queue_full'. A lane is never refused.
CREATE FUNCTION admission_join(
  p_id UUID, p_endpoint TEXT, p_kind TEXT, p_user_id UUID, p_instance TEXT, p_lease_seconds FLOAT8,
  p_max_in_flight INT, p_evaluation_slots INT, p_max_queued INT, p_max_per_user INT
) RETURNS TEXT LANGUAGE plpgsql AS $$
DECLARE
  held INT;
  in_flight INT;
  waiting_people INT;
BEGIN
  PERFORM pg_advisory_xact_lock(1347699012, hashtext(p_endpoint));
  DELETE FROM admission_ticket WHERE endpoint = p_endpoint AND lease_until < now();
  IF p_kind = 'interactive' AND p_user_id IS NOT NULL THEN
    SELECT count(*) INTO held FROM admission_ticket WHERE endpoint = p_endpoint AND user_id = p_user_id;
    IF held >= p_max_per_user THEN
      RETURN 'per_user:' || held;
    END IF;
    SELECT count(*) FILTER (WHERE granted_at IS NOT NULL),
           count(*) FILTER (WHERE granted_at IS NULL AND kind = 'interactive')
      INTO in_flight, waiting_people
      FROM admission_ticket WHERE endpoint = p_endpoint;
    IF in_flight >= p_max_in_flight AND waiting_people >= p_max_queued THEN
      RETURN 'queue_full';
    END IF;
  END IF;
  INSERT INTO admission_ticket (id, endpoint, kind, user_id, instance_id, lease_until)
  VALUES (p_id, p_endpoint, p_kind, p_user_id, p_instance, now() + make_interval(secs => p_lease_seconds));
  IF p_id::text = ANY(admission_grant(p_endpoint, p_max_in_flight, p_evaluation_slots)) THEN
    RETURN 'granted';
  END IF;
  RETURN 'waiting';
END $$;

-- Leaves the line or gives a slot back (p_id), or only tidies (NULL), and hands the free slots on.
CREATE FUNCTION admission_leave(p_id UUID, p_endpoint TEXT, p_max_in_flight INT, p_evaluation_slots INT)
RETURNS VOID LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_advisory_xact_lock(1347699012, hashtext(p_endpoint));
  IF p_id IS NOT NULL THEN
    DELETE FROM admission_ticket WHERE id = p_id;
  END IF;
  DELETE FROM admission_ticket WHERE endpoint = p_endpoint AND lease_until < now();
  PERFORM admission_grant(p_endpoint, p_max_in_flight, p_evaluation_slots);
END $$;

-- Renews the places an instance holds or waits for at an endpoint, under the endpoint's lock like every
-- other change to its line (so a renewal and a grant never wait on each other's rows); how many it renewed.
CREATE FUNCTION admission_renew(p_endpoint TEXT, p_ids UUID[], p_lease_seconds FLOAT8)
RETURNS INT LANGUAGE plpgsql AS $$
DECLARE
  renewed INT;
BEGIN
  PERFORM pg_advisory_xact_lock(1347699012, hashtext(p_endpoint));
  UPDATE admission_ticket SET lease_until = now() + make_interval(secs => p_lease_seconds)
    WHERE id = ANY(p_ids) AND endpoint = p_endpoint;
  GET DIAGNOSTICS renewed = ROW_COUNT;
  RETURN renewed;
END $$;

-- Claims up to p_limit of a run's claimable tasks for p_owner in the official order, in one round trip
-- (lib/db/evaluation-tasks.ts): none when the run is not running or its lanes on every instance already
-- hold `concurrency` live leases. A look without the lock first, since lanes that find the run full
-- (most of them, with several instances) need none; then the run's row is the lock under which the
-- count and the claim are one step.
CREATE FUNCTION claim_evaluation_tasks(p_run_id UUID, p_owner TEXT, p_lease_seconds FLOAT8, p_limit INT)
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
    WITH picked AS (
      SELECT t.run_id, t.sample_id FROM evaluation_task t
      WHERE t.run_id = p_run_id AND t.available_at <= now()
        AND (t.status = 'pending' OR (t.status = 'claimed' AND t.lease_expires_at <= now()))
      ORDER BY t.official_order
      LIMIT room
      FOR UPDATE SKIP LOCKED
    )
    UPDATE evaluation_task task
    SET status = 'claimed', lease_owner = p_owner,
      lease_expires_at = now() + make_interval(secs => p_lease_seconds), attempts = task.attempts + 1
    FROM picked
    WHERE task.run_id = picked.run_id AND task.sample_id = picked.sample_id
    RETURNING task.sample_id::text, task.attempts;
END $$;

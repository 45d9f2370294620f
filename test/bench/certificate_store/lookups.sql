-- Timed look-ups, one backend, server-side timing.  Each look-up is a
-- transaction of its own, as an application's request would be: log in with
-- the token, look the holder up, commit.  clock_timestamp() is read around
-- the login and around the look-up, inside the server, so the figures carry
-- no client round trip; the commit is not timed.
--
-- psql variable: lookups (how many of the sample holders to look up).

\set ON_ERROR_STOP 1
SET search_path = public, yiwang;

CREATE TABLE bench.cs_latency (
  scenario text NOT NULL,
  ord integer NOT NULL,
  login_us double precision,
  call_us double precision NOT NULL,
  rows_returned integer NOT NULL
);

-- Per-table block counters before and after each pass, to show that every
-- pass read its data under the same cache conditions.
CREATE TABLE bench.cs_io (
  seq bigint GENERATED ALWAYS AS IDENTITY,
  scenario text NOT NULL,
  at text NOT NULL,
  heap_read bigint, heap_hit bigint, index_read bigint, index_hit bigint
);

-- The types the education bureau's grants cover.
CREATE TABLE bench.cs_grant_type AS
SELECT g.type_code FROM yiwang.sharing_grants g WHERE g.department_id = 'edu' AND g.purpose = 'school_enrollment';

-- The roles the look-ups run as read the sample and write the timings.
GRANT USAGE ON SCHEMA bench TO yiwang_department, yiwang_citizen, yiwang_api;
GRANT SELECT ON bench.cs_sample, bench.cs_staff_token, bench.cs_grant_type
  TO yiwang_department, yiwang_citizen, yiwang_api;
GRANT INSERT ON bench.cs_latency TO yiwang_department, yiwang_citizen, yiwang_api;

-- The certificates_of calls, as the education bureau's clerk (actor
-- 'department') or as the holder (actor 'citizen').
CREATE PROCEDURE bench.cs_lookups(scenario text, actor text, how_many integer, skip integer DEFAULT 0)
LANGUAGE plpgsql AS $$
DECLARE
  s record;
  staff_token text := (SELECT token FROM bench.cs_staff_token WHERE department_id = 'edu');
  t0 timestamptz;
  t1 timestamptz;
  t2 timestamptz;
  returned integer;
BEGIN
  FOR s IN SELECT * FROM bench.cs_sample WHERE ord > skip AND ord <= skip + how_many ORDER BY ord LOOP
    t0 := clock_timestamp();
    IF actor = 'department' THEN
      PERFORM yiwang.login(staff_token);
      t1 := clock_timestamp();
      SELECT count(*) INTO returned FROM yiwang.certificates_of(s.holder, 'school_enrollment');
    ELSE
      PERFORM yiwang.login(s.token);
      t1 := clock_timestamp();
      SELECT count(*) INTO returned FROM yiwang.certificates_of(s.holder);
    END IF;
    t2 := clock_timestamp();
    INSERT INTO bench.cs_latency VALUES (scenario, s.ord, extract(epoch FROM t1 - t0) * 1e6,
                                         extract(epoch FROM t2 - t1) * 1e6, returned);
    COMMIT;
  END LOOP;
END $$;

-- The baselines: the same selection as plain SQL, no login, no access
-- checks, no log, as a superuser (row-level security does not apply).  The
-- whole row is counted, so every column certificates_of returns is built.
CREATE PROCEDURE bench.cs_selects(scenario text, visible_to text, how_many integer)
LANGUAGE plpgsql AS $$
DECLARE
  s record;
  t1 timestamptz;
  t2 timestamptz;
  returned integer;
  granted text[] := ARRAY(SELECT type_code FROM bench.cs_grant_type);
BEGIN
  FOR s IN SELECT * FROM bench.cs_sample WHERE ord <= how_many ORDER BY ord LOOP
    t1 := clock_timestamp();
    SELECT count(v) INTO returned FROM (
      SELECT c.certid, c.type_code, (SELECT t.name FROM yiwang.certificate_types t WHERE t.type_code = c.type_code),
             c.issuing_department, c.number, c.issued_on, c.valid_from, c.valid_until, c.data, c.version,
             c.trust_grade, c.key_id, c.signature
        FROM yiwang.certificates c
       WHERE c.holder_idcard OPERATOR(yiwang.=) s.holder
         AND c.status = 'valid' AND c.valid_from <= current_date
         AND (c.valid_until IS NULL OR c.valid_until >= current_date)
         -- what the education bureau may see: what it issued, and the types of its grants
         AND (visible_to = 'citizen' OR c.issuing_department = 'edu' OR c.type_code = ANY (granted))
       ORDER BY c.type_code, c.certid) v;
    t2 := clock_timestamp();
    INSERT INTO bench.cs_latency VALUES (scenario, s.ord, NULL, extract(epoch FROM t2 - t1) * 1e6, returned);
    COMMIT;
  END LOOP;
END $$;

-- Where the time of a department's look-up goes, piece by piece, each
-- timed alone as yiwang_api (the role yiwang's functions run as, under
-- row-level security) after the department's login:
--   'rls select'    the plain SELECT above, filtered by the row-level
--                   security policy on certificates instead of in SQL;
--   'log append'    one access-log entry, 5 per transaction;
--   'grant use'     counting one use of a sharing grant.
CREATE PROCEDURE bench.cs_parts(how_many integer)
LANGUAGE plpgsql AS $$
DECLARE
  s record;
  staff_token text := (SELECT token FROM bench.cs_staff_token WHERE department_id = 'edu');
  granted text := (SELECT min(type_code) FROM bench.cs_grant_type);
  t1 timestamptz;
  t2 timestamptz;
  returned integer;
BEGIN
  FOR s IN SELECT * FROM bench.cs_sample WHERE ord <= how_many ORDER BY ord LOOP
    PERFORM yiwang.login(staff_token);
    t1 := clock_timestamp();
    SELECT count(v) INTO returned FROM (
      SELECT c.certid, c.type_code, (SELECT t.name FROM yiwang.certificate_types t WHERE t.type_code = c.type_code),
             c.issuing_department, c.number, c.issued_on, c.valid_from, c.valid_until, c.data, c.version,
             c.trust_grade, c.key_id, c.signature
        FROM yiwang.certificates c
       WHERE c.holder_idcard OPERATOR(yiwang.=) s.holder
         AND c.status = 'valid' AND c.valid_from <= current_date
         AND (c.valid_until IS NULL OR c.valid_until >= current_date)
       ORDER BY c.type_code, c.certid) v;
    t2 := clock_timestamp();
    INSERT INTO bench.cs_latency VALUES ('rls select', s.ord, NULL, extract(epoch FROM t2 - t1) * 1e6, returned);
    IF s.ord % 5 = 0 THEN
      FOR i IN 1 .. 5 LOOP
        t1 := clock_timestamp();
        PERFORM yiwang.access_log_append('read', 'certificate', 'benchmark entry ' || i, s.holder, NULL,
                                         'school_enrollment');
        t2 := clock_timestamp();
        INSERT INTO bench.cs_latency VALUES ('log append', s.ord * 10 + i, NULL, extract(epoch FROM t2 - t1) * 1e6, 1);
      END LOOP;
      t1 := clock_timestamp();
      PERFORM yiwang.use_grants(ARRAY[granted], NULL, 'school_enrollment');
      t2 := clock_timestamp();
      INSERT INTO bench.cs_latency VALUES ('grant use', s.ord, NULL, extract(epoch FROM t2 - t1) * 1e6, 1);
    END IF;
    COMMIT;
  END LOOP;
END $$;

CREATE PROCEDURE bench.cs_io_mark(scenario text, at text)
LANGUAGE sql AS $$
  INSERT INTO bench.cs_io (scenario, at, heap_read, heap_hit, index_read, index_hit)
  SELECT scenario, at, sum(heap_blks_read), sum(heap_blks_hit), sum(idx_blks_read), sum(idx_blks_hit)
    FROM pg_statio_user_tables WHERE relid = 'yiwang.certificates'::regclass;
$$;

-- pgbench: one row per transaction (its time in microseconds, or "failed"),
-- one per run.
CREATE TABLE bench.cs_pgbench_tx (scenario text, clients integer, latency text);
CREATE TABLE bench.cs_pgbench_run (scenario text, clients integer, seconds integer, tps double precision,
                                   deadlocks bigint);
CREATE TABLE bench.cs_pgbench_statement (scenario text, clients integer, statement text, ms double precision);

-- What the pgbench sessions are doing, sampled every 20 ms while a run
-- lasts: running, waiting for a lock another session holds, or waiting for
-- their client (between the statements of a transaction, or between
-- transactions).
CREATE TABLE bench.cs_wait (scenario text, clients integer, state text);
CREATE PROCEDURE bench.cs_watch(scenario text, clients integer, seconds double precision)
LANGUAGE plpgsql AS $$
DECLARE
  stop_at timestamptz := clock_timestamp() + seconds * interval '1 second';
BEGIN
  WHILE clock_timestamp() < stop_at LOOP
    PERFORM pg_stat_clear_snapshot();
    INSERT INTO bench.cs_wait
    SELECT scenario, clients,
           CASE WHEN a.wait_event_type = 'Lock' THEN 'waiting for a lock'
                WHEN a.state = 'idle in transaction' THEN 'in a transaction, waiting for the client'
                WHEN a.state = 'idle' THEN 'between transactions'
                WHEN a.state = 'active' AND a.wait_event IS NULL THEN 'running'
                ELSE 'other: ' || coalesce(a.wait_event_type || ' ' || a.wait_event, a.state) END
      FROM pg_stat_activity a
     WHERE a.application_name = 'pgbench' AND a.backend_type = 'client backend';
    PERFORM pg_sleep(0.02);
  END LOOP;
END $$;

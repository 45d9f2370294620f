-- What the pgbench runs record, and the sampler of what their sessions do.

\set ON_ERROR_STOP 1

-- One row per pgbench run.
CREATE TABLE bench.wb_run (
  label text, clients integer, seconds integer, first_id bigint, stride bigint,
  tps double precision, processed bigint, failed bigint, aborted_clients integer, options text,
  -- WAL written during the run (the watcher's samples included)
  wal_bytes numeric,
  PRIMARY KEY (label, clients)
);
-- Per transaction, from pgbench's log: the client and the latency in µs
-- (NULL when the transaction failed).
CREATE TABLE bench.wb_tx (label text, clients integer, client_id integer, us bigint);
-- Mean latency per statement of the script as the client saw it (pgbench -r).
CREATE TABLE bench.wb_statement (label text, clients integer, statement text, ms double precision);
-- Per function, before and after a run with track_functions = 'all'.
CREATE TABLE bench.wb_function (at text, function text, calls bigint, total_time double precision, self_time double precision);
-- Samples of what the pgbench sessions were doing.
CREATE TABLE bench.wb_wait (label text, clients integer, what text);

CREATE PROCEDURE bench.wb_watch(label text, clients integer, seconds double precision)
LANGUAGE plpgsql AS $$
DECLARE
  stop_at timestamptz := clock_timestamp() + seconds * interval '1 second';
BEGIN
  WHILE clock_timestamp() < stop_at LOOP
    PERFORM pg_stat_clear_snapshot();
    INSERT INTO bench.wb_wait
    SELECT label, clients,
           CASE WHEN a.state = 'idle in transaction' THEN 'in a transaction, waiting for the client'
                WHEN a.state = 'idle' THEN 'between transactions'
                WHEN a.state = 'active' AND a.wait_event IS NULL THEN 'running'
                -- LockSharedObject(DatabaseRelationId, 0, 0): the lock that orders the NOTIFY queue
                WHEN a.wait_event_type = 'Lock' AND a.wait_event = 'object' THEN 'waiting for the NOTIFY queue lock'
                WHEN a.wait_event_type = 'Lock' THEN 'waiting for a lock: ' || a.wait_event
                WHEN a.wait_event_type = 'IO' AND a.wait_event IN ('WALSync', 'WALWrite') THEN 'writing or flushing WAL'
                WHEN a.wait_event_type = 'LWLock' AND a.wait_event = 'WALWrite' THEN 'waiting for another WAL flush'
                ELSE 'other: ' || coalesce(a.wait_event_type || ' ' || a.wait_event, a.state) END
      FROM pg_stat_activity a
     WHERE a.application_name = 'pgbench' AND a.backend_type = 'client backend';
    PERFORM pg_sleep(0.01);
  END LOOP;
END $$;

-- The timed passes over the sample holders, in one backend.  psql
-- variable: lookups.

\set ON_ERROR_STOP 1

-- Warm-up, untimed: the plain SELECT over every sample holder brings their
-- pages into memory as on a store in use (the store is larger than
-- shared_buffers, so some of them are read again from the operating
-- system's cache in every pass), and 200 look-ups of each kind fill the
-- caches of the functions and the key.
CALL bench.cs_selects('warm-up', 'citizen', :lookups);
SET ROLE yiwang_department;
CALL bench.cs_lookups('warm-up', 'department', 200);
RESET ROLE;
SET ROLE yiwang_citizen;
CALL bench.cs_lookups('warm-up', 'citizen', 200);
RESET ROLE;
DELETE FROM bench.cs_latency WHERE scenario = 'warm-up';

SELECT pg_stat_force_next_flush();
CALL bench.cs_io_mark('plain SQL, all', 'before');
CALL bench.cs_selects('plain SQL, all', 'citizen', :lookups);
SELECT pg_stat_force_next_flush();
CALL bench.cs_io_mark('plain SQL, all', 'after');

SET ROLE yiwang_department;
CALL bench.cs_lookups('department', 'department', :lookups);
RESET ROLE;
SELECT pg_stat_force_next_flush();
CALL bench.cs_io_mark('department', 'after');

SET ROLE yiwang_citizen;
CALL bench.cs_lookups('citizen', 'citizen', :lookups);
RESET ROLE;
SELECT pg_stat_force_next_flush();
CALL bench.cs_io_mark('citizen', 'after');

CALL bench.cs_selects('plain SQL, department', 'department', :lookups);
SELECT pg_stat_force_next_flush();
CALL bench.cs_io_mark('plain SQL, department', 'after');

-- The parts of a department's look-up, as yiwang_api.
SET ROLE yiwang_api;
CALL bench.cs_parts(:lookups);
RESET ROLE;

-- Where the time goes, function by function: a pass of 1,000 look-ups of
-- each kind with track_functions = 'all', which counts the calls of every
-- function and times each (the timing adds its own overhead, so these
-- passes are reported apart from the timed ones above).
SELECT pg_stat_force_next_flush();
CREATE TABLE bench.cs_function_stats AS
SELECT 'before'::text AS at, p.oid::regprocedure::text AS function, s.calls, s.total_time, s.self_time
  FROM pg_stat_user_functions s JOIN pg_proc p ON p.oid = s.funcid;
SET track_functions = 'all';
SET ROLE yiwang_department;
CALL bench.cs_lookups('department, instrumented', 'department', least(:lookups, 1000));
RESET ROLE;
SELECT pg_stat_force_next_flush();
INSERT INTO bench.cs_function_stats
SELECT 'department', p.oid::regprocedure::text, s.calls, s.total_time, s.self_time
  FROM pg_stat_user_functions s JOIN pg_proc p ON p.oid = s.funcid;
SET ROLE yiwang_citizen;
CALL bench.cs_lookups('citizen, instrumented', 'citizen', least(:lookups, 1000));
RESET ROLE;
SELECT pg_stat_force_next_flush();
INSERT INTO bench.cs_function_stats
SELECT 'citizen', p.oid::regprocedure::text, s.calls, s.total_time, s.self_time
  FROM pg_stat_user_functions s JOIN pg_proc p ON p.oid = s.funcid;
RESET track_functions;

-- The plans: the certificates query of a look-up, for the sample holder
-- with the most certificates, as plain SQL and as yiwang_api under the
-- row-level security policy (after the department's login).
SELECT holder AS busiest FROM bench.cs_sample s
 ORDER BY (SELECT count(*) FROM yiwang.certificates c WHERE c.holder_idcard OPERATOR(yiwang.=) s.holder) DESC, ord
 LIMIT 1 \gset
CREATE TABLE bench.cs_plan_text (label text, plan text);
GRANT INSERT ON bench.cs_plan_text TO yiwang_api;
CREATE FUNCTION bench.cs_explain(label text, holder yiwang.idcard) RETURNS void
LANGUAGE plpgsql AS $$
DECLARE
  line text;
  plan text := '';
BEGIN
  FOR line IN EXECUTE format($q$
    EXPLAIN (ANALYZE, BUFFERS, COSTS OFF, TIMING OFF, SUMMARY OFF)
    SELECT c.* FROM yiwang.certificates c
     WHERE c.holder_idcard OPERATOR(yiwang.=) %L::yiwang.idcard
       AND c.status = 'valid' AND c.valid_from <= current_date
       AND (c.valid_until IS NULL OR c.valid_until >= current_date)
     ORDER BY c.type_code, c.certid$q$, holder::text)
  LOOP
    plan := plan || line || E'\n';
  END LOOP;
  INSERT INTO bench.cs_plan_text VALUES (label, plan);
END $$;
SELECT bench.cs_explain('plain SQL', :'busiest');
SET ROLE yiwang_api;
BEGIN;
SELECT count(*) FROM yiwang.login((SELECT token FROM bench.cs_staff_token WHERE department_id = 'edu'));
SELECT bench.cs_explain('yiwang_api, department logged in', :'busiest');
COMMIT;
RESET ROLE;

-- Shared by every benchmark section: the extension, the settings that make
-- two sides of a comparison run the same kind of plan, and server-side timing.

CREATE EXTENSION IF NOT EXISTS yiwang CASCADE;

-- One process per query: parallel workers would make the timings depend on
-- how many workers happen to start, and on two cores they compete with the
-- leader.  JIT compilation adds tens of milliseconds per query, the same
-- order as some of the differences measured, and would be paid by one side
-- and not the other depending on plan cost.
SELECT format('ALTER DATABASE %I SET max_parallel_workers_per_gather = 0', current_database()) \gexec
SELECT format('ALTER DATABASE %I SET jit = off', current_database()) \gexec

CREATE SCHEMA bench;

-- GB 11643 (ISO 7064 MOD 11-2) check character of a 17-digit body, for the
-- sections that generate identity numbers: "10X98765432"[S mod 11], the
-- weighted sum unrolled into one expression so that the planner inlines it.
DO $$
BEGIN
  EXECUTE format($f$
    CREATE FUNCTION bench.idcard_check(body text) RETURNS text
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    RETURN substr('10X98765432', 1 + (%s) %% 11, 1)$f$,
    (SELECT string_agg(format('%s * substr(body, %s, 1)::integer', w, i), ' + ' ORDER BY i)
       FROM unnest('{7,9,10,5,8,4,2,1,6,3,7,9,10,5,8,4,2}'::integer[]) WITH ORDINALITY AS u(w, i)));
END $$;

CREATE TABLE bench.timing (
  section text NOT NULL,
  label   text NOT NULL,
  run     integer NOT NULL,
  ms      double precision NOT NULL,
  result  bigint
);

-- Runs each query once untimed (page cache, catalog caches, the shared
-- library), then `runs` timed rounds.  Each round runs every query once,
-- in turn, so that a slow spell of the machine falls on all of them rather
-- than on whichever query was measured at that moment; each round starts
-- one query further on, so that no query always follows the same one (the
-- first query after a long one tends to run slow).  The time is taken
-- around EXECUTE inside the server: no client, no network, no result
-- transfer.  Each query returns one number, which must equal `expected`
-- when given, so that a timing is never reported for a query that did
-- less work than claimed.
CREATE PROCEDURE bench.measure(section text, labels text[], queries text[],
                               expected bigint DEFAULT NULL, runs integer DEFAULT 5)
LANGUAGE plpgsql AS $$
DECLARE
  started timestamptz;
  elapsed double precision;
  answer  bigint;
  i       integer;
BEGIN
  IF cardinality(labels) <> cardinality(queries) THEN
    RAISE EXCEPTION 'bench.measure: % labels for % queries', cardinality(labels), cardinality(queries);
  END IF;
  FOR i IN 1 .. cardinality(queries) LOOP
    EXECUTE queries[i] INTO answer;
    IF expected IS NOT NULL AND answer IS DISTINCT FROM expected THEN
      RAISE EXCEPTION 'bench.measure: % returned %, expected %', labels[i], answer, expected;
    END IF;
  END LOOP;
  FOR round IN 1 .. runs LOOP
    FOR step IN 0 .. cardinality(queries) - 1 LOOP
      i := 1 + (round - 1 + step) % cardinality(queries);
      started := clock_timestamp();
      EXECUTE queries[i] INTO answer;
      elapsed := extract(epoch FROM clock_timestamp() - started) * 1000;
      INSERT INTO bench.timing VALUES (section, labels[i], round, elapsed, answer);
    END LOOP;
  END LOOP;
END $$;

CREATE FUNCTION bench.median_ms(section text, label text) RETURNS double precision
LANGUAGE sql STABLE
RETURN (SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY t.ms)
          FROM bench.timing t WHERE t.section = median_ms.section AND t.label = median_ms.label);

CREATE FUNCTION bench.min_ms(section text, label text) RETURNS double precision
LANGUAGE sql STABLE
RETURN (SELECT min(t.ms) FROM bench.timing t
         WHERE t.section = min_ms.section AND t.label = min_ms.label);

CREATE FUNCTION bench.max_ms(section text, label text) RETURNS double precision
LANGUAGE sql STABLE
RETURN (SELECT max(t.ms) FROM bench.timing t
         WHERE t.section = max_ms.section AND t.label = max_ms.label);

CREATE FUNCTION bench.runs(section text, label text) RETURNS bigint
LANGUAGE sql STABLE
RETURN (SELECT count(*) FROM bench.timing t
         WHERE t.section = runs.section AND t.label = runs.label);

-- Figures for the markdown tables; literal separators, whatever lc_numeric says.
CREATE FUNCTION bench.fmt(value double precision, decimals integer DEFAULT 1) RETURNS text
LANGUAGE sql IMMUTABLE
RETURN CASE WHEN value IS NULL THEN '–'
            ELSE to_char(round(value::numeric, decimals),
                         'FM999,999,999,990' || CASE WHEN decimals > 0 THEN '.' || repeat('0', decimals) ELSE '' END)
       END;

CREATE FUNCTION bench.mib(bytes bigint) RETURNS text
LANGUAGE sql IMMUTABLE
RETURN bench.fmt(bytes / 1048576.0, 1) || ' MiB';

-- The plan a query actually ran, from EXPLAIN (ANALYZE) in JSON, for
-- reporting its shape (join method, hash batches, memory) next to the
-- timings; run separately from the timed runs, which it would slow down.
CREATE FUNCTION bench.explain_analyze(query text) RETURNS jsonb
LANGUAGE plpgsql AS $$
DECLARE
  plan json;
BEGIN
  EXECUTE 'EXPLAIN (ANALYZE, TIMING OFF, FORMAT JSON) ' || query INTO plan;
  RETURN plan::jsonb -> 0 -> 'Plan';
END $$;

-- The first plan node of the given type, or NULL.
CREATE FUNCTION bench.plan_node(plan jsonb, node_type text) RETURNS jsonb
LANGUAGE sql IMMUTABLE
RETURN jsonb_path_query_first(plan, 'lax $.** ? (@."Node Type" == $type)',
                              jsonb_build_object('type', node_type));

-- The timed runs.  Every query is one sequential scan (or, for the joins,
-- two) of tables built by tables.sql and returns one count, which
-- bench.measure checks.  The number of timed runs is what fits in about
-- half a minute per group: 11 for the input scans (under 0.5 s each), 7 for
-- the joins (under 1 s), 5 for the PL/pgSQL validators (about 5 s).

-- Input cost: the same 1,000,000 rows, converted by each side.  The bare
-- scans give the cost of reading and counting the column with no
-- conversion, to be subtracted; octet_length(s), a C function that only
-- reads the text's length word, gives the cost of calling any function on
-- the column, so that what remains of a conversion is its parser.
CALL bench.measure('idcard input',
  ARRAY['scan s', 'call s', 'scan d', 'int8 cast', 'idcard cast', 'int8 in', 'idcard in'],
  ARRAY['SELECT count(s) FROM bench.idcard_input',
        'SELECT count(octet_length(s)) FROM bench.idcard_input',
        'SELECT count(d) FROM bench.idcard_input',
        'SELECT count(d::int8) FROM bench.idcard_input',
        'SELECT count(s::yiwang.idcard) FROM bench.idcard_input',
        'SELECT count(int8in(d::cstring)) FROM bench.idcard_input',
        'SELECT count(yiwang.idcard_in(s::cstring)) FROM bench.idcard_input'],
  expected => 1000000, runs => 11);
CALL bench.measure('idcard input', ARRAY['plpgsql'],
  ARRAY['SELECT count(*) FILTER (WHERE bench.plpgsql_idcard_valid(s)) FROM bench.idcard_input'],
  expected => 1000000, runs => 5);

CALL bench.measure('uscc input',
  ARRAY['scan s', 'call s', 'scan h', 'uuid cast', 'uscc cast', 'uuid in', 'uscc in'],
  ARRAY['SELECT count(s) FROM bench.uscc_input',
        'SELECT count(octet_length(s)) FROM bench.uscc_input',
        'SELECT count(h) FROM bench.uscc_input',
        'SELECT count(h::uuid) FROM bench.uscc_input',
        'SELECT count(s::yiwang.uscc) FROM bench.uscc_input',
        'SELECT count(uuid_in(h::cstring)) FROM bench.uscc_input',
        'SELECT count(yiwang.uscc_in(s::cstring)) FROM bench.uscc_input'],
  expected => 1000000, runs => 11);
CALL bench.measure('uscc input', ARRAY['plpgsql'],
  ARRAY['SELECT count(*) FILTER (WHERE bench.plpgsql_uscc_valid(s)) FROM bench.uscc_input'],
  expected => 1000000, runs => 5);

-- Hash joins: merge and nested-loop joins off so that both sides run the
-- same plan; work_mem large enough that the hash table is built in one
-- batch (checked in the report from EXPLAIN ANALYZE).
SET enable_mergejoin = off;
SET enable_nestloop = off;
SET work_mem = '256MB';

CREATE TABLE bench.join_query (section text, label text, query text, PRIMARY KEY (section, label));
INSERT INTO bench.join_query VALUES
  ('idcard join', 'idcard',
   'SELECT count(*) FROM bench.idcard_key a JOIN bench.idcard_key_b b ON a.k OPERATOR(yiwang.=) b.k'),
  ('idcard join', 'text',
   'SELECT count(*) FROM bench.idcard_text a JOIN bench.idcard_text_b b ON a.k = b.k'),
  ('uscc join', 'uscc',
   'SELECT count(*) FROM bench.uscc_key a JOIN bench.uscc_key_b b ON a.k OPERATOR(yiwang.=) b.k'),
  ('uscc join', 'text',
   'SELECT count(*) FROM bench.uscc_text a JOIN bench.uscc_text_b b ON a.k = b.k');

CREATE TABLE bench.join_plan AS
SELECT section, label, current_setting('work_mem') AS work_mem,
       current_setting('hash_mem_multiplier') AS hash_mem_multiplier,
       bench.explain_analyze(query) AS plan
  FROM bench.join_query;

DO $$
DECLARE
  j record;
BEGIN
  FOR j IN SELECT section, array_agg(label ORDER BY label) AS labels, array_agg(query ORDER BY label) AS queries
             FROM bench.join_query GROUP BY section ORDER BY section
  LOOP
    CALL bench.measure(j.section, j.labels, j.queries, expected => 500000, runs => 7);
  END LOOP;
END $$;

RESET work_mem;
RESET enable_nestloop;
RESET enable_mergejoin;

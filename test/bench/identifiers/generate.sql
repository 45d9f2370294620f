-- Test data for the identifier benchmarks: 1,500,000 distinct valid citizen
-- identity numbers and 1,500,000 distinct valid unified social credit codes,
-- generated set-based and deterministically (setseed).  The first 1,000,000
-- of each are the scanned and indexed keys; the join's second table takes
-- every other one of them plus the last 500,000, so that half of its keys
-- match.

-- The de-duplicating hash aggregates below hold 1.5 million keys.
SET work_mem = '256MB';

-- Province-level codes weighted by population (2020 census, millions), so
-- that the keys have the spread of a national register.  The four
-- municipalities (11, 12, 31, 50) have no prefectures, only districts
-- (prefecture part 01).
CREATE TABLE bench.province (code integer PRIMARY KEY, weight integer NOT NULL);
INSERT INTO bench.province VALUES
  (11, 22), (12, 14), (13, 75), (14, 35), (15, 24), (21, 43), (22, 24), (23, 32),
  (31, 25), (32, 85), (33, 65), (34, 61), (35, 41), (36, 45), (37, 102),
  (41, 99), (42, 58), (43, 66), (44, 126), (45, 50), (46, 10),
  (50, 32), (51, 84), (52, 39), (53, 47), (54, 4),
  (61, 40), (62, 25), (63, 6), (64, 7), (65, 26);

-- A weighted sum of digits, unrolled from the weights into one expression so
-- that the planner inlines it into the generating query: a loop, or a
-- subquery over the positions, would run once per position per row.
-- (The GB 11643 check of identity numbers is bench.idcard_check, in lib/bench.sql.)
DO $$
BEGIN

  -- GB 11714 organisation code: C = 11 - S mod 11 over values 0-9, A=10 ... Z=35;
  -- 10 is written X and 11 is written 0.
  EXECUTE format($f$
    CREATE FUNCTION bench.gb11714_check(body text) RETURNS text
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    RETURN substr('123456789X0', 11 - (%s) %% 11, 1)$f$,
    (SELECT string_agg(format('%s * (strpos(''0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ'', substr(body, %s, 1)) - 1)', w, i),
                       ' + ' ORDER BY i)
       FROM unnest('{3,7,9,10,5,8,4,2}'::integer[]) WITH ORDINALITY AS u(w, i)));

  -- GB 32100: weights 3^i mod 31 over the alphabet's values,
  -- check value (31 - S mod 31) mod 31.
  EXECUTE format($f$
    CREATE FUNCTION bench.uscc_check(body text) RETURNS text
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    RETURN substr('0123456789ABCDEFGHJKLMNPQRTUWXY', 1 + (31 - (%s) %% 31) %% 31, 1)$f$,
    (SELECT string_agg(format('%s * (strpos(''0123456789ABCDEFGHJKLMNPQRTUWXY'', substr(body, %s, 1)) - 1)',
                              mod(power(3::numeric, i), 31)::integer, i + 1),
                       ' + ' ORDER BY i)
       FROM generate_series(0, 16) AS i));
END $$;

-- Citizen identity numbers.
SELECT setseed(0.1949);

-- The pools are only copied from: unlogged, so that they are not also written to the WAL.
CREATE UNLOGGED TABLE bench.idcard_pool AS
WITH province AS (
  -- one array entry per million people; 81-83 are the residence permits of
  -- Hong Kong, Macao and Taiwan residents (address code 810000, 820000,
  -- 830000), 90 stands for the foreign permanent-residence numbers
  SELECT array_agg(code ORDER BY code) AS codes
    FROM (SELECT code, weight FROM bench.province
          UNION ALL VALUES (81, 1), (82, 1), (83, 1), (90, 1)) AS p,
         generate_series(1, p.weight)
),
drawn AS (
  -- random() in the select list keeps this a separate scan, evaluated once per row
  SELECT g,
         codes[1 + floor(random() * cardinality(codes))::integer] AS province,
         1 + floor(random() * 14)::integer AS prefecture,
         1 + floor(random() * 24)::integer AS county,
         date '1930-01-01' + floor(random() * (date '2021-01-01' - date '1930-01-01'))::integer AS birth,
         floor(random() * 1000)::integer AS sequence
    FROM province, generate_series(1, 1520000) AS g
),
body AS (
  SELECT g,
         CASE
           WHEN province BETWEEN 81 AND 83 THEN province || '0000'
           -- 9, the province that accepted the application, the ISO 3166 nationality
           WHEN province = 90 THEN '9' || (ARRAY['11', '31', '44', '32', '33'])[1 + prefecture % 5]
                                       || (ARRAY['840', '392', '410', '276', '250', '826', '124', '036', '702', '764'])[1 + county % 10]
           WHEN province IN (11, 12, 31, 50)
             THEN province || '01' || lpad(county::text, 2, '0')
           ELSE province || lpad(prefecture::text, 2, '0') || lpad(county::text, 2, '0')
         END || to_char(birth, 'YYYYMMDD') || lpad(sequence::text, 3, '0') AS body
    FROM drawn
  OFFSET 0  -- keeps body a column, so that the check function is inlined
),
distinct_numbers AS (
  SELECT min(g) AS first_drawn, body || bench.idcard_check(body) AS s
    FROM body
   GROUP BY 2
)
SELECT row_number() OVER (ORDER BY first_drawn)::integer AS n, s
  FROM distinct_numbers
 ORDER BY first_drawn
 LIMIT 1500000;

-- Unified social credit codes.
SELECT setseed(0.2015);

CREATE UNLOGGED TABLE bench.uscc_pool AS
WITH kind AS (
  -- registration authority and organisation category, weighted roughly like
  -- the register: mostly 9x (工商: enterprises 91, individual businesses 92,
  -- farmers' co-operatives 93), then 1x (机构编制), 5x (民政) and Y1 (其他)
  SELECT array_agg(code ORDER BY code) AS codes
    FROM (VALUES ('91', 70), ('92', 12), ('93', 2), ('11', 3), ('12', 4), ('13', 1), ('19', 1),
                 ('51', 2), ('52', 3), ('53', 1), ('Y1', 1)) AS k(code, weight),
         generate_series(1, k.weight)
),
province AS (
  SELECT array_agg(code ORDER BY code) AS codes
    FROM bench.province AS p, generate_series(1, p.weight)
),
drawn AS (
  SELECT g,
         kind.codes[1 + floor(random() * cardinality(kind.codes))::integer] AS kind,
         random() < 0.02 AS central,
         province.codes[1 + floor(random() * cardinality(province.codes))::integer] AS province,
         1 + floor(random() * 14)::integer AS prefecture,
         1 + floor(random() * 24)::integer AS county,
         -- organisation codes (characters 9-17): the post-2015 MA series, or the
         -- older all-digit ones
         CASE WHEN random() < 0.5
           THEN 'MA' || substr('0123456789ABCDEFGHJKLMNPQRTUWXY', 1 + floor(random() * 31)::integer, 1)
                     || substr('0123456789ABCDEFGHJKLMNPQRTUWXY', 1 + floor(random() * 31)::integer, 1)
                     || substr('0123456789ABCDEFGHJKLMNPQRTUWXY', 1 + floor(random() * 31)::integer, 1)
                     || substr('0123456789ABCDEFGHJKLMNPQRTUWXY', 1 + floor(random() * 31)::integer, 1)
                     || substr('0123456789ABCDEFGHJKLMNPQRTUWXY', 1 + floor(random() * 31)::integer, 1)
                     || substr('0123456789ABCDEFGHJKLMNPQRTUWXY', 1 + floor(random() * 31)::integer, 1)
           ELSE lpad(floor(random() * 100000000)::integer::text, 8, '0')
         END AS organisation
    FROM kind, province, generate_series(1, 1520000) AS g
),
with_orgcode AS (
  SELECT g,
         kind
         || CASE
              WHEN central THEN '100000'
              WHEN province IN (11, 12, 31, 50)
                THEN province || '01' || lpad(county::text, 2, '0')
              ELSE province || lpad(prefecture::text, 2, '0') || lpad(county::text, 2, '0')
            END AS head,
         organisation
    FROM drawn
  OFFSET 0  -- keeps organisation a column, so that the check function is inlined
),
body AS (
  SELECT g, head || organisation || bench.gb11714_check(organisation) AS body
    FROM with_orgcode
  OFFSET 0
),
distinct_codes AS (
  SELECT min(g) AS first_drawn, body || bench.uscc_check(body) AS s
    FROM body
   GROUP BY 2
)
SELECT row_number() OVER (ORDER BY first_drawn)::integer AS n, s
  FROM distinct_codes
 ORDER BY first_drawn
 LIMIT 1500000;

-- The values must be what the benchmark claims before anything is timed.
DO $$
DECLARE
  pool_idcards bigint;
  valid_idcards bigint;
  pool_usccs bigint;
  valid_usccs bigint;
  embedded_orgcodes bigint;
BEGIN
  SELECT count(*), count(*) FILTER (WHERE yiwang.idcard_valid(s)) INTO pool_idcards, valid_idcards
    FROM bench.idcard_pool;
  SELECT count(*), count(*) FILTER (WHERE yiwang.uscc_valid(s)),
         count(yiwang.orgcode(CASE WHEN yiwang.uscc_valid(s) THEN s::yiwang.uscc END))
    INTO pool_usccs, valid_usccs, embedded_orgcodes
    FROM bench.uscc_pool;
  IF pool_idcards <> 1500000 OR valid_idcards <> 1500000 THEN
    RAISE EXCEPTION 'generated % distinct identity numbers, % valid; wanted 1,500,000 of each',
      pool_idcards, valid_idcards;
  END IF;
  IF pool_usccs <> 1500000 OR valid_usccs <> 1500000 OR embedded_orgcodes <> 1500000 THEN
    RAISE EXCEPTION 'generated % distinct credit codes, % valid, % with a valid organisation code; wanted 1,500,000 of each',
      pool_usccs, valid_usccs, embedded_orgcodes;
  END IF;
END $$;

CREATE UNIQUE INDEX ON bench.idcard_pool (n);
CREATE UNIQUE INDEX ON bench.uscc_pool (n);

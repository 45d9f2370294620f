-- generated: thousands of identity numbers and credit codes generated in
-- SQL all parse; every single-character substitution and every adjacent
-- swap of hundreds of them is rejected by the check character.  (The C
-- unit tests do the same on the parser; this goes through the SQL type.)
BEGIN;
SELECT plan(16);

SET LOCAL search_path = public, yiwang, pg_catalog;

--
-- 5000 identity numbers, the check character computed here in SQL:
-- ISO 7064 MOD 11-2, weights 7 9 10 5 8 4 2 1 6 3 7 9 10 5 8 4 2, "10X98765432".
--
CREATE TEMP TABLE gen_idcard ON COMMIT DROP AS
WITH bodies AS (
  SELECT i, (ARRAY['110101', '110105', '120103', '130102', '140105', '150102', '210102', '220104',
                   '230103', '310104', '320106', '330106', '340104', '350102', '360426', '370102',
                   '410105', '420106', '430104', '440308', '440524', '450103', '460106', '500103',
                   '510107', '520102', '530102', '540102', '610104', '620102', '630104', '640104',
                   '650102', '710000', '810000', '820000', '830000', '911156', '932682', '965156'])[i % 40 + 1]
            || to_char(date '1880-01-01' + (i * 7919) % 60000, 'YYYYMMDD')
            || lpad(((i * 37) % 1000)::text, 3, '0') AS body
  FROM generate_series(1, 5000) AS i
)
SELECT i, body || substr('10X98765432',
                         (SELECT (sum(substr(body, k, 1)::int
                                      * (ARRAY[7,9,10,5,8,4,2,1,6,3,7,9,10,5,8,4,2])[k]) % 11)::int
                          FROM generate_series(1, 17) AS k) + 1, 1) AS v
FROM bodies;

SELECT is((SELECT count(DISTINCT v)::int FROM gen_idcard), 5000, '5000 distinct identity numbers generated');
SELECT is((SELECT count(*)::int FROM gen_idcard WHERE NOT yiwang.idcard_valid(v)), 0,
          'idcard_valid() accepts all of them');
SELECT is((SELECT count(*)::int FROM gen_idcard WHERE v::yiwang.idcard::text <> v), 0,
          'all of them parse through the type and print unchanged');
SELECT is((SELECT count(*)::int FROM gen_idcard WHERE lower(v)::yiwang.idcard::text <> v), 0,
          'with a lower-case x too');
SELECT is((SELECT count(*)::int FROM gen_idcard
           WHERE to_char(yiwang.birth_date(v::yiwang.idcard), 'YYYYMMDD') <> substr(v, 7, 8)
              OR yiwang.region(v::yiwang.idcard) <> left(v, 6)
              OR yiwang.sex(v::yiwang.idcard) <> CASE substr(v, 17, 1)::int % 2 WHEN 1 THEN 'M' ELSE 'F' END), 0,
          'their birth date, region and sex read back');
-- mainland numbers born 1900-1999 also parse in their 15-digit form, to the same value
SELECT is((SELECT count(*)::int FROM gen_idcard
           WHERE substr(v, 7, 2) = '19' AND left(v, 2) NOT IN ('71', '81', '82', '83')
             AND left(v, 1) <> '9' AND (left(v, 6) || substr(v, 9, 9))::yiwang.idcard <> v::yiwang.idcard), 0,
          'the 15-digit forms equal the 18-digit forms');

--
-- Every single-character substitution and every adjacent swap of 400 of
-- them: the check character catches each one.
--
CREATE TEMP TABLE gen_idcard_mutants ON COMMIT DROP AS
WITH sample AS (SELECT v FROM gen_idcard WHERE i % 12 = 0 AND i <= 4800),
substitutions AS (
  SELECT v, overlay(v PLACING c FROM pos FOR 1) AS m, 'substitution' AS kind
  FROM sample, generate_series(1, 18) AS pos,
       unnest(string_to_array('0123456789X', NULL)) AS c
  WHERE c <> substr(v, pos, 1) AND (pos = 18 OR c <> 'X')
),
swaps AS (
  SELECT v, overlay(v PLACING substr(v, pos + 1, 1) || substr(v, pos, 1) FROM pos FOR 2) AS m, 'swap' AS kind
  FROM sample, generate_series(1, 17) AS pos
  WHERE substr(v, pos, 1) <> substr(v, pos + 1, 1)
)
SELECT * FROM substitutions UNION ALL SELECT * FROM swaps;

SELECT is((SELECT count(*)::int FROM gen_idcard_mutants WHERE kind = 'substitution'), 400 * (17 * 9 + 10),
          'every substitution: 9 other digits at positions 1-17, 10 other characters at 18');
SELECT cmp_ok((SELECT count(*)::int FROM gen_idcard_mutants WHERE kind = 'swap'), '>', 400 * 12,
              'the swaps of neighbours that differ');
SELECT is((SELECT string_agg(m, ', ') FROM gen_idcard_mutants WHERE yiwang.idcard_valid(m)), NULL,
          'idcard_valid() rejects every substitution and every swap');

-- the same through the type's input function: every one raises 22P02
CREATE FUNCTION pg_temp.input_outcomes(values_ text[]) RETURNS TABLE (state text, n int)
LANGUAGE plpgsql AS $$
DECLARE
  counts jsonb := '{}';
  candidate text;
  outcome text;
BEGIN
  FOREACH candidate IN ARRAY values_ LOOP
    BEGIN
      PERFORM candidate::yiwang.idcard;
      outcome := 'accepted';
    EXCEPTION WHEN OTHERS THEN
      outcome := SQLSTATE;
    END;
    counts := jsonb_set(counts, ARRAY[outcome], to_jsonb(coalesce((counts ->> outcome)::int, 0) + 1));
  END LOOP;
  RETURN QUERY SELECT j.key, j.value::int FROM jsonb_each_text(counts) AS j;
END
$$;
SELECT is((SELECT string_agg(state || ':' || n, ', ' ORDER BY state)
           FROM pg_temp.input_outcomes(ARRAY(SELECT m FROM gen_idcard_mutants
                                             WHERE v IN (SELECT v FROM gen_idcard WHERE i % 48 = 0)))),
          (SELECT '22P02:' || count(*) FROM gen_idcard_mutants
           WHERE v IN (SELECT v FROM gen_idcard WHERE i % 48 = 0)),
          'the idcard input function rejects the mutants of 104 numbers, each with 22P02');
SELECT is((SELECT string_agg(state || ':' || n, ', ')
           FROM pg_temp.input_outcomes(ARRAY(SELECT v FROM gen_idcard WHERE i % 48 = 0))),
          'accepted:104', 'and accepts those 104 numbers themselves');

--
-- 3000 unified social credit codes, the check computed here in SQL
-- (weights 3^i mod 31, C = (31 - S mod 31) mod 31), and every substitution
-- and adjacent swap of 200 of them.
--
CREATE TEMP TABLE gen_uscc ON COMMIT DROP AS
WITH alphabet AS (SELECT '0123456789ABCDEFGHJKLMNPQRTUWXY'::text AS a),
bodies AS (
  SELECT i, substr(a, i % 31 + 1, 1) || substr(a, (i / 31) % 31 + 1, 1)
            || lpad(((i * 7919) % 1000000)::text, 6, '0')
            || (SELECT string_agg(substr(a, (((i::bigint * 104729 + k * 7) * (k + 3)) % 31)::int + 1, 1), '' ORDER BY k)
                FROM generate_series(1, 9) AS k) AS body
  FROM generate_series(1, 3000) AS i, alphabet
)
SELECT i, body || substr(a, ((31 - (SELECT sum((strpos(a, substr(body, k, 1)) - 1)
                                              * (ARRAY[1,3,9,27,19,26,16,17,20,29,25,13,8,24,10,30,28])[k])
                                     FROM generate_series(1, 17) AS k) % 31) % 31)::int + 1, 1) AS v
FROM bodies, alphabet;

SELECT is((SELECT count(DISTINCT v)::int FROM gen_uscc), 3000, '3000 distinct credit codes generated');
SELECT is((SELECT count(*)::int FROM gen_uscc WHERE NOT yiwang.uscc_valid(v) OR v::yiwang.uscc::text <> v), 0,
          'all of them parse and print unchanged');

CREATE TEMP TABLE gen_uscc_mutants ON COMMIT DROP AS
WITH sample AS (SELECT v FROM gen_uscc WHERE i % 15 = 0),
substitutions AS (
  SELECT v, overlay(v PLACING c FROM pos FOR 1) AS m, 'substitution' AS kind
  FROM sample, generate_series(1, 18) AS pos,
       unnest(string_to_array('0123456789ABCDEFGHJKLMNPQRTUWXY', NULL)) AS c
  WHERE c <> substr(v, pos, 1)
),
swaps AS (
  SELECT v, overlay(v PLACING substr(v, pos + 1, 1) || substr(v, pos, 1) FROM pos FOR 2) AS m, 'swap' AS kind
  FROM sample, generate_series(1, 17) AS pos
  WHERE substr(v, pos, 1) <> substr(v, pos + 1, 1)
)
SELECT * FROM substitutions UNION ALL SELECT * FROM swaps;

SELECT is((SELECT count(*)::int FROM gen_uscc_mutants WHERE kind = 'substitution'), 200 * 18 * 30,
          'every substitution: 30 other characters at each of 18 positions');
SELECT cmp_ok((SELECT count(*)::int FROM gen_uscc_mutants WHERE kind = 'swap'), '>', 200 * 12,
              'the swaps of neighbours that differ');
SELECT is((SELECT string_agg(m, ', ') FROM gen_uscc_mutants WHERE yiwang.uscc_valid(m)), NULL,
          'uscc_valid() rejects every substitution and every swap');

SELECT * FROM finish();
ROLLBACK;

--
-- idcard: citizen identity number (公民身份号码), GB 11643-1999.
--
-- Errors are shown with their DETAIL and HINT; the SQLSTATE is echoed
-- after each one.
--
SET search_path = yiwang, public;
SET datestyle = 'ISO, YMD';

-- The check character, computed here in SQL from the standard (ISO 7064
-- MOD 11-2), independently of the C code under test.
CREATE FUNCTION pg_temp.idcard_check(body text) RETURNS text
LANGUAGE sql IMMUTABLE STRICT AS $$
  SELECT substr('10X98765432',
                (sum(substr(body, i, 1)::int
                     * (ARRAY[7,9,10,5,8,4,2,1,6,3,7,9,10,5,8,4,2])[i]) % 11)::int + 1, 1)
  FROM generate_series(1, 17) AS i
$$;

--
-- Public valid vectors: through the type's input function, through the
-- text cast, and against the check character computed in SQL.
--
SELECT n, v AS given, idcard_in(v::cstring) AS by_input, CAST(v AS idcard) AS by_cast,
       pg_temp.idcard_check(left(v, 17)) = upper(right(v, 1)) AS sql_check_agrees
FROM unnest(ARRAY['11010519491231002X', '440524188001010014', '110101199003078670',
                  '440308199901101512', '44011320141005001x', '810000199408230021',
                  '830000200209060065', '932682198501010017'])
     WITH ORDINALITY AS t(v, n)
ORDER BY n;

-- accessors of the same numbers
SELECT v::idcard AS id, birth_date(v::idcard), sex(v::idcard), region(v::idcard), mask(v::idcard)
FROM unnest(ARRAY['11010519491231002X', '440524188001010014', '110101199003078670',
                  '440308199901101512', '44011320141005001x', '810000199408230021',
                  '830000200209060065', '932682198501010017'])
     WITH ORDINALITY AS t(v, n)
ORDER BY n;

-- lower-case x is accepted, stored and printed as X, and equal to X
SELECT idcard '44011320141005001x' AS lower_x,
       idcard '44011320141005001x' = idcard '44011320141005001X' AS equal,
       idcard('44011320141005001x')::text AS as_text;

--
-- First-generation 15-digit numbers: upgraded to the 18-digit form
-- ("19" inserted, check computed) and equal to it.
--
SELECT idcard '610104620927690' AS upgraded,
       idcard '610104620927690' = idcard '610104196209276908' AS equal_to_18,
       idcard '610104620927690' <> idcard '610104196209276908' AS not_equal,
       idcard '150102880730303' AS upgraded,
       idcard '150102880730303' = idcard '150102198807303035' AS equal_to_18;
SELECT birth_date(idcard '610104620927690'), sex(idcard '610104620927690'),
       region(idcard '150102880730303'), mask(idcard '150102880730303');
SELECT count(DISTINCT v) AS distinct_values, count(*) AS rows_
FROM (VALUES (idcard '610104620927690'), (idcard '610104196209276908'),
             (idcard '150102880730303'), ('150102198807303035')) AS t(v);
-- equal values hash alike, so hash joins and hash indexes agree with =
SELECT idcard_hash(idcard '610104620927690') = idcard_hash(idcard '610104196209276908') AS same_hash;
-- a first-generation number has no check character, and no X
SELECT idcard '61010462092769X';
\echo SQLSTATE :LAST_ERROR_SQLSTATE
-- a first-generation number's birth date is checked after the upgrade
SELECT idcard '610104620230690';
\echo SQLSTATE :LAST_ERROR_SQLSTATE
-- first-generation numbers were only issued under province codes: no
-- foreign permanent-residence number (9...) has a 15-digit form
SELECT idcard_valid('932682850101001') AS nine_prefixed_15_digits_valid;

--
-- Public invalid vectors, with the full error.
--
-- check should be 2
SELECT idcard '440308199901101513';
\echo SQLSTATE :LAST_ERROR_SQLSTATE
-- province 99 (the check character is right)
SELECT idcard '990426199112010074';
\echo SQLSTATE :LAST_ERROR_SQLSTATE
SELECT pg_temp.idcard_check('99042619911201007') AS check_of_990426199112010074;
-- check
SELECT idcard '36042619910102009X';
\echo SQLSTATE :LAST_ERROR_SQLSTATE
-- month 13
SELECT idcard '360426199113010079';
\echo SQLSTATE :LAST_ERROR_SQLSTATE

--
-- Each kind of error.
--
-- length
SELECT idcard '11010519491231002';
\echo SQLSTATE :LAST_ERROR_SQLSTATE
SELECT idcard '11010519491231002X0';
\echo SQLSTATE :LAST_ERROR_SQLSTATE
SELECT idcard '';
\echo SQLSTATE :LAST_ERROR_SQLSTATE
SELECT idcard '1101051949 1231002X';
\echo SQLSTATE :LAST_ERROR_SQLSTATE
-- characters
SELECT idcard '1101051949123100X2';
\echo SQLSTATE :LAST_ERROR_SQLSTATE
SELECT idcard '11010519491231002Y';
\echo SQLSTATE :LAST_ERROR_SQLSTATE
SELECT idcard '11O10519491231002X';
\echo SQLSTATE :LAST_ERROR_SQLSTATE
-- province: not a province code, with a right check character
SELECT idcard(b || pg_temp.idcard_check(b)) FROM (VALUES ('20010119900101001')) AS t(b);
\echo SQLSTATE :LAST_ERROR_SQLSTATE
SELECT idcard(b || pg_temp.idcard_check(b)) FROM (VALUES ('00000019900101001')) AS t(b);
\echo SQLSTATE :LAST_ERROR_SQLSTATE
-- the province codes that are not mainland provinces: 71, 81, 82, 83
SELECT b || pg_temp.idcard_check(b) AS number, idcard_valid(b || pg_temp.idcard_check(b)) AS valid
FROM unnest(ARRAY['71000019900101001', '81000019900101001', '82000019900101001',
                  '83000019900101001', '84000019900101001', '70000019900101001',
                  '16000019900101001', '66000019900101001'])
     WITH ORDINALITY AS t(b, n)
ORDER BY n;
-- foreign permanent residence: 9, then a province code
SELECT b || pg_temp.idcard_check(b) AS number, idcard_valid(b || pg_temp.idcard_check(b)) AS valid
FROM unnest(ARRAY['93268219850101001', '91115619850101001', '96515619850101001',
                  '98115619850101001', '91615619850101001'])
     WITH ORDINALITY AS t(b, n)
ORDER BY n;
-- birth dates: real calendar dates, leap years by the Gregorian rules;
-- no lower bound on the year (the standard's own example was born in 1880)
SELECT b || pg_temp.idcard_check(b) AS number, idcard_valid(b || pg_temp.idcard_check(b)) AS valid,
       idcard_error(b || pg_temp.idcard_check(b)) AS error
FROM unnest(ARRAY['11010520000229001', '11010520240229001', '11010519000229001',
                  '11010519490229001', '11010519490431001', '11010519490001001',
                  '11010519490100001', '11010519491232001', '11010500000101001',
                  '11010500010101001', '11010518000101001'])
     WITH ORDINALITY AS t(b, n)
ORDER BY n;
SELECT idcard(b || pg_temp.idcard_check(b)) FROM (VALUES ('11010519000229001')) AS t(b);
\echo SQLSTATE :LAST_ERROR_SQLSTATE
SELECT idcard(b || pg_temp.idcard_check(b)) FROM (VALUES ('11010519490431001')) AS t(b);
\echo SQLSTATE :LAST_ERROR_SQLSTATE
SELECT idcard(b || pg_temp.idcard_check(b)) FROM (VALUES ('11010500000101001')) AS t(b);
\echo SQLSTATE :LAST_ERROR_SQLSTATE
-- check: one digit changed, two neighbours swapped
SELECT idcard '440308199901101412';
\echo SQLSTATE :LAST_ERROR_SQLSTATE
SELECT idcard '440308199901105112';
\echo SQLSTATE :LAST_ERROR_SQLSTATE

--
-- idcard_valid and idcard_error never raise; NULL in, NULL out.
--
SELECT v, idcard_valid(v) AS valid, idcard_error(v) AS error
FROM unnest(ARRAY['11010519491231002X', ' 11010519491231002x ', '610104620927690',
                  '440308199901101513', '990426199112010074', '360426199113010079',
                  '1101051949123100X2', '12345', NULL])
     WITH ORDINALITY AS t(v, n)
ORDER BY n;
-- full-width digits (as typed with a Chinese input method) are not digits
SELECT idcard_valid('１１０１０５１９４９１２３１００２Ｘ') AS full_width_valid;

--
-- age(idcard, date): completed years (周岁); the birthday itself counts.
--
SELECT d AS on_date, age(idcard '11010519491231002X', d)
FROM unnest(ARRAY['1949-12-31', '1950-12-30', '1950-12-31', '2024-12-30',
                  '2024-12-31', '2025-01-01']::date[]) WITH ORDINALITY AS t(d, n)
ORDER BY n;
-- born on 29 February 2000
SELECT b || pg_temp.idcard_check(b) AS number FROM (VALUES ('11010520000229001')) AS t(b) \gset leap_
SELECT birth_date(:'leap_number'::idcard),
       age(:'leap_number'::idcard, '2001-02-28') AS on_0228,
       age(:'leap_number'::idcard, '2001-03-01') AS on_0301,
       age(:'leap_number'::idcard, '2004-02-28') AS on_2004_0228,
       age(:'leap_number'::idcard, '2004-02-29') AS on_2004_0229;
-- a date before the birth date is an error (22023)
SELECT age(idcard '11010519491231002X', '1949-12-30');
\echo SQLSTATE :LAST_ERROR_SQLSTATE
SELECT age(idcard '440524188001010014', '1879-12-31');
\echo SQLSTATE :LAST_ERROR_SQLSTATE
SELECT age(idcard '11010519491231002X', 'infinity');
\echo SQLSTATE :LAST_ERROR_SQLSTATE
SELECT age(idcard '11010519491231002X', '-infinity');
\echo SQLSTATE :LAST_ERROR_SQLSTATE
-- the standard's example born in 1880
SELECT age(idcard '440524188001010014', '2024-06-01');

-- sex: the parity of the sequence number (digits 15-17)
SELECT idcard(b || pg_temp.idcard_check(b)) AS id, sex(idcard(b || pg_temp.idcard_check(b)))
FROM unnest(ARRAY['11010519900101001', '11010519900101002', '11010519900101003',
                  '11010519900101998', '11010519900101999', '11010519900101000'])
     WITH ORDINALITY AS t(b, n)
ORDER BY n;

--
-- Casts: text <-> idcard, explicit and in assignment; no implicit cast.
--
SELECT '11010519491231002X'::text::idcard AS explicit_in,
       (idcard '11010519491231002X')::text AS explicit_out,
       pg_typeof((idcard '11010519491231002X')::text) AS out_type,
       idcard('44011320141005001x'::text) AS by_function,
       text(idcard '44011320141005001x') AS text_function;
CREATE TABLE idcard_people (id idcard PRIMARY KEY, name text);
-- text values are assigned to an idcard column
INSERT INTO idcard_people SELECT v::text, 'p' || n
FROM unnest(ARRAY['11010519491231002X', '44011320141005001x', ' 440524188001010014 ',
                  '610104620927690']) WITH ORDINALITY AS t(v, n);
INSERT INTO idcard_people (id) VALUES (CAST('150102880730303'::varchar AS idcard));
UPDATE idcard_people SET name = 'updated' WHERE id = '610104196209276908';
SELECT id, name FROM idcard_people ORDER BY id;
-- an invalid text value is rejected on assignment
INSERT INTO idcard_people (id) SELECT '440308199901101513'::text;
\echo SQLSTATE :LAST_ERROR_SQLSTATE
-- an idcard value is assigned to a text column
CREATE TABLE idcard_as_text (t text);
INSERT INTO idcard_as_text SELECT id FROM idcard_people;
SELECT t FROM idcard_as_text ORDER BY t COLLATE "C";
-- the casts are not implicit: idcard is not silently compared as text
SELECT idcard '11010519491231002X' = '11010519491231002X'::text;
\echo SQLSTATE :LAST_ERROR_SQLSTATE
SELECT upper(idcard '11010519491231002X');
\echo SQLSTATE :LAST_ERROR_SQLSTATE

--
-- Comparison and ordering: the order of the 18-character text forms.
--
INSERT INTO idcard_people (id)
SELECT b || pg_temp.idcard_check(b)
FROM unnest(ARRAY['11010519491231001', '11010519491231003', '11010519500101001',
                  '65010119900101001', '83000019900101001', '93268219850101002',
                  '11010500010101001', '11010599991231001']) AS t(b);
SELECT id FROM idcard_people ORDER BY id;
SELECT array_agg(id::text ORDER BY id) = array_agg(id::text ORDER BY id::text COLLATE "C") AS text_order,
       array_agg(id::text ORDER BY id DESC) = array_agg(id::text ORDER BY id::text COLLATE "C" DESC) AS text_order_desc
FROM idcard_people;
SELECT a.id AS a, b.id AS b, a.id < b.id AS lt, a.id <= b.id AS le, a.id = b.id AS eq,
       a.id >= b.id AS ge, a.id > b.id AS gt, a.id <> b.id AS ne
FROM (VALUES (idcard '11010519491231002X')) AS a(id),
     (SELECT idcard(v || pg_temp.idcard_check(v))
      FROM unnest(ARRAY['11010519491231001', '11010519491231002', '11010519491231003']) AS v) AS b(id)
ORDER BY b.id;
SELECT id FROM idcard_people WHERE id BETWEEN '110105194912310011' AND '110105195001010012' ORDER BY id;
SELECT id FROM idcard_people WHERE id > '610104196209276908' ORDER BY id DESC;

--
-- NULL handling: the functions are strict.
--
SELECT NULL::idcard AS null_value, idcard(NULL::text) AS from_null_text,
       text(NULL::idcard) AS null_text, birth_date(NULL) AS birth_date,
       sex(NULL) AS sex, region(NULL::idcard) AS region, mask(NULL) AS mask,
       age(NULL::idcard, '2020-01-01') AS age_null_id, age(idcard '11010519491231002X', NULL) AS age_null_date,
       (NULL::idcard = idcard '11010519491231002X') IS NULL AS eq_is_null;
INSERT INTO idcard_people (id) VALUES (NULL);
\echo SQLSTATE :LAST_ERROR_SQLSTATE

--
-- White space around the number is ignored; inside it is not.
--
SELECT v::idcard AS id, v::idcard = idcard '11010519491231002X' AS equal
FROM unnest(ARRAY[' 11010519491231002X', E'11010519491231002X\n', E'\t11010519491231002x \r\n',
                  E'\f' || chr(11) || '11010519491231002X']) WITH ORDINALITY AS t(v, n)
ORDER BY n;
SELECT idcard '  11010519491231002x  ' AS by_input, idcard_in(E'\n440524188001010014\t') AS by_input_function;
SELECT idcard E'110105\t19491231002X';
\echo SQLSTATE :LAST_ERROR_SQLSTATE
SELECT idcard '   ';
\echo SQLSTATE :LAST_ERROR_SQLSTATE

DROP TABLE idcard_people, idcard_as_text;

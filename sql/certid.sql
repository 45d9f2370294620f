--
-- certid: electronic certificate identifier (电子证照标识), GB/T 36904-2018.
--
--   1.2.156.3005.2.<type code>.<issuer code>.<serial>.<version>.<check>
--
-- Errors are shown with their DETAIL and HINT; the SQLSTATE is echoed
-- after each one.
--
SET search_path = yiwang, public;

-- ISO 7064 MOD 37,36 (hybrid system over 0-9A-Z), computed here in SQL,
-- independently of the C code under test.
CREATE FUNCTION pg_temp.mod37_36(s text) RETURNS text
LANGUAGE plpgsql IMMUTABLE STRICT AS $$
DECLARE
  alphabet constant text := '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ';
  p int := 36;
  t int;
BEGIN
  FOR i IN 1 .. length(s) LOOP
    t := (p + strpos(alphabet, substr(s, i, 1)) - 1) % 36;
    IF t = 0 THEN t := 36; END IF;
    p := (t * 2) % 37;
  END LOOP;
  RETURN substr(alphabet, (37 - p) % 36 + 1, 1);
END
$$;
-- ISO's own vector: A12425GABC1234002 -> M
SELECT pg_temp.mod37_36('A12425GABC1234002') AS iso_vector_check;

--
-- The public valid vector: through the input function and the text cast,
-- and against the check character computed in SQL.
--
SELECT v AS given, certid_in(v::cstring) AS by_input, CAST(v AS certid) AS by_cast,
       pg_temp.mod37_36('11100000000013338W032' || '11220000013544541J' || '2430599' || '001') = right(v, 1)
         AS sql_check_agrees
FROM (VALUES ('1.2.156.3005.2.11100000000013338W032.11220000013544541J.2430599.001.F')) AS t(v);

-- accessors
SELECT certid_type_code(c), certid_issuer_code(c), certid_serial(c), certid_version(c)
FROM (VALUES (certid '1.2.156.3005.2.11100000000013338W032.11220000013544541J.2430599.001.F')) AS t(c);
SELECT pg_typeof(certid_version(certid '1.2.156.3005.2.11100000000013338W032.11220000013544541J.2430599.001.F'));

-- lower case is accepted and stored in capitals
SELECT certid '1.2.156.3005.2.11100000000013338w032.11220000013544541j.2430599.001.f' AS lower_case,
       certid '1.2.156.3005.2.11100000000013338w032.11220000013544541j.2430599.001.f'
         = certid '1.2.156.3005.2.11100000000013338W032.11220000013544541J.2430599.001.F' AS equal;

--
-- make_certid(type_code, issuer_code, serial, version) computes the check.
--
SELECT make_certid('11100000000013338W032', '11220000013544541J', '2430599', 1) AS public_vector,
       make_certid('11100000000013338W032', '11220000013544541J', '2430599', 1)
         = certid '1.2.156.3005.2.11100000000013338W032.11220000013544541J.2430599.001.F' AS equal;
-- a 6-digit division code as issuer, lower case, versions 0 and 999,
-- a one-character and a 40-character serial
SELECT c, certid_type_code(c), certid_issuer_code(c), certid_serial(c), certid_version(c),
       certid_valid(c::text) AS reparses
FROM (VALUES (make_certid('11100000000013338W032', '220100', 'abc', 7)),
             (make_certid('11100000000013338w032', '11220000013544541j', 'x', 0)),
             (make_certid('91350100M000100Y43001', '350100', '0', 999)),
             (make_certid('91350100M000100Y43001', '914403001922038216', repeat('Z9', 20), 12))) AS t(c);
-- make_certid agrees with the check computed in SQL over many parts
SELECT count(*) AS made,
       count(*) FILTER (WHERE right(make_certid(ty, iss, ser, ver)::text, 1)
                               <> pg_temp.mod37_36(upper(ty || iss || ser) || lpad(ver::text, 3, '0'))) AS disagreeing,
       count(*) FILTER (WHERE NOT certid_valid(make_certid(ty, iss, ser, ver)::text)) AS not_reparsing
FROM unnest(ARRAY['11100000000013338W032', '91350100M000100Y43001', '914403001922038216999']) AS ty,
     unnest(ARRAY['11220000013544541J', '220100', '91110000600037341L', '100000']) AS iss,
     (SELECT to_hex(i * 7919) || chr(65 + i % 26) FROM generate_series(1, 40) AS i) AS s(ser),
     unnest(ARRAY[0, 1, 42, 999]) AS ver;
-- make_certid's errors are 22023, with the reason in the detail
SELECT make_certid('11100000000013338W03', '220100', 'x', 1);
\echo SQLSTATE :LAST_ERROR_SQLSTATE
SELECT make_certid('11100000000013338W03A', '220100', 'x', 1);
\echo SQLSTATE :LAST_ERROR_SQLSTATE
SELECT make_certid('11100000000013338X032', '220100', 'x', 1);
\echo SQLSTATE :LAST_ERROR_SQLSTATE
SELECT make_certid('11100000000013338W032', '2201', 'x', 1);
\echo SQLSTATE :LAST_ERROR_SQLSTATE
SELECT make_certid('11100000000013338W032', '22010A', 'x', 1);
\echo SQLSTATE :LAST_ERROR_SQLSTATE
SELECT make_certid('11100000000013338W032', '11220000013544541K', 'x', 1);
\echo SQLSTATE :LAST_ERROR_SQLSTATE
SELECT make_certid('11100000000013338W032', '220100', '', 1);
\echo SQLSTATE :LAST_ERROR_SQLSTATE
SELECT make_certid('11100000000013338W032', '220100', repeat('A', 41), 1);
\echo SQLSTATE :LAST_ERROR_SQLSTATE
SELECT make_certid('11100000000013338W032', '220100', '24305-99', 1);
\echo SQLSTATE :LAST_ERROR_SQLSTATE
SELECT make_certid('11100000000013338W032', '220100', '2430.599', 1);
\echo SQLSTATE :LAST_ERROR_SQLSTATE
SELECT make_certid('11100000000013338W032', '220100', 'x', 1000);
\echo SQLSTATE :LAST_ERROR_SQLSTATE
SELECT make_certid('11100000000013338W032', '220100', 'x', -1);
\echo SQLSTATE :LAST_ERROR_SQLSTATE
-- strict: NULL parts give NULL
SELECT make_certid(NULL, '220100', 'x', 1) IS NULL AS null_type,
       make_certid('11100000000013338W032', NULL, 'x', 1) IS NULL AS null_issuer,
       make_certid('11100000000013338W032', '220100', NULL, 1) IS NULL AS null_serial,
       make_certid('11100000000013338W032', '220100', 'x', NULL) IS NULL AS null_version;

--
-- Each kind of input error.
--
-- check
SELECT certid '1.2.156.3005.2.11100000000013338W032.11220000013544541J.2430599.001.G';
\echo SQLSTATE :LAST_ERROR_SQLSTATE
-- two neighbours swapped in the serial
SELECT certid '1.2.156.3005.2.11100000000013338W032.11220000013544541J.2435099.001.F';
\echo SQLSTATE :LAST_ERROR_SQLSTATE
-- root
SELECT certid '1.2.156.3005.3.11100000000013338W032.11220000013544541J.2430599.001.F';
\echo SQLSTATE :LAST_ERROR_SQLSTATE
SELECT certid '11100000000013338W032.11220000013544541J.2430599.001.F';
\echo SQLSTATE :LAST_ERROR_SQLSTATE
SELECT certid '';
\echo SQLSTATE :LAST_ERROR_SQLSTATE
-- number of parts
SELECT certid '1.2.156.3005.2.11100000000013338W032.11220000013544541J.2430599.001';
\echo SQLSTATE :LAST_ERROR_SQLSTATE
SELECT certid '1.2.156.3005.2.11100000000013338W032.11220000013544541J.2430599.001.F.';
\echo SQLSTATE :LAST_ERROR_SQLSTATE
-- version part
SELECT certid '1.2.156.3005.2.11100000000013338W032.11220000013544541J.2430599.01.F';
\echo SQLSTATE :LAST_ERROR_SQLSTATE
SELECT certid '1.2.156.3005.2.11100000000013338W032.11220000013544541J.2430599.00A.F';
\echo SQLSTATE :LAST_ERROR_SQLSTATE
-- check part
SELECT certid '1.2.156.3005.2.11100000000013338W032.11220000013544541J.2430599.001.FF';
\echo SQLSTATE :LAST_ERROR_SQLSTATE
SELECT certid '1.2.156.3005.2.11100000000013338W032.11220000013544541J.2430599.001.-';
\echo SQLSTATE :LAST_ERROR_SQLSTATE
-- type code
SELECT certid '1.2.156.3005.2.11100000000013338W03.11220000013544541J.2430599.001.F';
\echo SQLSTATE :LAST_ERROR_SQLSTATE
SELECT certid '1.2.156.3005.2.11100000000013338W03A.11220000013544541J.2430599.001.F';
\echo SQLSTATE :LAST_ERROR_SQLSTATE
SELECT certid '1.2.156.3005.2.11100000000013338X032.11220000013544541J.2430599.001.F';
\echo SQLSTATE :LAST_ERROR_SQLSTATE
-- issuer code
SELECT certid '1.2.156.3005.2.11100000000013338W032.1122000001354454.2430599.001.F';
\echo SQLSTATE :LAST_ERROR_SQLSTATE
SELECT certid '1.2.156.3005.2.11100000000013338W032.22010A.2430599.001.F';
\echo SQLSTATE :LAST_ERROR_SQLSTATE
SELECT certid '1.2.156.3005.2.11100000000013338W032.1122000001354454IJ.2430599.001.F';
\echo SQLSTATE :LAST_ERROR_SQLSTATE
-- serial
SELECT certid '1.2.156.3005.2.11100000000013338W032.11220000013544541J..001.F';
\echo SQLSTATE :LAST_ERROR_SQLSTATE
SELECT certid '1.2.156.3005.2.11100000000013338W032.11220000013544541J.2430_599.001.F';
\echo SQLSTATE :LAST_ERROR_SQLSTATE
-- a long value is quoted in the message up to 120 bytes, then "..."
SELECT certid('1.2.156.3005.2.11100000000013338W032.11220000013544541J.' || repeat('A', 60) || '.001.F');
\echo SQLSTATE :LAST_ERROR_SQLSTATE

--
-- certid_valid and certid_error never raise; NULL in, NULL out.
--
SELECT v, certid_valid(v) AS valid, certid_error(v) AS error
FROM unnest(ARRAY['1.2.156.3005.2.11100000000013338W032.11220000013544541J.2430599.001.F',
                  ' 1.2.156.3005.2.11100000000013338w032.11220000013544541j.2430599.001.f ',
                  '1.2.156.3005.2.11100000000013338W032.11220000013544541J.2430599.001.G',
                  '1.2.156.3005.2.11100000000013338W032.220100.ABC.007.5',
                  '1.2.156.3005.2', 'x', NULL]) WITH ORDINALITY AS t(v, n)
ORDER BY n;

--
-- Casts: text <-> certid, explicit and in assignment; no implicit cast.
--
SELECT '1.2.156.3005.2.11100000000013338W032.220100.ABC.007.5'::text::certid AS explicit_in,
       (certid '1.2.156.3005.2.11100000000013338W032.220100.ABC.007.5')::text AS explicit_out,
       pg_typeof((certid '1.2.156.3005.2.11100000000013338W032.220100.ABC.007.5')::text) AS out_type;
SELECT certid('1.2.156.3005.2.11100000000013338w032.220100.abc.007.5'::text) AS by_function,
       text(certid '1.2.156.3005.2.11100000000013338w032.220100.abc.007.5') AS text_function;
CREATE TABLE certids (id certid PRIMARY KEY, note text);
INSERT INTO certids SELECT v::text, 'c' || n
FROM unnest(ARRAY['1.2.156.3005.2.11100000000013338W032.11220000013544541J.2430599.001.F',
                  ' 1.2.156.3005.2.11100000000013338w032.220100.abc.007.5 '])
     WITH ORDINALITY AS t(v, n);
UPDATE certids SET note = 'updated' WHERE id = '1.2.156.3005.2.11100000000013338W032.220100.ABC.007.5';
SELECT id, note FROM certids ORDER BY id;
INSERT INTO certids (id) SELECT '1.2.156.3005.2.11100000000013338W032.220100.ABC.007.6'::text;
\echo SQLSTATE :LAST_ERROR_SQLSTATE
CREATE TABLE certids_as_text (t text);
INSERT INTO certids_as_text SELECT id FROM certids;
SELECT t FROM certids_as_text ORDER BY t COLLATE "C";
SELECT certid '1.2.156.3005.2.11100000000013338W032.220100.ABC.007.5'
       = '1.2.156.3005.2.11100000000013338W032.220100.ABC.007.5'::text;
\echo SQLSTATE :LAST_ERROR_SQLSTATE

--
-- Comparison and ordering: the order of the text forms.
--
INSERT INTO certids (id)
SELECT make_certid(ty, iss, ser, ver)
FROM (VALUES ('11100000000013338W032', '220100', 'ABC', 8),
             ('11100000000013338W032', '220100', 'AB', 7),
             ('11100000000013338W032', '220100', 'ABCD', 7),
             ('11100000000013338W032', '220100', 'AB0', 7),
             ('11100000000013338W032', '220101', 'A', 1),
             ('11100000000013338W031', '91110000600037341L', 'Z', 999),
             ('91350100M000100Y43001', '100000', '0', 0),
             ('11100000000013338W032', '11220000013544541J', '2430599', 2)) AS t(ty, iss, ser, ver);
SELECT id FROM certids ORDER BY id;
SELECT array_agg(id::text ORDER BY id) = array_agg(id::text ORDER BY id::text COLLATE "C") AS text_order,
       array_agg(id::text ORDER BY id DESC) = array_agg(id::text ORDER BY id::text COLLATE "C" DESC) AS text_order_desc
FROM certids;
SELECT a.id < b.id AS lt, a.id <= b.id AS le, a.id = b.id AS eq, a.id >= b.id AS ge,
       a.id > b.id AS gt, a.id <> b.id AS ne
FROM (VALUES (certid '1.2.156.3005.2.11100000000013338W032.220100.ABC.007.5')) AS a(id),
     (VALUES (make_certid('11100000000013338W032', '220100', 'ABC', 6)),
             (make_certid('11100000000013338W032', '220100', 'abc', 7)),
             (make_certid('11100000000013338W032', '220100', 'ABC', 8))) AS b(id)
ORDER BY b.id;
-- all certificates of one type, by range
SELECT id FROM certids
WHERE id >= make_certid('11100000000013338W032', '100000', '0', 0)
  AND id < make_certid('11100000000013338W033', '100000', '0', 0)
ORDER BY id;

--
-- NULL handling.
--
SELECT NULL::certid AS null_value, certid(NULL::text) AS from_null_text, text(NULL::certid) AS null_text,
       certid_type_code(NULL) AS type_code, certid_issuer_code(NULL) AS issuer_code,
       certid_serial(NULL) AS serial, certid_version(NULL) AS version,
       (NULL::certid = certid '1.2.156.3005.2.11100000000013338W032.220100.ABC.007.5') IS NULL AS eq_is_null;

--
-- White space around the identifier is ignored; inside it is not.
--
SELECT v::certid AS id
FROM unnest(ARRAY[' 1.2.156.3005.2.11100000000013338W032.220100.ABC.007.5',
                  E'1.2.156.3005.2.11100000000013338W032.220100.ABC.007.5\n',
                  E'\t1.2.156.3005.2.11100000000013338w032.220100.abc.007.5 \r\n'])
     WITH ORDINALITY AS t(v, n)
ORDER BY n;
SELECT certid '  1.2.156.3005.2.11100000000013338W032.220100.ABC.007.5  ' AS by_input;
SELECT certid '1.2.156.3005.2.11100000000013338W032.220100.ABC .007.5';
\echo SQLSTATE :LAST_ERROR_SQLSTATE
SELECT certid '1.2.156.3005.2. 11100000000013338W032.220100.ABC.007.5';
\echo SQLSTATE :LAST_ERROR_SQLSTATE

DROP TABLE certids, certids_as_text;

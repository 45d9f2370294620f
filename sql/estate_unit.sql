--
-- estate_unit: real-estate unit code (不动产单元代码), GB/T 37346-2019.
--
-- 28 characters: county (6), cadastral district (3), subdistrict (3),
-- parcel part (G/J/Z, land-right letter, 5 digits), fixture part (F/L/Q/W,
-- 8 digits). No check character.
--
-- Errors are shown with their DETAIL and HINT; the SQLSTATE is echoed
-- after each one.
--
SET search_path = yiwang, public;

--
-- Valid codes, built on the parcel prefix of the standard's example.
--
SELECT n, v AS given, estate_unit_in(v::cstring) AS by_input, CAST(v AS estate_unit) AS by_cast
FROM unnest(ARRAY['450103001001GB00001F00010001', '450103001001GB00001W00000000',
                  '450103001001gb00001f00010001', '110101001001JA00001L00000001',
                  '650102999999ZY99999Q99999999', '330106001002GS00123F00020003'])
     WITH ORDINALITY AS t(v, n)
ORDER BY n;

-- every letter the standard allows at each lettered position
SELECT '450103001001' || o || r || '00001' || f || CASE f WHEN 'W' THEN '00000000' ELSE '00000001' END AS code,
       estate_unit_valid('450103001001' || o || r || '00001' || f
                         || CASE f WHEN 'W' THEN '00000000' ELSE '00000001' END) AS valid
FROM unnest(ARRAY['G', 'J', 'Z']) AS o,
     unnest(ARRAY['A', 'B', 'S', 'X', 'C', 'D', 'E', 'F', 'H', 'G', 'W', 'Y']) AS r,
     unnest(ARRAY['F', 'L', 'Q', 'W']) AS f
WHERE NOT estate_unit_valid('450103001001' || o || r || '00001' || f
                            || CASE f WHEN 'W' THEN '00000000' ELSE '00000001' END);
SELECT count(*) AS combinations_accepted
FROM unnest(ARRAY['G', 'J', 'Z']) AS o,
     unnest(ARRAY['A', 'B', 'S', 'X', 'C', 'D', 'E', 'F', 'H', 'G', 'W', 'Y']) AS r,
     unnest(ARRAY['F', 'L', 'Q', 'W']) AS f
WHERE estate_unit_valid('450103001001' || o || r || '00001' || f
                        || CASE f WHEN 'W' THEN '00000000' ELSE '00000001' END);
-- and no other letter (W at position 20 only with fixture number 00000000,
-- so it does not appear here, where the fixture number is 00010001)
SELECT position, letter
FROM (VALUES (13), (14), (20)) AS p(position),
     unnest(string_to_array('ABCDEFGHIJKLMNOPQRSTUVWXYZ', NULL)) AS letter
WHERE estate_unit_valid(overlay('450103001001GB00001F00010001' PLACING letter FROM position FOR 1))
ORDER BY position, letter;

--
-- Accessors: region (county), parcel (the 19-character parcel code),
-- fixture (the 9-character fixture part).
--
SELECT v::estate_unit AS code, region(v::estate_unit), parcel(v::estate_unit), fixture(v::estate_unit)
FROM unnest(ARRAY['450103001001GB00001F00010001', '450103001001GB00001W00000000',
                  '110101001001ja00001l00000001']) WITH ORDINALITY AS t(v, n)
ORDER BY n;
-- the public example parcel prefix
SELECT parcel(estate_unit '450103001001GB00001F00010001') = '450103001001GB00001' AS example_parcel;
-- lower case is accepted and stored in capitals
SELECT estate_unit '450103001001gb00001f00010001' = estate_unit '450103001001GB00001F00010001' AS equal;

--
-- Each kind of error.
--
-- length
SELECT estate_unit '450103001001GB00001F0001000';
\echo SQLSTATE :LAST_ERROR_SQLSTATE
SELECT estate_unit '450103001001GB00001F000100010';
\echo SQLSTATE :LAST_ERROR_SQLSTATE
SELECT estate_unit '450103001001GB00001';
\echo SQLSTATE :LAST_ERROR_SQLSTATE
-- characters, one for each part of the code
SELECT estate_unit '4501A3001001GB00001F00010001';
\echo SQLSTATE :LAST_ERROR_SQLSTATE
SELECT estate_unit '4501030X1001GB00001F00010001';
\echo SQLSTATE :LAST_ERROR_SQLSTATE
SELECT estate_unit '45010300100-GB00001F00010001';
\echo SQLSTATE :LAST_ERROR_SQLSTATE
SELECT estate_unit '450103001001XB00001F00010001';
\echo SQLSTATE :LAST_ERROR_SQLSTATE
SELECT estate_unit '450103001001GI00001F00010001';
\echo SQLSTATE :LAST_ERROR_SQLSTATE
SELECT estate_unit '450103001001GB0000AF00010001';
\echo SQLSTATE :LAST_ERROR_SQLSTATE
SELECT estate_unit '450103001001GB00001B00010001';
\echo SQLSTATE :LAST_ERROR_SQLSTATE
SELECT estate_unit '450103001001GB00001F0001000Z';
\echo SQLSTATE :LAST_ERROR_SQLSTATE
-- province: the county code must be under a mainland province
SELECT estate_unit '990103001001GB00001F00010001';
\echo SQLSTATE :LAST_ERROR_SQLSTATE
SELECT estate_unit '000000001001GB00001F00010001';
\echo SQLSTATE :LAST_ERROR_SQLSTATE
-- structure: a unit with no fixture (W) has fixture number 00000000
SELECT estate_unit '450103001001GB00001W00000001';
\echo SQLSTATE :LAST_ERROR_SQLSTATE

--
-- estate_unit_valid and estate_unit_error never raise; NULL in, NULL out.
--
SELECT v, estate_unit_valid(v) AS valid, estate_unit_error(v) AS error
FROM unnest(ARRAY['450103001001GB00001F00010001', ' 450103001001gb00001w00000000 ',
                  '450103001001GB00001W00000001', '990103001001GB00001F00010001',
                  '710103001001GB00001F00010001', '810103001001GB00001F00010001',
                  '450103001001GI00001F00010001', '4501', NULL]) WITH ORDINALITY AS t(v, n)
ORDER BY n;

--
-- Casts: text <-> estate_unit, explicit and in assignment; no implicit cast.
--
SELECT '450103001001GB00001F00010001'::text::estate_unit AS explicit_in,
       (estate_unit '450103001001GB00001F00010001')::text AS explicit_out,
       pg_typeof((estate_unit '450103001001GB00001F00010001')::text) AS out_type,
       estate_unit('450103001001gb00001w00000000'::text) AS by_function,
       text(estate_unit '450103001001gb00001w00000000') AS text_function;
CREATE TABLE estate_units (code estate_unit PRIMARY KEY, note text);
INSERT INTO estate_units SELECT v::text, 'u' || n
FROM unnest(ARRAY['450103001001GB00001F00010001', '450103001001gb00001w00000000',
                  ' 110101001001JA00001L00000001 ']) WITH ORDINALITY AS t(v, n);
UPDATE estate_units SET note = 'updated' WHERE code = '450103001001GB00001W00000000';
SELECT code, note FROM estate_units ORDER BY code;
INSERT INTO estate_units (code) SELECT '450103001001GB00001W00000001'::text;
\echo SQLSTATE :LAST_ERROR_SQLSTATE
CREATE TABLE estate_units_as_text (t text);
INSERT INTO estate_units_as_text SELECT code FROM estate_units;
SELECT t FROM estate_units_as_text ORDER BY t COLLATE "C";
SELECT estate_unit '450103001001GB00001F00010001' = '450103001001GB00001F00010001'::text;
\echo SQLSTATE :LAST_ERROR_SQLSTATE

--
-- Comparison and ordering: the order of the text forms, position by
-- position over each position's own alphabet.
--
INSERT INTO estate_units (code)
SELECT v
FROM unnest(ARRAY['450103001001ZY99999W00000000', '450103001001JA00000F00000000',
                  '450103001001GY00001F00010001', '450103001001GA00001F00010001',
                  '450103001001GB00001L00000000', '450103001001GB00001Q00000000',
                  '450103001001GB00001F99999999', '450103001001GB00002F00000000',
                  '450103001002GB00001F00010001', '650102999999ZY99999Q99999999',
                  '110000000000GA00000F00000000', '450103001001GS00001F00010001',
                  '450103001001GX00001F00010001', '450103001001GH00001F00010001']) AS t(v);
SELECT code FROM estate_units ORDER BY code;
SELECT array_agg(code::text ORDER BY code) = array_agg(code::text ORDER BY code::text COLLATE "C") AS text_order,
       array_agg(code::text ORDER BY code DESC) = array_agg(code::text ORDER BY code::text COLLATE "C" DESC) AS text_order_desc
FROM estate_units;
SELECT a.code AS a, b.code AS b, a.code < b.code AS lt, a.code <= b.code AS le, a.code = b.code AS eq,
       a.code >= b.code AS ge, a.code > b.code AS gt, a.code <> b.code AS ne
FROM (VALUES (estate_unit '450103001001GB00001F00010001')) AS a(code),
     (VALUES (estate_unit '450103001001GA00001F00010001'), (estate_unit '450103001001gb00001f00010001'),
             (estate_unit '450103001001GB00001W00000000')) AS b(code)
ORDER BY b.code;
-- all units on one parcel, by range
SELECT code FROM estate_units
WHERE code >= '450103001001GB00001F00000000' AND code <= '450103001001GB00001W00000000'
ORDER BY code;
SELECT code FROM estate_units WHERE parcel(code) = '450103001001GB00001' ORDER BY code;

--
-- NULL handling.
--
SELECT NULL::estate_unit AS null_value, estate_unit(NULL::text) AS from_null_text,
       text(NULL::estate_unit) AS null_text, region(NULL::estate_unit) AS region,
       parcel(NULL) AS parcel, fixture(NULL) AS fixture,
       (NULL::estate_unit = estate_unit '450103001001GB00001F00010001') IS NULL AS eq_is_null;

--
-- White space around the code is ignored; inside it is not.
--
SELECT v::estate_unit AS code
FROM unnest(ARRAY[' 450103001001GB00001F00010001', E'450103001001GB00001F00010001\n',
                  E'\t450103001001gb00001f00010001 \r\n']) WITH ORDINALITY AS t(v, n)
ORDER BY n;
SELECT estate_unit '  450103001001GB00001F00010001  ' AS by_input;
SELECT estate_unit '450103001001GB00001 F00010001';
\echo SQLSTATE :LAST_ERROR_SQLSTATE

DROP TABLE estate_units, estate_units_as_text;

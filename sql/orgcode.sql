--
-- orgcode: organisation code (组织机构代码), GB 11714-1997, printed XXXXXXXX-C.
--
-- Errors are shown with their DETAIL and HINT; the SQLSTATE is echoed
-- after each one.
--
SET search_path = yiwang, public;

-- The check character of GB 11714, computed here in SQL from the standard:
-- weights 3 7 9 10 5 8 4 2, C = 11 - (S mod 11), X for 10 and 0 for 11.
CREATE FUNCTION pg_temp.orgcode_check(body text) RETURNS text
LANGUAGE sql IMMUTABLE STRICT AS $$
  SELECT substr('0123456789X0',
                (11 - sum((strpos('0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ', substr(body, i, 1)) - 1)
                          * (ARRAY[3,7,9,10,5,8,4,2])[i]) % 11)::int + 1, 1)
  FROM generate_series(1, 8) AS i
$$;

--
-- Public valid vectors, with and without the hyphen, in either case.
--
SELECT n, v AS given, orgcode_in(v::cstring) AS by_input, CAST(v AS orgcode) AS by_cast,
       pg_temp.orgcode_check(upper(left(v, 8))) = upper(right(v, 1)) AS sql_check_agrees
FROM unnest(ARRAY['D2143569-X', '12345678-8', 'D2143569X', '123456788', 'd2143569-x',
                  'd2143569x']) WITH ORDINALITY AS t(v, n)
ORDER BY n;
SELECT orgcode 'D2143569X' = orgcode 'd2143569-x' AS equal,
       orgcode('D2143569X')::text AS as_text,
       length(orgcode('D2143569X')::text) AS printed_length;
-- the check characters 0 (11) and X (10)
SELECT b || '-' || pg_temp.orgcode_check(b) AS code, orgcode_valid(b || pg_temp.orgcode_check(b)) AS valid
FROM unnest(ARRAY['00000000', '00000001', 'D2143569', 'ZZZZZZZZ', 'A0000000']) WITH ORDINALITY AS t(b, n)
ORDER BY n;

--
-- Public invalid vector, with the full error.
--
SELECT orgcode 'D2143569-Y';
\echo SQLSTATE :LAST_ERROR_SQLSTATE

--
-- Each kind of error.
--
-- check: the wrong digit, and the widely copied bug that uses S mod 11
-- directly (for 12345678 that gives 3; the right check is 8)
SELECT orgcode 'D2143569-1';
\echo SQLSTATE :LAST_ERROR_SQLSTATE
SELECT orgcode '12345678-3';
\echo SQLSTATE :LAST_ERROR_SQLSTATE
-- length
SELECT orgcode 'D2143569';
\echo SQLSTATE :LAST_ERROR_SQLSTATE
SELECT orgcode 'D2143569--X';
\echo SQLSTATE :LAST_ERROR_SQLSTATE
SELECT orgcode '';
\echo SQLSTATE :LAST_ERROR_SQLSTATE
-- ten characters, but the ninth is not the hyphen
SELECT orgcode 'D2143569 X';
\echo SQLSTATE :LAST_ERROR_SQLSTATE
SELECT orgcode 'D214356-9X';
\echo SQLSTATE :LAST_ERROR_SQLSTATE
-- characters
SELECT orgcode 'D21435*9-X';
\echo SQLSTATE :LAST_ERROR_SQLSTATE
SELECT orgcode 'D2143569-A';
\echo SQLSTATE :LAST_ERROR_SQLSTATE

--
-- orgcode_valid and orgcode_error never raise; NULL in, NULL out.
--
SELECT v, orgcode_valid(v) AS valid, orgcode_error(v) AS error
FROM unnest(ARRAY['D2143569-X', ' d2143569x ', 'D2143569-Y', '12345678-3', 'D2143569 X',
                  'D2143569', NULL]) WITH ORDINALITY AS t(v, n)
ORDER BY n;

--
-- Casts: text <-> orgcode, explicit and in assignment; no implicit cast.
--
SELECT 'D2143569-X'::text::orgcode AS explicit_in,
       (orgcode '123456788')::text AS explicit_out,
       pg_typeof((orgcode '123456788')::text) AS out_type,
       orgcode('d2143569x'::text) AS by_function,
       text(orgcode 'd2143569x') AS text_function;
CREATE TABLE orgcode_orgs (code orgcode PRIMARY KEY, name text);
INSERT INTO orgcode_orgs SELECT v::text, 'o' || n
FROM unnest(ARRAY['D2143569-X', '123456788', ' m000100y4 ', '60003734-1']) WITH ORDINALITY AS t(v, n);
UPDATE orgcode_orgs SET name = 'updated' WHERE code = 'M000100Y4';
SELECT code, name FROM orgcode_orgs ORDER BY code;
INSERT INTO orgcode_orgs (code) SELECT 'D2143569-Y'::text;
\echo SQLSTATE :LAST_ERROR_SQLSTATE
CREATE TABLE orgcode_as_text (t text);
INSERT INTO orgcode_as_text SELECT code FROM orgcode_orgs;
SELECT t FROM orgcode_as_text ORDER BY t COLLATE "C";
SELECT orgcode 'D2143569-X' = 'D2143569-X'::text;
\echo SQLSTATE :LAST_ERROR_SQLSTATE
-- orgcode(text) is the cast; orgcode(uscc) is the embedded code: an
-- untyped literal goes to the text version
SELECT orgcode('91350100M000100Y43');
\echo SQLSTATE :LAST_ERROR_SQLSTATE
SELECT orgcode(uscc '91350100M000100Y43');

--
-- Linking records keyed by organisation code to unified social credit codes.
--
CREATE TABLE orgcode_uscc (code uscc);
INSERT INTO orgcode_uscc VALUES ('91350100M000100Y43'), ('91110000600037341L'), ('914403001922038216');
SELECT o.code AS orgcode, u.code AS uscc
FROM orgcode_orgs o LEFT JOIN orgcode_uscc u ON orgcode(u.code) = o.code
ORDER BY o.code;

--
-- Comparison and ordering: the order of the text forms.
--
INSERT INTO orgcode_orgs (code)
SELECT b || pg_temp.orgcode_check(b)
FROM unnest(ARRAY['00000000', 'ZZZZZZZZ', 'A0000000', '9ZZZZZZZ', 'D2143568', 'D214356A']) AS t(b);
SELECT code FROM orgcode_orgs ORDER BY code;
SELECT array_agg(code::text ORDER BY code) = array_agg(code::text ORDER BY code::text COLLATE "C") AS text_order,
       array_agg(code::text ORDER BY code DESC) = array_agg(code::text ORDER BY code::text COLLATE "C" DESC) AS text_order_desc
FROM orgcode_orgs;
SELECT a.code AS a, b.code AS b, a.code < b.code AS lt, a.code <= b.code AS le, a.code = b.code AS eq,
       a.code >= b.code AS ge, a.code > b.code AS gt, a.code <> b.code AS ne
FROM (VALUES (orgcode 'D2143569-X')) AS a(code),
     (VALUES (orgcode '12345678-8'), (orgcode 'd2143569x'), (orgcode 'ZZZZZZZZ-3')) AS b(code)
ORDER BY b.code;
SELECT code FROM orgcode_orgs WHERE code > 'A0000000-3' AND code <= 'D2143569-X' ORDER BY code;

--
-- NULL handling.
--
SELECT NULL::orgcode AS null_value, orgcode(NULL::text) AS from_null_text, text(NULL::orgcode) AS null_text,
       (NULL::orgcode = orgcode 'D2143569-X') IS NULL AS eq_is_null;

--
-- White space around the code is ignored; inside it is not.
--
SELECT v::orgcode AS code
FROM unnest(ARRAY[' D2143569-X', E'D2143569X\n', E'\td2143569-x \r\n']) WITH ORDINALITY AS t(v, n)
ORDER BY n;
SELECT orgcode '  D2143569-X  ' AS by_input;
SELECT orgcode 'D2143569 -X';
\echo SQLSTATE :LAST_ERROR_SQLSTATE

DROP TABLE orgcode_orgs, orgcode_as_text, orgcode_uscc;

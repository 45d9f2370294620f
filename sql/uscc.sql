--
-- uscc: unified social credit code (统一社会信用代码), GB 32100-2015.
--
-- Errors are shown with their DETAIL and HINT; the SQLSTATE is echoed
-- after each one.
--
SET search_path = yiwang, public;

-- The check character of GB 32100, computed here in SQL from the standard:
-- weights 3^i mod 31, C = (31 - S mod 31) mod 31, over the 31-character
-- alphabet.
CREATE FUNCTION pg_temp.uscc_check(body text) RETURNS text
LANGUAGE sql IMMUTABLE STRICT AS $$
  SELECT substr('0123456789ABCDEFGHJKLMNPQRTUWXY',
                ((31 - sum((strpos('0123456789ABCDEFGHJKLMNPQRTUWXY', substr(body, i, 1)) - 1)
                           * (ARRAY[1,3,9,27,19,26,16,17,20,29,25,13,8,24,10,30,28])[i]) % 31) % 31)::int + 1, 1)
  FROM generate_series(1, 17) AS i
$$;
-- and the GB 11714 check of the embedded organisation code
CREATE FUNCTION pg_temp.orgcode_check(body text) RETURNS text
LANGUAGE sql IMMUTABLE STRICT AS $$
  SELECT substr('0123456789X0',
                (11 - sum((strpos('0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ', substr(body, i, 1)) - 1)
                          * (ARRAY[3,7,9,10,5,8,4,2])[i]) % 11)::int + 1, 1)
  FROM generate_series(1, 8) AS i
$$;

--
-- Public valid vectors: through the input function and the text cast, and
-- against the check character computed in SQL.
--
SELECT n, v AS given, uscc_in(v::cstring) AS by_input, CAST(v AS uscc) AS by_cast,
       pg_temp.uscc_check(left(v, 17)) = right(v, 1) AS sql_check_agrees
FROM unnest(ARRAY['91350100M000100Y43', '91110000600037341L', '914403001922038216',
                  '11100000000013338W']) WITH ORDINALITY AS t(v, n)
ORDER BY n;

-- accessors
SELECT v::uscc AS code, registration_authority(v::uscc), organisation_category(v::uscc),
       region(v::uscc), orgcode(v::uscc)
FROM unnest(ARRAY['91350100M000100Y43', '91110000600037341L', '914403001922038216',
                  '11100000000013338W']) WITH ORDINALITY AS t(v, n)
ORDER BY n;
SELECT pg_typeof(orgcode(uscc '91350100M000100Y43')) AS orgcode_type,
       orgcode(uscc '91350100M000100Y43') = orgcode 'M000100Y-4' AS orgcode_equal;

-- orgcode(uscc) is NULL when characters 9-17 are not a valid organisation
-- code: here the embedded 60003734-2 has the wrong check (it should be 1),
-- while the uscc itself is valid.
SELECT pg_temp.orgcode_check('60003734') AS embedded_check_should_be;
SELECT '9111000060003734' || d || pg_temp.uscc_check('9111000060003734' || d) AS code,
       orgcode(uscc('9111000060003734' || d || pg_temp.uscc_check('9111000060003734' || d))) AS orgcode
FROM generate_series(0, 3) AS d
ORDER BY d;
-- and NULL in, NULL out
SELECT orgcode(NULL::uscc) IS NULL AS orgcode_of_null;

-- lower case is accepted and stored in capitals
SELECT uscc '91350100m000100y43' AS lower_case,
       uscc '91350100m000100y43' = uscc '91350100M000100Y43' AS equal,
       registration_authority('y1100000000000000l'::text::uscc) AS lower_authority;

--
-- Public invalid vectors, with the full error.
--
-- check (the embedded organisation code is valid: the hint says so)
SELECT uscc '91110000600037341N';
\echo SQLSTATE :LAST_ERROR_SQLSTATE
-- alphabet
SELECT uscc '9111000060003IOZSV';
\echo SQLSTATE :LAST_ERROR_SQLSTATE

--
-- Each kind of error.
--
-- length
SELECT uscc '91350100M000100Y4';
\echo SQLSTATE :LAST_ERROR_SQLSTATE
SELECT uscc '91350100M000100Y433';
\echo SQLSTATE :LAST_ERROR_SQLSTATE
SELECT uscc '';
\echo SQLSTATE :LAST_ERROR_SQLSTATE
-- characters: each of I, O, S, V, Z, and others
SELECT v, uscc_valid(v) AS valid, uscc_error(v) AS error
FROM unnest(ARRAY['I1350100M000100Y43', '9O350100M000100Y43', '91350100S000100Y43',
                  '91350100M000V00Y43', '91350100M000100Z43', '91350100M00-100Y43',
                  '91350100M000100Y4*']) WITH ORDINALITY AS t(v, n)
ORDER BY n;
SELECT uscc '91350100M00-100Y43';
\echo SQLSTATE :LAST_ERROR_SQLSTATE
-- the detail quotes the character as it was typed
SELECT uscc '91350100i000100Y43';
\echo SQLSTATE :LAST_ERROR_SQLSTATE
-- structure: characters 3-8 are a division code, digits only
SELECT uscc(b || pg_temp.uscc_check(b)) FROM (VALUES ('91A50100M000100Y4')) AS t(b);
\echo SQLSTATE :LAST_ERROR_SQLSTATE
SELECT uscc(b || pg_temp.uscc_check(b)) FROM (VALUES ('9135010YM000100Y4')) AS t(b);
\echo SQLSTATE :LAST_ERROR_SQLSTATE
-- check, with an embedded organisation code that is not valid either: the
-- hint is the ordinary one
SELECT uscc '91110000600037342L';
\echo SQLSTATE :LAST_ERROR_SQLSTATE
-- check: two neighbours swapped
SELECT uscc '91350100M000100Y34';
\echo SQLSTATE :LAST_ERROR_SQLSTATE

--
-- uscc_valid and uscc_error never raise; NULL in, NULL out.
--
SELECT v, uscc_valid(v) AS valid, uscc_error(v) AS error
FROM unnest(ARRAY['91350100M000100Y43', ' 91350100m000100y43 ', '91110000600037341N',
                  '9111000060003IOZSV', '91A50100M000100Y43', '9135', NULL])
     WITH ORDINALITY AS t(v, n)
ORDER BY n;

--
-- Casts: text <-> uscc, explicit and in assignment; no implicit cast.
--
SELECT '91350100M000100Y43'::text::uscc AS explicit_in,
       (uscc '91350100M000100Y43')::text AS explicit_out,
       pg_typeof((uscc '91350100M000100Y43')::text) AS out_type,
       uscc('914403001922038216'::text) AS by_function,
       text(uscc '914403001922038216') AS text_function;
CREATE TABLE uscc_orgs (code uscc PRIMARY KEY, name text);
INSERT INTO uscc_orgs SELECT v::text, 'o' || n
FROM unnest(ARRAY['91350100M000100Y43', '91110000600037341l', ' 914403001922038216 ',
                  '11100000000013338W']) WITH ORDINALITY AS t(v, n);
UPDATE uscc_orgs SET name = 'updated' WHERE code = '91110000600037341L';
SELECT code, name FROM uscc_orgs ORDER BY code;
INSERT INTO uscc_orgs (code) SELECT '91110000600037341N'::text;
\echo SQLSTATE :LAST_ERROR_SQLSTATE
CREATE TABLE uscc_as_text (t text);
INSERT INTO uscc_as_text SELECT code FROM uscc_orgs;
SELECT t FROM uscc_as_text ORDER BY t COLLATE "C";
SELECT uscc '91350100M000100Y43' = '91350100M000100Y43'::text;
\echo SQLSTATE :LAST_ERROR_SQLSTATE
SELECT lower(uscc '91350100M000100Y43');
\echo SQLSTATE :LAST_ERROR_SQLSTATE

--
-- Comparison and ordering: the order of the text forms.
--
INSERT INTO uscc_orgs (code)
SELECT b || pg_temp.uscc_check(b)
FROM unnest(ARRAY['Y1100000000000000', '00000000000000000', '91350100M000100Y3',
                  '9135010000000000Y', '91350100YYYYYYYYY', '5A110000000000000',
                  'N2100000000000001', '91350100A00000000']) AS t(b);
SELECT code FROM uscc_orgs ORDER BY code;
SELECT array_agg(code::text ORDER BY code) = array_agg(code::text ORDER BY code::text COLLATE "C") AS text_order,
       array_agg(code::text ORDER BY code DESC) = array_agg(code::text ORDER BY code::text COLLATE "C" DESC) AS text_order_desc
FROM uscc_orgs;
SELECT a.code AS a, b.code AS b, a.code < b.code AS lt, a.code <= b.code AS le, a.code = b.code AS eq,
       a.code >= b.code AS ge, a.code > b.code AS gt, a.code <> b.code AS ne
FROM (VALUES (uscc '91350100M000100Y43')) AS a(code),
     (VALUES (uscc '91110000600037341L'), (uscc '91350100m000100y43'), (uscc '914403001922038216')) AS b(code)
ORDER BY b.code;
SELECT code FROM uscc_orgs WHERE code >= '91350100M000100Y43' AND code < '914403001922038216' ORDER BY code;
SELECT uscc_hash(uscc '91350100m000100y43') = uscc_hash(uscc '91350100M000100Y43') AS same_hash;

--
-- NULL handling.
--
SELECT NULL::uscc AS null_value, uscc(NULL::text) AS from_null_text, text(NULL::uscc) AS null_text,
       registration_authority(NULL) AS authority, organisation_category(NULL) AS category,
       region(NULL::uscc) AS region, orgcode(NULL::uscc) AS orgcode,
       (NULL::uscc = uscc '91350100M000100Y43') IS NULL AS eq_is_null;

--
-- White space around the code is ignored; inside it is not.
--
SELECT v::uscc AS code, v::uscc = uscc '91350100M000100Y43' AS equal
FROM unnest(ARRAY[' 91350100M000100Y43', E'91350100M000100Y43\n', E'\t91350100m000100y43 \r\n'])
     WITH ORDINALITY AS t(v, n)
ORDER BY n;
SELECT uscc '  91350100M000100Y43  ' AS by_input;
SELECT uscc '91350100 M000100Y43';
\echo SQLSTATE :LAST_ERROR_SQLSTATE

DROP TABLE uscc_orgs, uscc_as_text;

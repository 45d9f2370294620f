--
-- index_use: btree and hash indexes on the five types are used for
-- equality, ranges, ordering and joins, and give the right answers.
--
SET search_path = yiwang, public;

-- Check characters computed in SQL, to generate many valid values.
CREATE FUNCTION pg_temp.idcard_check(body text) RETURNS text
LANGUAGE sql IMMUTABLE STRICT AS $$
  SELECT substr('10X98765432',
                (sum(substr(body, i, 1)::int
                     * (ARRAY[7,9,10,5,8,4,2,1,6,3,7,9,10,5,8,4,2])[i]) % 11)::int + 1, 1)
  FROM generate_series(1, 17) AS i
$$;
CREATE FUNCTION pg_temp.uscc_check(body text) RETURNS text
LANGUAGE sql IMMUTABLE STRICT AS $$
  SELECT substr('0123456789ABCDEFGHJKLMNPQRTUWXY',
                ((31 - sum((strpos('0123456789ABCDEFGHJKLMNPQRTUWXY', substr(body, i, 1)) - 1)
                           * (ARRAY[1,3,9,27,19,26,16,17,20,29,25,13,8,24,10,30,28])[i]) % 31) % 31)::int + 1, 1)
  FROM generate_series(1, 17) AS i
$$;
CREATE FUNCTION pg_temp.orgcode_check(body text) RETURNS text
LANGUAGE sql IMMUTABLE STRICT AS $$
  SELECT substr('0123456789X0',
                (11 - sum((strpos('0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ', substr(body, i, 1)) - 1)
                          * (ARRAY[3,7,9,10,5,8,4,2])[i]) % 11)::int + 1, 1)
  FROM generate_series(1, 8) AS i
$$;

--
-- Generated data: a few thousand values of each type.
--
-- 4824 identity numbers: 12 address codes x 402 birth dates (every 100 days)
CREATE TABLE ix_idcard (n int, id idcard, born_in_1900s boolean);
INSERT INTO ix_idcard
SELECT row_number() OVER (ORDER BY r, d), (body || pg_temp.idcard_check(body))::idcard, d < date '2000-01-01'
FROM unnest(ARRAY['110101', '110105', '310104', '320102', '330106', '370102',
                  '440106', '440305', '510104', '610104', '650102', '810000']) AS r,
     generate_series(date '1931-03-01', date '2040-12-31', interval '100 days') AS g(d0),
     LATERAL (SELECT g.d0::date AS d) AS dd,
     LATERAL (SELECT r || to_char(d, 'YYYYMMDD') || lpad(((extract(doy FROM d)::int * 7) % 1000)::text, 3, '0') AS body) AS b;
-- 3000 organisation codes
CREATE TABLE ix_orgcode (n int, code orgcode);
INSERT INTO ix_orgcode
SELECT i, (body || '-' || pg_temp.orgcode_check(body))::orgcode
FROM generate_series(1, 3000) AS i,
     LATERAL (SELECT upper(lpad(to_hex(i * 104729 + 4660), 8, '0')) AS body) AS b;
-- 3000 unified social credit codes, each embedding one of the organisation
-- codes (hexadecimal bodies: no I, O, S, V or Z)
CREATE TABLE ix_uscc (n int, code uscc);
INSERT INTO ix_uscc
SELECT n, (body || pg_temp.uscc_check(body))::uscc
FROM ix_orgcode,
     LATERAL (SELECT (ARRAY['91', '11', '52', 'Y1'])[n % 4 + 1]
                     || (ARRAY['110000', '350100', '440300', '100000'])[n % 4 + 1]
                     || replace(code::text, '-', '') AS body) AS b;
-- 3000 real-estate unit codes on 300 parcels
CREATE TABLE ix_estate_unit (n int, unit estate_unit);
INSERT INTO ix_estate_unit
SELECT (p - 1) * 10 + u, ('450103' || lpad((p % 7)::text, 3, '0') || lpad((p % 13)::text, 3, '0')
                          || (ARRAY['GB', 'JA', 'ZY'])[p % 3 + 1] || lpad(p::text, 5, '0')
                          || (ARRAY['F', 'L', 'Q'])[u % 3 + 1] || lpad((u * 1111)::text, 8, '0'))::estate_unit
FROM generate_series(1, 300) AS p, generate_series(1, 10) AS u;
-- 3000 certificate identifiers
CREATE TABLE ix_certid (n int, cert certid);
INSERT INTO ix_certid
SELECT i, make_certid((ARRAY['11100000000013338W032', '91350100M000100Y43001'])[i % 2 + 1],
                      (ARRAY['220100', '11220000013544541J', '914403001922038216'])[i % 3 + 1],
                      upper(to_hex(i * 7919)), i % 5)
FROM generate_series(1, 3000) AS i;

SELECT 'idcard' AS type, count(*) AS rows_, count(DISTINCT id) AS distinct_values FROM ix_idcard
UNION ALL SELECT 'orgcode', count(*), count(DISTINCT code) FROM ix_orgcode
UNION ALL SELECT 'uscc', count(*), count(DISTINCT code) FROM ix_uscc
UNION ALL SELECT 'estate_unit', count(*), count(DISTINCT unit) FROM ix_estate_unit
UNION ALL SELECT 'certid', count(*), count(DISTINCT cert) FROM ix_certid;

CREATE INDEX ix_idcard_btree ON ix_idcard USING btree (id);
CREATE INDEX ix_idcard_hash ON ix_idcard USING hash (id);
CREATE INDEX ix_orgcode_btree ON ix_orgcode USING btree (code);
CREATE INDEX ix_orgcode_hash ON ix_orgcode USING hash (code);
CREATE INDEX ix_uscc_btree ON ix_uscc USING btree (code);
CREATE INDEX ix_uscc_hash ON ix_uscc USING hash (code);
CREATE INDEX ix_estate_unit_btree ON ix_estate_unit USING btree (unit);
CREATE INDEX ix_estate_unit_hash ON ix_estate_unit USING hash (unit);
CREATE INDEX ix_certid_btree ON ix_certid USING btree (cert);
CREATE INDEX ix_certid_hash ON ix_certid USING hash (cert);
VACUUM ANALYZE ix_idcard, ix_orgcode, ix_uscc, ix_estate_unit, ix_certid;

-- The indexes use the default operator classes of the types.
SELECT c.relname AS index, am.amname AS method, opc.opcname AS opclass, opc.opcdefault AS is_default
FROM pg_index i
JOIN pg_class c ON c.oid = i.indexrelid
JOIN pg_am am ON am.oid = c.relam
JOIN pg_opclass opc ON opc.oid = i.indclass[0]
WHERE c.relname LIKE 'ix\_%'
ORDER BY 1;

SET enable_seqscan = off;
SET enable_bitmapscan = off;

--
-- idcard
--
-- equality through the btree index, and through the hash index
BEGIN;
DROP INDEX ix_idcard_hash;
EXPLAIN (COSTS OFF) SELECT n FROM ix_idcard WHERE id = '11010519491231002X';
SELECT count(*) AS found_through_btree
FROM ix_idcard a WHERE a.id = (SELECT id FROM ix_idcard b WHERE b.n = a.n);
SELECT n FROM ix_idcard WHERE id = '11010519491231002X';
ROLLBACK;
BEGIN;
DROP INDEX ix_idcard_btree;
EXPLAIN (COSTS OFF) SELECT n FROM ix_idcard WHERE id = '11010519491231002X';
SELECT count(*) AS found_through_hash
FROM ix_idcard a WHERE a.id = (SELECT id FROM ix_idcard b WHERE b.n = a.n);
SELECT n FROM ix_idcard WHERE id = '11010519491231002X';
ROLLBACK;
-- a 15-digit number finds its 18-digit form through either index
SELECT n AS wanted_n, left(id::text, 6) || substr(id::text, 9, 9) AS fifteen_digits
FROM ix_idcard WHERE born_in_1900s ORDER BY n LIMIT 1 OFFSET 500 \gset
\echo :fifteen_digits
SELECT n = :wanted_n AS found_by_fifteen_digits FROM ix_idcard WHERE id = :'fifteen_digits';
BEGIN;
DROP INDEX ix_idcard_hash;
SELECT n = :wanted_n AS found_by_fifteen_digits_through_btree FROM ix_idcard WHERE id = :'fifteen_digits';
ROLLBACK;
BEGIN;
DROP INDEX ix_idcard_btree;
SELECT n = :wanted_n AS found_by_fifteen_digits_through_hash FROM ix_idcard WHERE id = :'fifteen_digits';
ROLLBACK;
-- ranges and order through the btree index
SELECT lo || pg_temp.idcard_check(lo) AS lo, hi || pg_temp.idcard_check(hi) AS hi
FROM (VALUES ('33010619500101000', '33010620000101000')) AS t(lo, hi) \gset range_
EXPLAIN (COSTS OFF) SELECT id FROM ix_idcard WHERE id >= :'range_lo' AND id < :'range_hi';
SELECT count(*) AS in_range,
       (SELECT count(*) FROM ix_idcard
        WHERE id::text COLLATE "C" >= :'range_lo' AND id::text COLLATE "C" < :'range_hi') AS by_text,
       (SELECT count(*) FROM ix_idcard
        WHERE region(id) = '330106' AND birth_date(id) BETWEEN '1950-01-01' AND '1999-12-31') AS by_accessors
FROM ix_idcard WHERE id >= :'range_lo' AND id < :'range_hi';
EXPLAIN (COSTS OFF) SELECT id FROM ix_idcard ORDER BY id LIMIT 3;
SELECT id FROM ix_idcard ORDER BY id LIMIT 3;
SELECT id FROM ix_idcard ORDER BY id DESC LIMIT 3;
SELECT array_agg(id ORDER BY id)::text[] = array_agg(id::text ORDER BY id::text COLLATE "C") AS index_order_is_text_order
FROM ix_idcard;

--
-- orgcode
--
BEGIN;
DROP INDEX ix_orgcode_hash;
EXPLAIN (COSTS OFF) SELECT n FROM ix_orgcode WHERE code = 'D2143569-X';
SELECT count(*) AS found_through_btree
FROM ix_orgcode a WHERE a.code = (SELECT code FROM ix_orgcode b WHERE b.n = a.n);
ROLLBACK;
BEGIN;
DROP INDEX ix_orgcode_btree;
EXPLAIN (COSTS OFF) SELECT n FROM ix_orgcode WHERE code = 'D2143569-X';
SELECT count(*) AS found_through_hash
FROM ix_orgcode a WHERE a.code = (SELECT code FROM ix_orgcode b WHERE b.n = a.n);
ROLLBACK;
SELECT n, code FROM ix_orgcode WHERE code = (SELECT code FROM ix_orgcode WHERE n = 1234);
SELECT lo || '-' || pg_temp.orgcode_check(lo) AS lo, hi || '-' || pg_temp.orgcode_check(hi) AS hi
FROM (VALUES ('00100000', '00200000')) AS t(lo, hi) \gset range_
EXPLAIN (COSTS OFF) SELECT code FROM ix_orgcode WHERE code BETWEEN :'range_lo' AND :'range_hi';
SELECT count(*) AS in_range,
       (SELECT count(*) FROM ix_orgcode
        WHERE code::text COLLATE "C" BETWEEN :'range_lo' AND :'range_hi') AS by_text
FROM ix_orgcode WHERE code BETWEEN :'range_lo' AND :'range_hi';
EXPLAIN (COSTS OFF) SELECT code FROM ix_orgcode ORDER BY code DESC LIMIT 3;
SELECT code FROM ix_orgcode ORDER BY code DESC LIMIT 3;
SELECT array_agg(code ORDER BY code)::text[] = array_agg(code::text ORDER BY code::text COLLATE "C") AS index_order_is_text_order
FROM ix_orgcode;

--
-- uscc
--
BEGIN;
DROP INDEX ix_uscc_hash;
EXPLAIN (COSTS OFF) SELECT n FROM ix_uscc WHERE code = '91350100M000100Y43';
SELECT count(*) AS found_through_btree
FROM ix_uscc a WHERE a.code = (SELECT code FROM ix_uscc b WHERE b.n = a.n);
ROLLBACK;
BEGIN;
DROP INDEX ix_uscc_btree;
EXPLAIN (COSTS OFF) SELECT n FROM ix_uscc WHERE code = '91350100M000100Y43';
SELECT count(*) AS found_through_hash
FROM ix_uscc a WHERE a.code = (SELECT code FROM ix_uscc b WHERE b.n = a.n);
ROLLBACK;
SELECT n, code FROM ix_uscc WHERE code = (SELECT code FROM ix_uscc WHERE n = 1234);
-- everything registered by 民政 (5) in Shenzhen (440300)
SELECT lo || pg_temp.uscc_check(lo) AS lo, hi || pg_temp.uscc_check(hi) AS hi
FROM (VALUES ('52440300000000000', '52440301000000000')) AS t(lo, hi) \gset range_
EXPLAIN (COSTS OFF) SELECT code FROM ix_uscc WHERE code >= :'range_lo' AND code < :'range_hi';
SELECT count(*) AS in_range,
       (SELECT count(*) FROM ix_uscc
        WHERE code::text COLLATE "C" >= :'range_lo' AND code::text COLLATE "C" < :'range_hi') AS by_text,
       (SELECT count(*) FROM ix_uscc
        WHERE registration_authority(code) = '5' AND region(code) = '440300') AS by_accessors
FROM ix_uscc WHERE code >= :'range_lo' AND code < :'range_hi';
SELECT array_agg(code ORDER BY code)::text[] = array_agg(code::text ORDER BY code::text COLLATE "C") AS index_order_is_text_order
FROM ix_uscc;

--
-- estate_unit
--
BEGIN;
DROP INDEX ix_estate_unit_hash;
EXPLAIN (COSTS OFF) SELECT n FROM ix_estate_unit WHERE unit = '450103001001GB00001F00010001';
SELECT count(*) AS found_through_btree
FROM ix_estate_unit a WHERE a.unit = (SELECT unit FROM ix_estate_unit b WHERE b.n = a.n);
ROLLBACK;
BEGIN;
DROP INDEX ix_estate_unit_btree;
EXPLAIN (COSTS OFF) SELECT n FROM ix_estate_unit WHERE unit = '450103001001GB00001F00010001';
SELECT count(*) AS found_through_hash
FROM ix_estate_unit a WHERE a.unit = (SELECT unit FROM ix_estate_unit b WHERE b.n = a.n);
ROLLBACK;
SELECT n, unit FROM ix_estate_unit WHERE unit = (SELECT unit FROM ix_estate_unit WHERE n = 1234);
-- every unit on one parcel, as a range over the index
EXPLAIN (COSTS OFF) SELECT unit FROM ix_estate_unit
WHERE unit >= '450103004006GB00123F00000000' AND unit <= '450103004006GB00123W00000000';
SELECT unit FROM ix_estate_unit
WHERE unit >= '450103004006GB00123F00000000' AND unit <= '450103004006GB00123W00000000'
ORDER BY unit;
SELECT count(*) AS on_parcel_by_accessor FROM ix_estate_unit WHERE parcel(unit) = '450103004006GB00123';
SELECT array_agg(unit ORDER BY unit)::text[] = array_agg(unit::text ORDER BY unit::text COLLATE "C") AS index_order_is_text_order
FROM ix_estate_unit;

--
-- certid
--
BEGIN;
DROP INDEX ix_certid_hash;
EXPLAIN (COSTS OFF) SELECT n FROM ix_certid WHERE cert = '1.2.156.3005.2.11100000000013338W032.220100.ABC.007.5';
SELECT count(*) AS found_through_btree
FROM ix_certid a WHERE a.cert = (SELECT cert FROM ix_certid b WHERE b.n = a.n);
ROLLBACK;
BEGIN;
DROP INDEX ix_certid_btree;
EXPLAIN (COSTS OFF) SELECT n FROM ix_certid WHERE cert = '1.2.156.3005.2.11100000000013338W032.220100.ABC.007.5';
SELECT count(*) AS found_through_hash
FROM ix_certid a WHERE a.cert = (SELECT cert FROM ix_certid b WHERE b.n = a.n);
ROLLBACK;
SELECT n, cert FROM ix_certid WHERE cert = (SELECT cert FROM ix_certid WHERE n = 1234);
-- every certificate of one type, as a range over the index
EXPLAIN (COSTS OFF) SELECT cert FROM ix_certid
WHERE cert >= make_certid('91350100M000100Y43001', '100000', '0', 0)
  AND cert < make_certid('91350100M000100Y43002', '100000', '0', 0);
SELECT count(*) AS of_type,
       (SELECT count(*) FROM ix_certid WHERE certid_type_code(cert) = '91350100M000100Y43001') AS by_accessor
FROM ix_certid
WHERE cert >= make_certid('91350100M000100Y43001', '100000', '0', 0)
  AND cert < make_certid('91350100M000100Y43002', '100000', '0', 0);
SELECT array_agg(cert ORDER BY cert)::text[] = array_agg(cert::text ORDER BY cert::text COLLATE "C") AS index_order_is_text_order
FROM ix_certid;

RESET enable_seqscan;
RESET enable_bitmapscan;

--
-- Joins: hash join and merge join on each type give the same rows.
--
-- the second side holds every third identity number, those born in the
-- 1900s under a mainland province written in their 15-digit form
CREATE TABLE ix_idcard_seen (id idcard);
INSERT INTO ix_idcard_seen
SELECT CASE WHEN born_in_1900s AND left(id::text, 2)::int <= 65
            THEN (left(id::text, 6) || substr(id::text, 9, 9))::text::idcard ELSE id END
FROM ix_idcard WHERE n % 3 = 0;
ANALYZE ix_idcard_seen;
SET enable_nestloop = off;
SET enable_mergejoin = off;
EXPLAIN (COSTS OFF) SELECT count(*) FROM ix_idcard JOIN ix_idcard_seen USING (id);
SELECT count(*) AS hash_joined FROM ix_idcard JOIN ix_idcard_seen USING (id);
RESET enable_mergejoin;
SET enable_hashjoin = off;
EXPLAIN (COSTS OFF) SELECT count(*) FROM ix_idcard JOIN ix_idcard_seen USING (id);
SELECT count(*) AS merge_joined FROM ix_idcard JOIN ix_idcard_seen USING (id);
RESET enable_hashjoin;
SELECT count(*) AS expected FROM ix_idcard WHERE n % 3 = 0;

-- organisation codes joined to the unified social credit codes that embed them
SET enable_mergejoin = off;
EXPLAIN (COSTS OFF) SELECT count(*) FROM ix_orgcode o JOIN ix_uscc u ON orgcode(u.code) = o.code;
SELECT count(*) AS hash_joined FROM ix_orgcode o JOIN ix_uscc u ON orgcode(u.code) = o.code;
RESET enable_mergejoin;
SET enable_hashjoin = off;
EXPLAIN (COSTS OFF) SELECT count(*) FROM ix_orgcode o JOIN ix_uscc u ON orgcode(u.code) = o.code;
SELECT count(*) AS merge_joined FROM ix_orgcode o JOIN ix_uscc u ON orgcode(u.code) = o.code;
RESET enable_hashjoin;
SELECT count(*) AS expected FROM ix_uscc;

-- self-joins of the other types through a copy
CREATE TABLE ix_copy AS
SELECT u.code, e.unit, c.cert
FROM ix_uscc u JOIN ix_estate_unit e USING (n) JOIN ix_certid c USING (n)
WHERE n % 2 = 0;
ANALYZE ix_copy;
SET enable_mergejoin = off;
EXPLAIN (COSTS OFF) SELECT count(*) FROM ix_uscc JOIN ix_copy USING (code);
SELECT (SELECT count(*) FROM ix_uscc JOIN ix_copy USING (code)) AS uscc_hash_joined,
       (SELECT count(*) FROM ix_estate_unit JOIN ix_copy USING (unit)) AS estate_unit_hash_joined,
       (SELECT count(*) FROM ix_certid JOIN ix_copy USING (cert)) AS certid_hash_joined;
RESET enable_mergejoin;
SET enable_hashjoin = off;
EXPLAIN (COSTS OFF) SELECT count(*) FROM ix_certid JOIN ix_copy USING (cert);
SELECT (SELECT count(*) FROM ix_uscc JOIN ix_copy USING (code)) AS uscc_merge_joined,
       (SELECT count(*) FROM ix_estate_unit JOIN ix_copy USING (unit)) AS estate_unit_merge_joined,
       (SELECT count(*) FROM ix_certid JOIN ix_copy USING (cert)) AS certid_merge_joined;
RESET enable_hashjoin;
RESET enable_nestloop;
SELECT count(*) AS expected FROM ix_copy;

--
-- A unique index treats the 15-digit and the 18-digit form as the same number.
--
CREATE TABLE ix_people (id idcard);
CREATE UNIQUE INDEX ix_people_id ON ix_people (id);
INSERT INTO ix_people VALUES ('610104196209276908');
INSERT INTO ix_people VALUES ('610104620927690');
\echo SQLSTATE :LAST_ERROR_SQLSTATE
INSERT INTO ix_people VALUES ('150102880730303');
INSERT INTO ix_people VALUES ('150102198807303035');
\echo SQLSTATE :LAST_ERROR_SQLSTATE
-- and upper and lower case x are the same number
INSERT INTO ix_people VALUES ('11010519491231002X');
INSERT INTO ix_people VALUES ('11010519491231002x');
\echo SQLSTATE :LAST_ERROR_SQLSTATE
INSERT INTO ix_people VALUES ('11010519491231002x') ON CONFLICT (id) DO NOTHING;
SELECT id FROM ix_people ORDER BY id;
-- the same for the other types: a unique index over differently written equal values
CREATE TABLE ix_unique_codes (code uscc UNIQUE, org orgcode UNIQUE, unit estate_unit UNIQUE, cert certid UNIQUE);
INSERT INTO ix_unique_codes VALUES ('91350100M000100Y43', 'D2143569-X', '450103001001GB00001F00010001',
                                    '1.2.156.3005.2.11100000000013338W032.220100.ABC.007.5');
INSERT INTO ix_unique_codes (code) VALUES (' 91350100m000100y43');
\echo SQLSTATE :LAST_ERROR_SQLSTATE
INSERT INTO ix_unique_codes (org) VALUES ('d2143569x');
\echo SQLSTATE :LAST_ERROR_SQLSTATE
INSERT INTO ix_unique_codes (unit) VALUES ('450103001001gb00001f00010001');
\echo SQLSTATE :LAST_ERROR_SQLSTATE
INSERT INTO ix_unique_codes (cert) VALUES ('1.2.156.3005.2.11100000000013338w032.220100.abc.007.5');
\echo SQLSTATE :LAST_ERROR_SQLSTATE

DROP TABLE ix_idcard, ix_idcard_seen, ix_orgcode, ix_uscc, ix_estate_unit, ix_certid, ix_copy,
  ix_people, ix_unique_codes;

--
-- binary_copy: the binary (send/receive) form of the five types.
--
-- Each binary value is one version byte (1) followed by the key: 8 bytes
-- for idcard and orgcode, 16 bytes for uscc and estate_unit (big-endian),
-- the full text for certid.
--
SET search_path = yiwang, public;

-- A number as width big-endian bytes.
CREATE FUNCTION pg_temp.big_endian(n numeric, width int) RETURNS bytea
LANGUAGE plpgsql IMMUTABLE STRICT AS $$
DECLARE
  result bytea := '';
BEGIN
  FOR i IN 1 .. width LOOP
    result := set_byte('\x00'::bytea, 0, mod(n, 256)::int) || result;
    n := div(n, 256);
  END LOOP;
  RETURN result;
END
$$;
-- The documented keys, computed here in SQL from the text form:
-- idcard: the first 17 digits as an integer
CREATE FUNCTION pg_temp.idcard_key(v text) RETURNS numeric
LANGUAGE sql IMMUTABLE STRICT AS $$ SELECT left(v, 17)::numeric $$;
-- orgcode: the 8 body characters in base 36
CREATE FUNCTION pg_temp.orgcode_key(v text) RETURNS numeric
LANGUAGE sql IMMUTABLE STRICT AS $$
  SELECT sum((strpos('0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ', substr(v, i, 1)) - 1) * 36::numeric ^ (8 - i))
  FROM generate_series(1, 8) AS i
$$;
-- uscc: the first 17 characters in base 31 over the GB 32100 alphabet,
-- shifted 43 bits left so that the 85-bit number starts at the first byte
CREATE FUNCTION pg_temp.uscc_key(v text) RETURNS numeric
LANGUAGE sql IMMUTABLE STRICT AS $$
  SELECT sum((strpos('0123456789ABCDEFGHJKLMNPQRTUWXY', substr(v, i, 1)) - 1) * 31::numeric ^ (17 - i))
         * 2::numeric ^ 43
  FROM generate_series(1, 17) AS i
$$;
-- estate_unit: each character a digit over its position's alphabet,
-- shifted 37 bits left so that the 91-bit number starts at the first byte
CREATE FUNCTION pg_temp.estate_unit_key(v text) RETURNS numeric
LANGUAGE plpgsql IMMUTABLE STRICT AS $$
DECLARE
  alphabets text[] := ARRAY['0123456789', '0123456789', '0123456789', '0123456789', '0123456789',
                            '0123456789', '0123456789', '0123456789', '0123456789', '0123456789',
                            '0123456789', '0123456789', 'GJZ', 'ABCDEFGHSWXY', '0123456789',
                            '0123456789', '0123456789', '0123456789', '0123456789', 'FLQW',
                            '0123456789', '0123456789', '0123456789', '0123456789', '0123456789',
                            '0123456789', '0123456789', '0123456789'];
  key numeric := 0;
BEGIN
  FOR i IN 1 .. 28 LOOP
    key := key * length(alphabets[i]) + strpos(alphabets[i], substr(v, i, 1)) - 1;
  END LOOP;
  RETURN key * 2::numeric ^ 37;
END
$$;

--
-- The send functions write the documented layout.
--
SELECT v, idcard_send(v::idcard) AS sent,
       idcard_send(v::idcard) = '\x01'::bytea || pg_temp.big_endian(pg_temp.idcard_key(upper(v)), 8) AS documented
FROM unnest(ARRAY['11010519491231002X', '440524188001010014', '932682198501010017']) AS v
ORDER BY v;
SELECT idcard_send('610104620927690') = idcard_send('610104196209276908') AS fifteen_digits_sent_as_eighteen;
SELECT v, orgcode_send(v::orgcode) AS sent,
       orgcode_send(v::orgcode) = '\x01'::bytea || pg_temp.big_endian(pg_temp.orgcode_key(v), 8) AS documented
FROM unnest(ARRAY['D2143569-X', '12345678-8', '00000000-0', 'ZZZZZZZZ-3']) AS v
ORDER BY v;
SELECT v, uscc_send(v::uscc) AS sent,
       uscc_send(v::uscc) = '\x01'::bytea || pg_temp.big_endian(pg_temp.uscc_key(v), 16) AS documented
FROM unnest(ARRAY['91350100M000100Y43', '91110000600037341L', '914403001922038216',
                  '11100000000013338W']) AS v
ORDER BY v;
SELECT v, estate_unit_send(v::estate_unit) AS sent,
       estate_unit_send(v::estate_unit) = '\x01'::bytea || pg_temp.big_endian(pg_temp.estate_unit_key(v), 16)
         AS documented
FROM unnest(ARRAY['450103001001GB00001F00010001', '450103001001GB00001W00000000',
                  '650102999999ZY99999Q99999999']) AS v
ORDER BY v;
SELECT v, certid_send(v::certid) = '\x01'::bytea || convert_to(v, 'UTF8') AS documented
FROM unnest(ARRAY['1.2.156.3005.2.11100000000013338W032.11220000013544541J.2430599.001.F',
                  '1.2.156.3005.2.11100000000013338W032.220100.ABC.007.5']) AS v
ORDER BY v;

--
-- A table with all five types, COPY'd out in binary and back into another
-- table: the same rows come back.
--
CREATE TABLE binary_source (
  n int,
  id idcard,
  code uscc,
  org orgcode,
  unit estate_unit,
  cert certid
);
INSERT INTO binary_source
SELECT i,
       idcard(b || substr('10X98765432',
                          (SELECT (sum(substr(b, k, 1)::int
                                       * (ARRAY[7,9,10,5,8,4,2,1,6,3,7,9,10,5,8,4,2])[k]) % 11)::int
                           FROM generate_series(1, 17) AS k) + 1, 1)),
       (ARRAY['91350100M000100Y43', '91110000600037341L', '914403001922038216',
              '11100000000013338W'])[i % 4 + 1]::uscc,
       orgcode(org || substr('0123456789X0',
                             (SELECT (11 - sum((strpos('0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ', substr(org, k, 1)) - 1)
                                               * (ARRAY[3,7,9,10,5,8,4,2])[k]) % 11)::int
                              FROM generate_series(1, 8) AS k) + 1, 1)),
       estate_unit('450103001001' || (ARRAY['GA', 'JB', 'ZY'])[i % 3 + 1] || lpad(i::text, 5, '0')
                   || (ARRAY['F', 'L', 'Q'])[i % 3 + 1] || lpad((i * 7)::text, 8, '0')),
       make_certid('11100000000013338W032', (ARRAY['220100', '11220000013544541J'])[i % 2 + 1],
                   to_hex(i * 104729), i % 1000)
FROM generate_series(1, 300) AS i,
     LATERAL (SELECT (ARRAY['110105', '440524', '932682', '810000'])[i % 4 + 1]
                     || to_char(date '1950-01-01' + i * 97, 'YYYYMMDD') || lpad(i::text, 3, '0') AS b,
                     upper(lpad(to_hex(i * 7919), 8, 'A')) AS org) AS parts;
-- a row of NULLs, and a 15-digit number
INSERT INTO binary_source VALUES (0, NULL, NULL, NULL, NULL, NULL);
INSERT INTO binary_source (n, id) VALUES (301, '610104620927690');
SELECT count(*) AS rows_, count(DISTINCT id) AS ids, count(DISTINCT code) AS codes,
       count(DISTINCT org) AS orgs, count(DISTINCT unit) AS units, count(DISTINCT cert) AS certs
FROM binary_source;

SELECT '/tmp/yiwang_binary_copy_' || current_database() || '_' || pg_backend_pid() || '.bin' AS copy_file \gset
COPY binary_source TO :'copy_file' (FORMAT binary);
-- the file holds the send form of every value
SELECT count(*) FILTER (WHERE position(idcard_send(id) IN f) = 0) AS ids_missing,
       count(*) FILTER (WHERE position(uscc_send(code) IN f) = 0) AS codes_missing,
       count(*) FILTER (WHERE position(orgcode_send(org) IN f) = 0) AS orgs_missing,
       count(*) FILTER (WHERE position(estate_unit_send(unit) IN f) = 0) AS units_missing,
       count(*) FILTER (WHERE position(certid_send(cert) IN f) = 0) AS certs_missing
FROM binary_source, pg_read_binary_file(:'copy_file') AS f
WHERE n > 0;
SELECT substr(pg_read_binary_file(:'copy_file'), 1, 11) = '\x5047434f50590aff0d0a00'::bytea AS binary_copy_header;

CREATE TABLE binary_target (LIKE binary_source);
COPY binary_target FROM :'copy_file' (FORMAT binary);
SELECT count(*) AS rows_back FROM binary_target;
SELECT count(*) AS lost FROM (SELECT * FROM binary_source EXCEPT ALL SELECT * FROM binary_target) AS d;
SELECT count(*) AS gained FROM (SELECT * FROM binary_target EXCEPT ALL SELECT * FROM binary_source) AS d;
SELECT count(*) AS rows_differing_as_text
FROM binary_source s JOIN binary_target t USING (n)
WHERE (s.id::text, s.code::text, s.org::text, s.unit::text, s.cert::text)
      IS DISTINCT FROM (t.id::text, t.code::text, t.org::text, t.unit::text, t.cert::text);
SELECT n, id, code, org, unit, cert FROM binary_target WHERE n IN (0, 1, 2, 301) ORDER BY n;

--
-- Crafted binary values: the right version byte and a valid key load; a
-- wrong version byte, a key no valid value has, or a short or long field
-- are rejected.  Each payload is written as a bytea field (whose binary
-- form is its raw bytes) and read back as the yiwang type.
--
CREATE TABLE binary_payloads (name text PRIMARY KEY, payload bytea);
INSERT INTO binary_payloads VALUES
  ('idcard ok', '\x01'::bytea || int8send(11010519491231002)),
  ('idcard version 2', '\x02'::bytea || int8send(11010519491231002)),
  ('idcard version 0', '\x00'::bytea || int8send(11010519491231002)),
  ('idcard province 99', '\x01'::bytea || int8send(99042619911201007)),
  ('idcard month 13', '\x01'::bytea || int8send(36042619911301007)),
  ('idcard 18 digits', '\x01'::bytea || int8send(110105194912310020)),
  ('idcard negative', '\x01'::bytea || int8send(-1)),
  ('idcard short', '\x01'::bytea || int4send(1)),
  ('idcard long', '\x01'::bytea || int8send(11010519491231002) || '\x00'::bytea),
  ('orgcode ok', '\x01'::bytea || pg_temp.big_endian(pg_temp.orgcode_key('D2143569'), 8)),
  ('orgcode version 2', '\x02'::bytea || pg_temp.big_endian(pg_temp.orgcode_key('D2143569'), 8)),
  ('orgcode 36^8', '\x01'::bytea || pg_temp.big_endian(36::numeric ^ 8, 8)),
  ('uscc ok', '\x01'::bytea || pg_temp.big_endian(pg_temp.uscc_key('91350100M000100Y4'), 16)),
  ('uscc version 2', '\x02'::bytea || pg_temp.big_endian(pg_temp.uscc_key('91350100M000100Y4'), 16)),
  ('uscc 31^17', '\x01'::bytea || pg_temp.big_endian(31::numeric ^ 17 * 2::numeric ^ 43, 16)),
  ('uscc low bit set', '\x01'::bytea || pg_temp.big_endian(pg_temp.uscc_key('91350100M000100Y4') + 1, 16)),
  ('uscc letter in division', '\x01'::bytea || pg_temp.big_endian(pg_temp.uscc_key('91A50100M000100Y4'), 16)),
  ('uscc all ones', '\x01'::bytea || decode(repeat('ff', 16), 'hex')),
  ('estate_unit ok', '\x01'::bytea || pg_temp.big_endian(pg_temp.estate_unit_key('450103001001GB00001F00010001'), 16)),
  ('estate_unit version 2', '\x02'::bytea || pg_temp.big_endian(pg_temp.estate_unit_key('450103001001GB00001F00010001'), 16)),
  ('estate_unit W not zero', '\x01'::bytea || pg_temp.big_endian(pg_temp.estate_unit_key('450103001001GB00001W00000001'), 16)),
  ('estate_unit province 99', '\x01'::bytea || pg_temp.big_endian(pg_temp.estate_unit_key('990103001001GB00001F00010001'), 16)),
  ('estate_unit all ones', '\x01'::bytea || decode(repeat('ff', 16), 'hex')),
  ('certid ok', '\x01'::bytea || convert_to('1.2.156.3005.2.11100000000013338W032.220100.ABC.007.5', 'UTF8')),
  ('certid lower case', '\x01'::bytea || convert_to('1.2.156.3005.2.11100000000013338w032.220100.abc.007.5', 'UTF8')),
  ('certid version 2', '\x02'::bytea || convert_to('1.2.156.3005.2.11100000000013338W032.220100.ABC.007.5', 'UTF8')),
  ('certid check', '\x01'::bytea || convert_to('1.2.156.3005.2.11100000000013338W032.220100.ABC.007.6', 'UTF8')),
  ('certid no root', '\x01'::bytea || convert_to('11100000000013338W032.220100.ABC.007.5', 'UTF8')),
  ('certid empty', '\x01'::bytea);
-- the valid payloads are exactly what the send functions produce
SELECT name, payload = CASE name
         WHEN 'idcard ok' THEN idcard_send('11010519491231002X')
         WHEN 'orgcode ok' THEN orgcode_send('D2143569-X')
         WHEN 'uscc ok' THEN uscc_send('91350100M000100Y43')
         WHEN 'estate_unit ok' THEN estate_unit_send('450103001001GB00001F00010001')
         WHEN 'certid ok' THEN certid_send('1.2.156.3005.2.11100000000013338W032.220100.ABC.007.5')
       END AS same_as_sent
FROM binary_payloads WHERE name LIKE '% ok' ORDER BY name;

CREATE TABLE binary_probe_idcard (v idcard);
CREATE TABLE binary_probe_orgcode (v orgcode);
CREATE TABLE binary_probe_uscc (v uscc);
CREATE TABLE binary_probe_estate_unit (v estate_unit);
CREATE TABLE binary_probe_certid (v certid);

-- idcard
COPY (SELECT payload FROM binary_payloads WHERE name = 'idcard ok') TO :'copy_file' (FORMAT binary);
COPY binary_probe_idcard FROM :'copy_file' (FORMAT binary);
COPY (SELECT payload FROM binary_payloads WHERE name = 'idcard version 2') TO :'copy_file' (FORMAT binary);
COPY binary_probe_idcard FROM :'copy_file' (FORMAT binary);
\echo SQLSTATE :LAST_ERROR_SQLSTATE
COPY (SELECT payload FROM binary_payloads WHERE name = 'idcard version 0') TO :'copy_file' (FORMAT binary);
COPY binary_probe_idcard FROM :'copy_file' (FORMAT binary);
\echo SQLSTATE :LAST_ERROR_SQLSTATE
COPY (SELECT payload FROM binary_payloads WHERE name = 'idcard province 99') TO :'copy_file' (FORMAT binary);
COPY binary_probe_idcard FROM :'copy_file' (FORMAT binary);
\echo SQLSTATE :LAST_ERROR_SQLSTATE
COPY (SELECT payload FROM binary_payloads WHERE name = 'idcard month 13') TO :'copy_file' (FORMAT binary);
COPY binary_probe_idcard FROM :'copy_file' (FORMAT binary);
\echo SQLSTATE :LAST_ERROR_SQLSTATE
COPY (SELECT payload FROM binary_payloads WHERE name = 'idcard 18 digits') TO :'copy_file' (FORMAT binary);
COPY binary_probe_idcard FROM :'copy_file' (FORMAT binary);
\echo SQLSTATE :LAST_ERROR_SQLSTATE
COPY (SELECT payload FROM binary_payloads WHERE name = 'idcard negative') TO :'copy_file' (FORMAT binary);
COPY binary_probe_idcard FROM :'copy_file' (FORMAT binary);
\echo SQLSTATE :LAST_ERROR_SQLSTATE
COPY (SELECT payload FROM binary_payloads WHERE name = 'idcard short') TO :'copy_file' (FORMAT binary);
COPY binary_probe_idcard FROM :'copy_file' (FORMAT binary);
\echo SQLSTATE :LAST_ERROR_SQLSTATE
COPY (SELECT payload FROM binary_payloads WHERE name = 'idcard long') TO :'copy_file' (FORMAT binary);
COPY binary_probe_idcard FROM :'copy_file' (FORMAT binary);
\echo SQLSTATE :LAST_ERROR_SQLSTATE
SELECT v FROM binary_probe_idcard;

-- orgcode
COPY (SELECT payload FROM binary_payloads WHERE name = 'orgcode ok') TO :'copy_file' (FORMAT binary);
COPY binary_probe_orgcode FROM :'copy_file' (FORMAT binary);
COPY (SELECT payload FROM binary_payloads WHERE name = 'orgcode version 2') TO :'copy_file' (FORMAT binary);
COPY binary_probe_orgcode FROM :'copy_file' (FORMAT binary);
\echo SQLSTATE :LAST_ERROR_SQLSTATE
COPY (SELECT payload FROM binary_payloads WHERE name = 'orgcode 36^8') TO :'copy_file' (FORMAT binary);
COPY binary_probe_orgcode FROM :'copy_file' (FORMAT binary);
\echo SQLSTATE :LAST_ERROR_SQLSTATE
SELECT v FROM binary_probe_orgcode;

-- uscc
COPY (SELECT payload FROM binary_payloads WHERE name = 'uscc ok') TO :'copy_file' (FORMAT binary);
COPY binary_probe_uscc FROM :'copy_file' (FORMAT binary);
COPY (SELECT payload FROM binary_payloads WHERE name = 'uscc version 2') TO :'copy_file' (FORMAT binary);
COPY binary_probe_uscc FROM :'copy_file' (FORMAT binary);
\echo SQLSTATE :LAST_ERROR_SQLSTATE
COPY (SELECT payload FROM binary_payloads WHERE name = 'uscc 31^17') TO :'copy_file' (FORMAT binary);
COPY binary_probe_uscc FROM :'copy_file' (FORMAT binary);
\echo SQLSTATE :LAST_ERROR_SQLSTATE
COPY (SELECT payload FROM binary_payloads WHERE name = 'uscc low bit set') TO :'copy_file' (FORMAT binary);
COPY binary_probe_uscc FROM :'copy_file' (FORMAT binary);
\echo SQLSTATE :LAST_ERROR_SQLSTATE
COPY (SELECT payload FROM binary_payloads WHERE name = 'uscc letter in division') TO :'copy_file' (FORMAT binary);
COPY binary_probe_uscc FROM :'copy_file' (FORMAT binary);
\echo SQLSTATE :LAST_ERROR_SQLSTATE
COPY (SELECT payload FROM binary_payloads WHERE name = 'uscc all ones') TO :'copy_file' (FORMAT binary);
COPY binary_probe_uscc FROM :'copy_file' (FORMAT binary);
\echo SQLSTATE :LAST_ERROR_SQLSTATE
SELECT v FROM binary_probe_uscc;

-- estate_unit
COPY (SELECT payload FROM binary_payloads WHERE name = 'estate_unit ok') TO :'copy_file' (FORMAT binary);
COPY binary_probe_estate_unit FROM :'copy_file' (FORMAT binary);
COPY (SELECT payload FROM binary_payloads WHERE name = 'estate_unit version 2') TO :'copy_file' (FORMAT binary);
COPY binary_probe_estate_unit FROM :'copy_file' (FORMAT binary);
\echo SQLSTATE :LAST_ERROR_SQLSTATE
COPY (SELECT payload FROM binary_payloads WHERE name = 'estate_unit W not zero') TO :'copy_file' (FORMAT binary);
COPY binary_probe_estate_unit FROM :'copy_file' (FORMAT binary);
\echo SQLSTATE :LAST_ERROR_SQLSTATE
COPY (SELECT payload FROM binary_payloads WHERE name = 'estate_unit province 99') TO :'copy_file' (FORMAT binary);
COPY binary_probe_estate_unit FROM :'copy_file' (FORMAT binary);
\echo SQLSTATE :LAST_ERROR_SQLSTATE
COPY (SELECT payload FROM binary_payloads WHERE name = 'estate_unit all ones') TO :'copy_file' (FORMAT binary);
COPY binary_probe_estate_unit FROM :'copy_file' (FORMAT binary);
\echo SQLSTATE :LAST_ERROR_SQLSTATE
SELECT v FROM binary_probe_estate_unit;

-- certid: the payload is the full text, checked as text input is
COPY (SELECT payload FROM binary_payloads WHERE name = 'certid ok') TO :'copy_file' (FORMAT binary);
COPY binary_probe_certid FROM :'copy_file' (FORMAT binary);
COPY (SELECT payload FROM binary_payloads WHERE name = 'certid lower case') TO :'copy_file' (FORMAT binary);
COPY binary_probe_certid FROM :'copy_file' (FORMAT binary);
COPY (SELECT payload FROM binary_payloads WHERE name = 'certid version 2') TO :'copy_file' (FORMAT binary);
COPY binary_probe_certid FROM :'copy_file' (FORMAT binary);
\echo SQLSTATE :LAST_ERROR_SQLSTATE
COPY (SELECT payload FROM binary_payloads WHERE name = 'certid check') TO :'copy_file' (FORMAT binary);
COPY binary_probe_certid FROM :'copy_file' (FORMAT binary);
\echo SQLSTATE :LAST_ERROR_SQLSTATE
COPY (SELECT payload FROM binary_payloads WHERE name = 'certid no root') TO :'copy_file' (FORMAT binary);
COPY binary_probe_certid FROM :'copy_file' (FORMAT binary);
\echo SQLSTATE :LAST_ERROR_SQLSTATE
COPY (SELECT payload FROM binary_payloads WHERE name = 'certid empty') TO :'copy_file' (FORMAT binary);
COPY binary_probe_certid FROM :'copy_file' (FORMAT binary);
\echo SQLSTATE :LAST_ERROR_SQLSTATE
SELECT v, certid_send(v) = (SELECT payload FROM binary_payloads WHERE name = 'certid ok') AS sends_canonical
FROM binary_probe_certid;

-- clean up the file
SELECT 'rm -f ' || :'copy_file' AS remove_command \gset
COPY (SELECT) TO PROGRAM :'remove_command';
SELECT pg_stat_file(:'copy_file', true) IS NULL AS file_removed;

DROP TABLE binary_source, binary_target, binary_payloads, binary_probe_idcard, binary_probe_orgcode,
  binary_probe_uscc, binary_probe_estate_unit, binary_probe_certid;

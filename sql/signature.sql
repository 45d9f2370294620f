--
-- signature: yiwang.sm3, yiwang.generate_keypair, yiwang.sign and
-- yiwang.verify (SM2 with SM3, Ed25519), and interoperability with the
-- openssl command line in both directions.
--
-- Signatures and keys are random: the output shows only whether they
-- verify, their shape and their lengths.  Errors are shown with their
-- DETAIL and HINT; the SQLSTATE is echoed after each one.
--
SET search_path = yiwang, public;

--
-- SM3 (GB/T 32905-2016)
--

-- example 1: "abc"
SELECT encode(sm3('abc'::bytea), 'hex') AS sm3_abc;
-- example 2: "abcd" repeated 16 times, 512 bits
SELECT encode(sm3(convert_to(repeat('abcd', 16), 'UTF8')), 'hex') AS sm3_abcd_16;
-- the empty message, and the length is always 32 bytes
SELECT length(sm3(''::bytea)) AS empty_len, length(sm3(convert_to(repeat('x', 100000), 'UTF8'))) AS long_len;
SELECT sm3(NULL) IS NULL AS strict;

--
-- Helpers, independent of the code under test
--

-- a DER SEQUENCE { INTEGER r, INTEGER s } as the raw 64 bytes r || s,
-- each left-padded to 32 bytes
CREATE FUNCTION pg_temp.der_to_raw(der bytea) RETURNS bytea
LANGUAGE plpgsql IMMUTABLE STRICT AS $$
DECLARE
  pos int;
  len int;
  parts bytea[] := '{}';
  part bytea;
BEGIN
  IF get_byte(der, 0) <> 48 THEN
    RAISE EXCEPTION 'not a DER SEQUENCE';
  END IF;
  -- the SEQUENCE length: short form, or long form with one length byte
  IF get_byte(der, 1) = 129 THEN
    pos := 3;
  ELSE
    pos := 2;
  END IF;
  FOR i IN 1 .. 2 LOOP
    IF get_byte(der, pos) <> 2 THEN
      RAISE EXCEPTION 'not a DER INTEGER at byte %', pos;
    END IF;
    len := get_byte(der, pos + 1);
    -- substring counts from 1, get_byte from 0
    part := ltrim(substring(der FROM pos + 3 FOR len), '\x00'::bytea);
    IF length(part) > 32 THEN
      RAISE EXCEPTION 'INTEGER longer than 32 bytes';
    END IF;
    parts := parts || (decode(repeat('00', 32 - length(part)), 'hex') || part);
    pos := pos + 2 + len;
  END LOOP;
  IF pos <> length(der) THEN
    RAISE EXCEPTION 'bytes after the SEQUENCE';
  END IF;
  RETURN parts[1] || parts[2];
END
$$;

-- the bytes with one bit flipped at the given offset
CREATE FUNCTION pg_temp.flip(b bytea, at int) RETURNS bytea
LANGUAGE sql IMMUTABLE STRICT
RETURN set_byte(b, at, get_byte(b, at) # 1);

-- a PEM block around DER bytes
CREATE FUNCTION pg_temp.pem(label text, der bytea) RETURNS text
LANGUAGE sql IMMUTABLE STRICT
RETURN format(E'-----BEGIN %s-----\n%s\n-----END %s-----\n', label, encode(der, 'base64'), label);

-- base64 on one line, for passing bytes to the shell
CREATE FUNCTION pg_temp.b64(b bytea) RETURNS text
LANGUAGE sql IMMUTABLE STRICT
RETURN replace(encode(b, 'base64'), E'\n', '');

CREATE FUNCTION pg_temp.b64(t text) RETURNS text
LANGUAGE sql IMMUTABLE STRICT
RETURN pg_temp.b64(convert_to(t, 'UTF8'));

--
-- generate_keypair: PKCS #8 private key and SubjectPublicKeyInfo public key
--
CREATE TEMP TABLE sm2_keys AS SELECT * FROM generate_keypair('sm2');
CREATE TEMP TABLE sm2_other AS SELECT * FROM generate_keypair('SM2');
CREATE TEMP TABLE ed_keys AS SELECT * FROM generate_keypair('ed25519');
CREATE TEMP TABLE ed_other AS SELECT * FROM generate_keypair('Ed25519');

SELECT name,
       private_key ~ '^-----BEGIN PRIVATE KEY-----\n([A-Za-z0-9+/=]{1,64}\n)+-----END PRIVATE KEY-----\n$' AS private_pem,
       public_key ~ '^-----BEGIN PUBLIC KEY-----\n([A-Za-z0-9+/=]{1,64}\n)+-----END PUBLIC KEY-----\n$' AS public_pem,
       length(decode(regexp_replace(public_key, '-----[A-Z ]+-----|\n', '', 'g'), 'base64')) AS public_der_bytes
FROM (SELECT 'sm2' AS name, * FROM sm2_keys
      UNION ALL SELECT 'sm2 (second)', * FROM sm2_other
      UNION ALL SELECT 'ed25519', * FROM ed_keys
      UNION ALL SELECT 'ed25519 (second)', * FROM ed_other) k
ORDER BY name;

-- every call makes a new pair
SELECT (SELECT private_key FROM sm2_keys) <> (SELECT private_key FROM sm2_other) AS sm2_differ,
       (SELECT public_key FROM sm2_keys) <> (SELECT public_key FROM sm2_other) AS sm2_public_differ,
       (SELECT private_key FROM ed_keys) <> (SELECT private_key FROM ed_other) AS ed25519_differ;
SELECT count(DISTINCT public_key) AS distinct_of_5
FROM generate_series(1, 5) AS i, LATERAL generate_keypair(CASE WHEN i > 0 THEN 'sm2' END);

-- the SM2 public key is an uncompressed point on the SM2 curve (OID 1.2.156.10197.1.301)
SELECT position('\x06082a811ccf5501822d'::bytea IN decode(regexp_replace(public_key, '-----[A-Z ]+-----|\n', '', 'g'), 'base64')) > 0 AS sm2_curve_oid
FROM sm2_keys;

-- generate_keypair refuses an unknown algorithm
SELECT * FROM generate_keypair('rsa');
\echo SQLSTATE :LAST_ERROR_SQLSTATE

--
-- Round trips
--
CREATE TEMP TABLE sm2_sig AS
  SELECT sign('sm2', private_key, convert_to('一号申请: certificate 001', 'UTF8')) AS sig FROM sm2_keys;
CREATE TEMP TABLE ed_sig AS
  SELECT sign('ed25519', private_key, convert_to('一号申请: certificate 001', 'UTF8')) AS sig FROM ed_keys;

-- SM2 signatures are DER SEQUENCE { r, s } (70 to 72 bytes, rarely fewer); Ed25519 64 bytes
SELECT get_byte(sig, 0) = 48 AS sm2_is_sequence, length(sig) BETWEEN 8 AND 72 AS sm2_length_ok,
       length(sig) = 2 + get_byte(sig, 1) AS sm2_der_length_ok
FROM sm2_sig;
SELECT length(sig) AS ed25519_length FROM ed_sig;

SELECT verify('sm2', k.public_key, convert_to('一号申请: certificate 001', 'UTF8'), s.sig) AS sm2_verifies
FROM sm2_keys k, sm2_sig s;
SELECT verify('ed25519', k.public_key, convert_to('一号申请: certificate 001', 'UTF8'), s.sig) AS ed25519_verifies
FROM ed_keys k, ed_sig s;
-- the algorithm name is not case-sensitive
SELECT verify('SM2', k.public_key, convert_to('一号申请: certificate 001', 'UTF8'), s.sig) AS sm2_upper
FROM sm2_keys k, sm2_sig s;
SELECT verify('ED25519', k.public_key, convert_to('一号申请: certificate 001', 'UTF8'), s.sig) AS ed25519_upper
FROM ed_keys k, ed_sig s;

-- the empty message and a large one
SELECT verify('sm2', public_key, '', sign('sm2', private_key, '')) AS sm2_empty,
       verify('sm2', public_key, convert_to(repeat('证照', 500000), 'UTF8'),
              sign('sm2', private_key, convert_to(repeat('证照', 500000), 'UTF8'))) AS sm2_3mb
FROM sm2_keys;
SELECT verify('ed25519', public_key, '', sign('ed25519', private_key, '')) AS ed25519_empty,
       verify('ed25519', public_key, convert_to(repeat('证照', 500000), 'UTF8'),
              sign('ed25519', private_key, convert_to(repeat('证照', 500000), 'UTF8'))) AS ed25519_3mb
FROM ed_keys;

-- NULL in, NULL out
SELECT sign('sm2', private_key, NULL) IS NULL AS sign_null, verify('sm2', public_key, 'm', NULL) IS NULL AS verify_null,
       verify(NULL, public_key, 'm', '\x00') IS NULL AS verify_null_algorithm
FROM sm2_keys;

--
-- Signatures that do not verify: false, never an error
--
SELECT 'altered message' AS case_,
       verify('sm2', k.public_key, convert_to('一号申请: certificate 002', 'UTF8'), s.sig) AS sm2
FROM sm2_keys k, sm2_sig s
UNION ALL
SELECT 'altered signature (last byte of s)',
       verify('sm2', k.public_key, convert_to('一号申请: certificate 001', 'UTF8'), pg_temp.flip(s.sig, length(s.sig) - 1))
FROM sm2_keys k, sm2_sig s
UNION ALL
SELECT 'altered signature (a byte of r)',
       verify('sm2', k.public_key, convert_to('一号申请: certificate 001', 'UTF8'), pg_temp.flip(s.sig, 10))
FROM sm2_keys k, sm2_sig s
UNION ALL
SELECT 'altered DER header',
       verify('sm2', k.public_key, convert_to('一号申请: certificate 001', 'UTF8'), pg_temp.flip(s.sig, 0))
FROM sm2_keys k, sm2_sig s
UNION ALL
SELECT 'truncated by one byte',
       verify('sm2', k.public_key, convert_to('一号申请: certificate 001', 'UTF8'), substring(s.sig FROM 1 FOR length(s.sig) - 1))
FROM sm2_keys k, sm2_sig s
UNION ALL
SELECT 'truncated to 64 bytes',
       verify('sm2', k.public_key, convert_to('一号申请: certificate 001', 'UTF8'), substring(s.sig FROM 1 FOR 64))
FROM sm2_keys k, sm2_sig s
UNION ALL
SELECT 'a byte appended',
       verify('sm2', k.public_key, convert_to('一号申请: certificate 001', 'UTF8'), s.sig || '\x00'::bytea)
FROM sm2_keys k, sm2_sig s
UNION ALL
SELECT 'empty signature',
       verify('sm2', k.public_key, convert_to('一号申请: certificate 001', 'UTF8'), ''::bytea)
FROM sm2_keys k
UNION ALL
SELECT 'garbage bytes',
       verify('sm2', k.public_key, convert_to('一号申请: certificate 001', 'UTF8'), '\xdeadbeef00ff'::bytea)
FROM sm2_keys k
UNION ALL
SELECT 'signature of another key',
       verify('sm2', k.public_key, convert_to('一号申请: certificate 001', 'UTF8'),
              sign('sm2', o.private_key, convert_to('一号申请: certificate 001', 'UTF8')))
FROM sm2_keys k, sm2_other o
UNION ALL
SELECT 'checked with another key',
       verify('sm2', o.public_key, convert_to('一号申请: certificate 001', 'UTF8'), s.sig)
FROM sm2_other o, sm2_sig s
UNION ALL
SELECT 'checked with another distinguishing ID',
       verify('sm2', k.public_key, convert_to('一号申请: certificate 001', 'UTF8'), s.sig, '1234567812345679')
FROM sm2_keys k, sm2_sig s
UNION ALL
SELECT 'an Ed25519 signature',
       verify('sm2', k.public_key, convert_to('一号申请: certificate 001', 'UTF8'), e.sig)
FROM sm2_keys k, ed_sig e;

SELECT 'altered message' AS case_,
       verify('ed25519', k.public_key, convert_to('一号申请: certificate 002', 'UTF8'), s.sig) AS ed25519
FROM ed_keys k, ed_sig s
UNION ALL
SELECT 'altered signature (first byte)',
       verify('ed25519', k.public_key, convert_to('一号申请: certificate 001', 'UTF8'), pg_temp.flip(s.sig, 0))
FROM ed_keys k, ed_sig s
UNION ALL
SELECT 'altered signature (last byte)',
       verify('ed25519', k.public_key, convert_to('一号申请: certificate 001', 'UTF8'), pg_temp.flip(s.sig, 63))
FROM ed_keys k, ed_sig s
UNION ALL
SELECT 'truncated by one byte',
       verify('ed25519', k.public_key, convert_to('一号申请: certificate 001', 'UTF8'), substring(s.sig FROM 1 FOR 63))
FROM ed_keys k, ed_sig s
UNION ALL
SELECT 'a byte appended',
       verify('ed25519', k.public_key, convert_to('一号申请: certificate 001', 'UTF8'), s.sig || '\x00'::bytea)
FROM ed_keys k, ed_sig s
UNION ALL
SELECT 'empty signature',
       verify('ed25519', k.public_key, convert_to('一号申请: certificate 001', 'UTF8'), ''::bytea)
FROM ed_keys k
UNION ALL
SELECT 'garbage bytes',
       verify('ed25519', k.public_key, convert_to('一号申请: certificate 001', 'UTF8'), '\xdeadbeef00ff'::bytea)
FROM ed_keys k
UNION ALL
SELECT '64 zero bytes',
       verify('ed25519', k.public_key, convert_to('一号申请: certificate 001', 'UTF8'), decode(repeat('00', 64), 'hex'))
FROM ed_keys k
UNION ALL
SELECT 'signature of another key',
       verify('ed25519', k.public_key, convert_to('一号申请: certificate 001', 'UTF8'),
              sign('ed25519', o.private_key, convert_to('一号申请: certificate 001', 'UTF8')))
FROM ed_keys k, ed_other o
UNION ALL
SELECT 'an SM2 signature',
       verify('ed25519', k.public_key, convert_to('一号申请: certificate 001', 'UTF8'), s.sig)
FROM ed_keys k, sm2_sig s;

--
-- SM2 distinguishing ID: 1234567812345678 by default, settable
--
SELECT verify('sm2', k.public_key, convert_to('一号申请: certificate 001', 'UTF8'), s.sig, '1234567812345678') AS default_id_explicit
FROM sm2_keys k, sm2_sig s;
CREATE TEMP TABLE sm2_sig_alice AS
  SELECT sign('sm2', private_key, 'message digest', 'ALICE123@YAHOO.COM') AS sig FROM sm2_keys;
SELECT verify('sm2', k.public_key, 'message digest', s.sig, 'ALICE123@YAHOO.COM') AS same_id,
       verify('sm2', k.public_key, 'message digest', s.sig) AS default_id,
       verify('sm2', k.public_key, 'message digest', s.sig, 'alice123@yahoo.com') AS other_case
FROM sm2_keys k, sm2_sig_alice s;
-- Ed25519 takes no ID: the argument is ignored
SELECT verify('ed25519', k.public_key, convert_to('一号申请: certificate 001', 'UTF8'), s.sig, 'ALICE123@YAHOO.COM') AS ed25519_id_ignored,
       verify('ed25519', k.public_key, 'm', sign('ed25519', k.private_key, 'm', 'ALICE123@YAHOO.COM')) AS ed25519_signed_with_id
FROM ed_keys k, ed_sig s;
-- a long ID: the bit length of the ID is hashed in two bytes
SELECT verify('sm2', public_key, 'm', sign('sm2', private_key, 'm', repeat('x', 8190)), repeat('x', 8190)) AS id_8190_bytes,
       verify('sm2', public_key, 'm', sign('sm2', private_key, 'm', repeat('x', 8190)), repeat('x', 8189)) AS id_8189_bytes
FROM sm2_keys;
-- IDs that cannot be used are refused before anything is signed or checked
SELECT sign('sm2', private_key, 'm', '') FROM sm2_keys;
\echo SQLSTATE :LAST_ERROR_SQLSTATE
SELECT verify('sm2', k.public_key, 'm', s.sig, '') FROM sm2_keys k, sm2_sig s;
\echo SQLSTATE :LAST_ERROR_SQLSTATE
\set VERBOSITY terse
-- OpenSSL hashes IDs of at most 8190 bytes
SELECT sign('sm2', private_key, 'm', repeat('x', 8191)) FROM sm2_keys;
\echo SQLSTATE :LAST_ERROR_SQLSTATE
SELECT verify('sm2', k.public_key, 'm', s.sig, repeat('x', 8191)) FROM sm2_keys k, sm2_sig s;
\echo SQLSTATE :LAST_ERROR_SQLSTATE
SELECT sign('sm2', private_key, 'm', repeat('x', 8192)) FROM sm2_keys;
\echo SQLSTATE :LAST_ERROR_SQLSTATE
SELECT verify('sm2', k.public_key, 'm', s.sig, repeat('x', 65536)) FROM sm2_keys k, sm2_sig s;
\echo SQLSTATE :LAST_ERROR_SQLSTATE
\set VERBOSITY default

--
-- SM2 raw signatures: 64 bytes r || s
--
SELECT length(pg_temp.der_to_raw(s.sig)) AS raw_length,
       verify('sm2', k.public_key, convert_to('一号申请: certificate 001', 'UTF8'), pg_temp.der_to_raw(s.sig)) AS raw_verifies,
       verify('sm2', k.public_key, convert_to('一号申请: certificate 002', 'UTF8'), pg_temp.der_to_raw(s.sig)) AS raw_other_message,
       verify('sm2', k.public_key, convert_to('一号申请: certificate 001', 'UTF8'), pg_temp.flip(pg_temp.der_to_raw(s.sig), 40)) AS raw_altered,
       verify('sm2', k.public_key, convert_to('一号申请: certificate 001', 'UTF8'), substring(pg_temp.der_to_raw(s.sig) FROM 1 FOR 63)) AS raw_63_bytes,
       verify('sm2', k.public_key, convert_to('一号申请: certificate 001', 'UTF8'), pg_temp.der_to_raw(s.sig) || '\x00'::bytea) AS raw_65_bytes,
       verify('sm2', k.public_key, convert_to('一号申请: certificate 001', 'UTF8'),
              substring(pg_temp.der_to_raw(s.sig) FROM 33 FOR 32) || substring(pg_temp.der_to_raw(s.sig) FROM 1 FOR 32)) AS raw_s_r_swapped
FROM sm2_keys k, sm2_sig s;
-- 64 random bytes, 64 zero bytes, 64 0xff bytes: false
SELECT verify('sm2', public_key, 'm', gen_random_bytes(32) || gen_random_bytes(32)) AS raw_random,
       verify('sm2', public_key, 'm', decode(repeat('00', 64), 'hex')) AS raw_zero,
       verify('sm2', public_key, 'm', decode(repeat('ff', 64), 'hex')) AS raw_ff
FROM sm2_keys;
-- many signatures: every one verifies as DER and as raw, including those
-- whose r or s has fewer than 32 significant bytes (left-padded in raw form;
-- one signature in 128 has one, so 2000 include some but for odds of 1e-7)
CREATE TEMP TABLE many_sm2 AS
  SELECT i, sign('sm2', private_key, convert_to('entry ' || i, 'UTF8')) AS sig
  FROM sm2_keys, generate_series(1, 2000) AS i;
SELECT count(*) AS signatures,
       count(*) FILTER (WHERE verify('sm2', k.public_key, convert_to('entry ' || i, 'UTF8'), sig)) AS der_verify,
       count(*) FILTER (WHERE verify('sm2', k.public_key, convert_to('entry ' || i, 'UTF8'), pg_temp.der_to_raw(sig))) AS raw_verify,
       count(*) FILTER (WHERE verify('sm2', k.public_key, convert_to('entry ' || (i + 1), 'UTF8'), pg_temp.der_to_raw(sig))) AS raw_wrong_message,
       count(DISTINCT sig) AS distinct_signatures,
       bool_or(get_byte(pg_temp.der_to_raw(sig), 0) = 0 OR get_byte(pg_temp.der_to_raw(sig), 32) = 0) AS some_padded
FROM many_sm2, sm2_keys k;

--
-- Volatility: SM2 signatures are randomised, Ed25519 signatures deterministic
--
SELECT p.proname, p.provolatile, p.proisstrict
FROM pg_proc p
WHERE p.pronamespace = 'yiwang'::regnamespace AND p.proname IN ('sign', 'verify', 'generate_keypair', 'sm3')
ORDER BY 1;
SELECT count(*) AS sm2_signatures, count(DISTINCT sig) AS distinct_,
       bool_and(verify('sm2', public_key, 'same message', sig)) AS all_verify
FROM (SELECT public_key, sign('sm2', private_key, 'same message') AS sig
      FROM sm2_keys, generate_series(1, 10)) s;
SELECT count(*) AS ed25519_signatures, count(DISTINCT sig) AS distinct_,
       bool_and(verify('ed25519', public_key, 'same message', sig)) AS all_verify
FROM (SELECT public_key, sign('ed25519', private_key, 'same message') AS sig
      FROM ed_keys, generate_series(1, 10)) s;

--
-- Ed25519 known answers (RFC 8032, section 7.1, tests 1 and 2)
--
CREATE TEMP TABLE rfc8032 (test int, secret bytea, public bytea, message bytea, signature bytea);
INSERT INTO rfc8032 VALUES
  (1, '\x9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60',
      '\xd75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a', '',
      '\xe5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b'),
  (2, '\x4ccd089b28ff96da9db6c346ec114e0f5b8a319f35aba624da8cf6ed4fb8a6fb',
      '\x3d4017c3e843895a92b70aa74d1b7ebc9c982ccf2ec4968cc0cd55f12af4660c', '\x72',
      '\x92a009a9f0d4cab8720e820b5f642540a2b27b5416503f8fb3762223ebdb69da085ac1e43e15996e458f3613d0f11d8c387b2eaeb4302aeeb00d291612bb0c00');
SELECT test,
       sign('ed25519', pg_temp.pem('PRIVATE KEY', '\x302e020100300506032b657004220420'::bytea || secret), message) = signature AS signs_as_rfc,
       verify('ed25519', pg_temp.pem('PUBLIC KEY', '\x302a300506032b6570032100'::bytea || public), message, signature) AS verifies,
       verify('ed25519', pg_temp.pem('PUBLIC KEY', '\x302a300506032b6570032100'::bytea || public), message || '\x00'::bytea, signature) AS other_message
FROM rfc8032 ORDER BY test;

--
-- Errors: 22023 with a detail
--
-- unknown algorithm
SELECT sign('rsa', private_key, 'm') FROM sm2_keys;
\echo SQLSTATE :LAST_ERROR_SQLSTATE
SELECT verify('ecdsa', public_key, 'm', '\x00') FROM sm2_keys;
\echo SQLSTATE :LAST_ERROR_SQLSTATE
SELECT verify('', public_key, 'm', '\x00') FROM sm2_keys;
\echo SQLSTATE :LAST_ERROR_SQLSTATE
SELECT verify('sm2 ', public_key, 'm', '\x00') FROM sm2_keys;
\echo SQLSTATE :LAST_ERROR_SQLSTATE
-- malformed keys
SELECT sign('sm2', 'not a key', 'm');
\echo SQLSTATE :LAST_ERROR_SQLSTATE
SELECT sign('ed25519', '', 'm');
\echo SQLSTATE :LAST_ERROR_SQLSTATE
SELECT verify('sm2', 'not a key', 'm', '\x00');
\echo SQLSTATE :LAST_ERROR_SQLSTATE
SELECT verify('ed25519', '', 'm', '\x00');
\echo SQLSTATE :LAST_ERROR_SQLSTATE
-- a PEM cut in half, and one whose body is not base64
SELECT verify('sm2', left(public_key, 60), 'm', '\x00') FROM sm2_keys;
\echo SQLSTATE :LAST_ERROR_SQLSTATE
SELECT sign('sm2', replace(private_key, 'A', '*'), 'm') FROM sm2_keys;
\echo SQLSTATE :LAST_ERROR_SQLSTATE
-- a public key where a private one is expected, and the other way round
SELECT sign('sm2', public_key, 'm') FROM sm2_keys;
\echo SQLSTATE :LAST_ERROR_SQLSTATE
SELECT verify('ed25519', private_key, 'm', '\x00') FROM ed_keys;
\echo SQLSTATE :LAST_ERROR_SQLSTATE
-- a key of the other algorithm
SELECT sign('sm2', private_key, 'm') FROM ed_keys;
\echo SQLSTATE :LAST_ERROR_SQLSTATE
SELECT verify('sm2', public_key, 'm', '\x00') FROM ed_keys;
\echo SQLSTATE :LAST_ERROR_SQLSTATE
SELECT sign('ed25519', private_key, 'm') FROM sm2_keys;
\echo SQLSTATE :LAST_ERROR_SQLSTATE
SELECT verify('ed25519', public_key, 'm', '\x00') FROM sm2_keys;
\echo SQLSTATE :LAST_ERROR_SQLSTATE
-- a key used once (and cached) for one algorithm is still refused for the other
SELECT verify('ed25519', public_key, 'm', sign('ed25519', private_key, 'm')) AS cached FROM ed_keys;
SELECT verify('sm2', public_key, 'm', '\x00') FROM ed_keys;
\echo SQLSTATE :LAST_ERROR_SQLSTATE
SELECT verify('ed25519', public_key, 'm', sign('ed25519', private_key, 'm')) AS still_cached FROM ed_keys;

--
-- The per-backend key cache: more keys than it holds, used twice over
--
CREATE TEMP TABLE many_keys AS
  SELECT i, k.* FROM generate_series(1, 70) AS i,
                     LATERAL generate_keypair(CASE WHEN i % 2 = 0 THEN 'sm2' ELSE 'ed25519' END) k;
SELECT round, count(*) AS keys,
       count(*) FILTER (WHERE verify(alg, public_key, convert_to('key ' || i, 'UTF8'),
                                     sign(alg, private_key, convert_to('key ' || i, 'UTF8')))) AS verified,
       count(*) FILTER (WHERE verify(alg, public_key, convert_to('key ' || i, 'UTF8'),
                                     sign(alg, private_key, convert_to('key ' || (i + 1), 'UTF8')))) AS wrong_message
FROM (SELECT i, CASE WHEN i % 2 = 0 THEN 'sm2' ELSE 'ed25519' END AS alg, private_key, public_key FROM many_keys) k,
     generate_series(1, 2) AS round
GROUP BY round ORDER BY round;
-- each key verifies only its own signatures
SELECT count(*) AS pairs,
       count(*) FILTER (WHERE verify('sm2', a.public_key, 'x', sign('sm2', b.private_key, 'x'))) AS verified
FROM many_keys a, many_keys b
WHERE a.i % 2 = 0 AND b.i % 2 = 0 AND a.i <= 20 AND b.i <= 20;

--
-- Interoperability with the openssl command line
--
\set dir `mktemp -d /tmp/yiwang_signature.XXXXXX`
-- the message, written as bytes
SELECT pg_temp.b64(convert_to('一号申请 interop: 440308199901101512', 'UTF8')) AS msg_b64 \gset
\set out `cd :'dir' && printf '%s' :'msg_b64' | openssl base64 -d -A > msg && wc -c < msg`
\echo message bytes: :out

-- yiwang's keys as files
SELECT pg_temp.b64(private_key) AS sm2_private_b64, pg_temp.b64(public_key) AS sm2_public_b64 FROM sm2_keys \gset
SELECT pg_temp.b64(private_key) AS ed_private_b64, pg_temp.b64(public_key) AS ed_public_b64 FROM ed_keys \gset
\set out `cd :'dir' && printf '%s' :'sm2_private_b64' | openssl base64 -d -A > yiwang_sm2.key && printf '%s' :'sm2_public_b64' | openssl base64 -d -A > yiwang_sm2.pub && printf '%s' :'ed_private_b64' | openssl base64 -d -A > yiwang_ed.key && printf '%s' :'ed_public_b64' | openssl base64 -d -A > yiwang_ed.pub && echo written`
\echo :out

-- openssl reads yiwang's keys as what they are
\set out `cd :'dir' && openssl pkey -in yiwang_sm2.key -noout -text | grep -E '^(Private-Key|ASN1 OID)' | tr '\n' ' '`
\echo yiwang sm2 private key: :out
\set out `cd :'dir' && openssl pkey -pubin -in yiwang_sm2.pub -noout -text | grep -E '^(Public-Key|ASN1 OID)' | tr '\n' ' '`
\echo yiwang sm2 public key: :out
\set out `cd :'dir' && openssl pkey -in yiwang_ed.key -noout -text | head -n 1`
\echo yiwang ed25519 private key: :out
-- and the public key it derives from the private key is yiwang's public key
\set out `cd :'dir' && openssl pkey -in yiwang_sm2.key -pubout | cmp - yiwang_sm2.pub && openssl pkey -in yiwang_ed.key -pubout | cmp - yiwang_ed.pub && echo same`
\echo public keys derived by openssl: :out

-- openssl signs with yiwang's SM2 key; yiwang verifies (DER and raw)
\set ossl_sig `cd :'dir' && openssl dgst -sm3 -sign yiwang_sm2.key -sigopt distid:1234567812345678 msg | openssl base64 -A`
SELECT verify('sm2', public_key, decode(:'msg_b64', 'base64'), decode(:'ossl_sig', 'base64')) AS yiwang_verifies_openssl_sm2,
       verify('sm2', public_key, decode(:'msg_b64', 'base64'), pg_temp.der_to_raw(decode(:'ossl_sig', 'base64'))) AS as_raw,
       verify('sm2', public_key, decode(:'msg_b64', 'base64') || '\x00'::bytea, decode(:'ossl_sig', 'base64')) AS other_message,
       verify('sm2', public_key, decode(:'msg_b64', 'base64'), decode(:'ossl_sig', 'base64'), '1234567812345679') AS other_id
FROM sm2_keys;
-- with another distinguishing ID
\set ossl_sig `cd :'dir' && openssl dgst -sm3 -sign yiwang_sm2.key -sigopt distid:ALICE123@YAHOO.COM msg | openssl base64 -A`
SELECT verify('sm2', public_key, decode(:'msg_b64', 'base64'), decode(:'ossl_sig', 'base64'), 'ALICE123@YAHOO.COM') AS openssl_alice_id,
       verify('sm2', public_key, decode(:'msg_b64', 'base64'), decode(:'ossl_sig', 'base64')) AS default_id
FROM sm2_keys;

-- yiwang signs with SM2; openssl verifies (and refuses another ID and a raw signature)
SELECT pg_temp.b64(sign('sm2', private_key, decode(:'msg_b64', 'base64'))) AS yiwang_sig,
       pg_temp.b64(sign('sm2', private_key, decode(:'msg_b64', 'base64'), 'ALICE123@YAHOO.COM')) AS yiwang_sig_alice
FROM sm2_keys \gset
\set out `cd :'dir' && printf '%s' :'yiwang_sig' | openssl base64 -d -A > sm2.sig && openssl dgst -sm3 -verify yiwang_sm2.pub -sigopt distid:1234567812345678 -signature sm2.sig msg 2>&1`
\echo openssl, yiwang sm2 signature: :out
\set out `cd :'dir' && printf '%s' :'yiwang_sig_alice' | openssl base64 -d -A > sm2_alice.sig && openssl dgst -sm3 -verify yiwang_sm2.pub -sigopt distid:ALICE123@YAHOO.COM -signature sm2_alice.sig msg 2>&1`
\echo openssl, yiwang sm2 signature with ID ALICE123@YAHOO.COM: :out
\set out `cd :'dir' && openssl dgst -sm3 -verify yiwang_sm2.pub -sigopt distid:1234567812345678 -signature sm2_alice.sig msg 2>/dev/null`
\echo openssl, the same with the default ID: :out

-- Ed25519: openssl signs with yiwang's key, yiwang verifies, and back
\set ossl_sig `cd :'dir' && openssl pkeyutl -sign -rawin -inkey yiwang_ed.key -in msg | openssl base64 -A`
SELECT verify('ed25519', public_key, decode(:'msg_b64', 'base64'), decode(:'ossl_sig', 'base64')) AS yiwang_verifies_openssl_ed25519,
       sign('ed25519', private_key, decode(:'msg_b64', 'base64')) = decode(:'ossl_sig', 'base64') AS same_signature,
       verify('ed25519', public_key, decode(:'msg_b64', 'base64') || '\x00'::bytea, decode(:'ossl_sig', 'base64')) AS other_message
FROM ed_keys;
SELECT pg_temp.b64(sign('ed25519', private_key, decode(:'msg_b64', 'base64'))) AS yiwang_sig FROM ed_keys \gset
\set out `cd :'dir' && printf '%s' :'yiwang_sig' | openssl base64 -d -A > ed.sig && openssl pkeyutl -verify -rawin -pubin -inkey yiwang_ed.pub -in msg -sigfile ed.sig 2>&1`
\echo openssl, yiwang ed25519 signature: :out

-- keys made by openssl: Ed25519 (genpkey), SM2 (ecparam, then pkey to PKCS #8)
\set out `cd :'dir' && openssl genpkey -algorithm ed25519 -out ossl_ed.key 2>&1 && openssl pkey -in ossl_ed.key -pubout -out ossl_ed.pub 2>&1 && openssl ecparam -genkey -name SM2 -noout 2>&1 | openssl pkey -out ossl_sm2.key 2>&1 && openssl pkey -in ossl_sm2.key -pubout -out ossl_sm2.pub 2>&1 && echo made`
\echo openssl keys: :out
\set ossl_ed_key `cd :'dir' && openssl base64 -A -in ossl_ed.key`
\set ossl_ed_pub `cd :'dir' && openssl base64 -A -in ossl_ed.pub`
\set ossl_sm2_key `cd :'dir' && openssl base64 -A -in ossl_sm2.key`
\set ossl_sm2_pub `cd :'dir' && openssl base64 -A -in ossl_sm2.pub`
-- signed by openssl, verified by yiwang
\set ossl_sm2_sig `cd :'dir' && openssl dgst -sm3 -sign ossl_sm2.key -sigopt distid:1234567812345678 msg | openssl base64 -A`
\set ossl_ed_sig `cd :'dir' && openssl pkeyutl -sign -rawin -inkey ossl_ed.key -in msg | openssl base64 -A`
SELECT verify('sm2', convert_from(decode(:'ossl_sm2_pub', 'base64'), 'UTF8'), decode(:'msg_b64', 'base64'),
              decode(:'ossl_sm2_sig', 'base64')) AS openssl_sm2_key_verifies,
       verify('sm2', convert_from(decode(:'ossl_sm2_pub', 'base64'), 'UTF8'), decode(:'msg_b64', 'base64'),
              pg_temp.der_to_raw(decode(:'ossl_sm2_sig', 'base64'))) AS as_raw,
       verify('ed25519', convert_from(decode(:'ossl_ed_pub', 'base64'), 'UTF8'), decode(:'msg_b64', 'base64'),
              decode(:'ossl_ed_sig', 'base64')) AS openssl_ed25519_key_verifies;
-- signed by yiwang with openssl's private keys, verified by yiwang and by openssl
SELECT verify('sm2', convert_from(decode(:'ossl_sm2_pub', 'base64'), 'UTF8'), 'yiwang',
              sign('sm2', convert_from(decode(:'ossl_sm2_key', 'base64'), 'UTF8'), 'yiwang')) AS sm2_with_openssl_key,
       verify('ed25519', convert_from(decode(:'ossl_ed_pub', 'base64'), 'UTF8'), 'yiwang',
              sign('ed25519', convert_from(decode(:'ossl_ed_key', 'base64'), 'UTF8'), 'yiwang')) AS ed25519_with_openssl_key,
       sign('ed25519', convert_from(decode(:'ossl_ed_key', 'base64'), 'UTF8'), decode(:'msg_b64', 'base64'))
         = decode(:'ossl_ed_sig', 'base64') AS ed25519_same_as_openssl;
SELECT pg_temp.b64(sign('sm2', convert_from(decode(:'ossl_sm2_key', 'base64'), 'UTF8'), decode(:'msg_b64', 'base64'))) AS yiwang_sm2_sig,
       pg_temp.b64(sign('ed25519', convert_from(decode(:'ossl_ed_key', 'base64'), 'UTF8'), decode(:'msg_b64', 'base64'))) AS yiwang_ed_sig \gset
\set out `cd :'dir' && printf '%s' :'yiwang_sm2_sig' | openssl base64 -d -A > ossl_sm2.sig && openssl dgst -sm3 -verify ossl_sm2.pub -sigopt distid:1234567812345678 -signature ossl_sm2.sig msg 2>&1`
\echo openssl, yiwang sm2 signature with openssl key: :out
\set out `cd :'dir' && printf '%s' :'yiwang_ed_sig' | openssl base64 -d -A > ossl_ed.sig && openssl pkeyutl -verify -rawin -pubin -inkey ossl_ed.pub -in msg -sigfile ossl_ed.sig 2>&1`
\echo openssl, yiwang ed25519 signature with openssl key: :out
-- an openssl key of each kind is refused for the other algorithm
SELECT sign('ed25519', convert_from(decode(:'ossl_sm2_key', 'base64'), 'UTF8'), 'm');
\echo SQLSTATE :LAST_ERROR_SQLSTATE
SELECT verify('sm2', convert_from(decode(:'ossl_ed_pub', 'base64'), 'UTF8'), 'm', '\x00');
\echo SQLSTATE :LAST_ERROR_SQLSTATE

-- keys of algorithms yiwang does not sign with: P-256 and RSA
\set out `cd :'dir' && openssl ecparam -genkey -name prime256v1 -noout 2>&1 | openssl pkey -out p256.key 2>&1 && openssl pkey -in p256.key -pubout -out p256.pub && openssl genpkey -algorithm rsa -pkeyopt rsa_keygen_bits:1024 -out rsa.key 2>/dev/null && openssl pkey -in rsa.key -pubout -out rsa.pub && echo made`
\echo other keys: :out
\set p256_key `cd :'dir' && openssl base64 -A -in p256.key`
\set p256_pub `cd :'dir' && openssl base64 -A -in p256.pub`
\set rsa_pub `cd :'dir' && openssl base64 -A -in rsa.pub`
SELECT sign('sm2', convert_from(decode(:'p256_key', 'base64'), 'UTF8'), 'm');
\echo SQLSTATE :LAST_ERROR_SQLSTATE
SELECT verify('sm2', convert_from(decode(:'p256_pub', 'base64'), 'UTF8'), 'm', '\x00');
\echo SQLSTATE :LAST_ERROR_SQLSTATE
SELECT verify('ed25519', convert_from(decode(:'rsa_pub', 'base64'), 'UTF8'), 'm', '\x00');
\echo SQLSTATE :LAST_ERROR_SQLSTATE

-- SM2 private values outside 1 .. n-2 are refused when the key is read:
-- d = n-1 would make OpenSSL's signing loop for ever, d = 0 is no key
SELECT yiwang.sign('sm2', '-----BEGIN PRIVATE KEY-----
MEECAQAwEwYHKoZIzj0CAQYIKoEcz1UBgi0EJzAlAgEBBCD////+////////////
////cgPfayHGBStTu/QJOdVBIg==
-----END PRIVATE KEY-----', 'x');
\echo SQLSTATE :LAST_ERROR_SQLSTATE
SELECT yiwang.sign('sm2', '-----BEGIN PRIVATE KEY-----
MEECAQAwEwYHKoZIzj0CAQYIKoEcz1UBgi0EJzAlAgEBBCAAAAAAAAAAAAAAAAAA
AAAAAAAAAAAAAAAAAAAAAAAAAA==
-----END PRIVATE KEY-----', 'x');
\echo SQLSTATE :LAST_ERROR_SQLSTATE

-- clean up
\set out `case :'dir' in /tmp/yiwang_signature.*) rm -rf :'dir' && test ! -e :'dir' && echo removed ;; esac`
\echo temporary directory: :out

-- Signature verification in SQL: the signed messages, and the queries
-- timed against `openssl speed` (20_certificate_store.sh runs the rounds).
--
-- Like `openssl speed`, every message is 20 bytes and every signature is
-- made with one key per algorithm; unlike it, each signature is over a
-- different message (the SHA-256 of the row number, cut to 20 bytes), so
-- that nothing can be remembered from one row to the next.

\set ON_ERROR_STOP 1

CREATE TABLE bench.sig_key AS
SELECT a.algorithm, k.private_key, k.public_key
  FROM (VALUES ('ed25519'), ('sm2')) AS a(algorithm)
 CROSS JOIN LATERAL yiwang.generate_keypair(a.algorithm) AS k;

-- 20,000 Ed25519 and 10,000 SM2 signatures (about two seconds of
-- verification each), one key per algorithm.
CREATE TABLE bench.sig_ed25519 AS
SELECT n, m AS message, yiwang.sign('ed25519', k.private_key, m) AS signature
  FROM generate_series(1, 20000) AS n
 CROSS JOIN LATERAL (SELECT substr(sha256(convert_to('message ' || n, 'UTF8')), 1, 20) AS m) AS msg
 CROSS JOIN bench.sig_key k
 WHERE k.algorithm = 'ed25519'
 ORDER BY n;

CREATE TABLE bench.sig_sm2 AS
SELECT n, m AS message, yiwang.sign('sm2', k.private_key, m) AS signature
  FROM generate_series(1, 10000) AS n
 CROSS JOIN LATERAL (SELECT substr(sha256(convert_to('message ' || n, 'UTF8')), 1, 20) AS m) AS msg
 CROSS JOIN bench.sig_key k
 WHERE k.algorithm = 'sm2'
 ORDER BY n;

-- For the key cache: 65 keys per algorithm, and 50 signatures by each, the
-- rows in a fixed rotation over the keys (key 0, 1, ... 64, 0, 1, ...).  The
-- cache holds 64 parsed keys and replaces them in turn, so a scan of the
-- first 64 keys' rows finds every key cached after the first pass, and a
-- scan of all 65 keys' rows finds none: each key was replaced just before
-- it comes round again.
CREATE TABLE bench.sig_rotating_key AS
SELECT a.algorithm, g AS key_no, k.private_key, k.public_key
  FROM (VALUES ('ed25519'), ('sm2')) AS a(algorithm)
 CROSS JOIN generate_series(0, 64) AS g
 -- the argument mentions g, so that each row gets a key pair of its own
 CROSS JOIN LATERAL yiwang.generate_keypair(CASE WHEN g >= 0 THEN a.algorithm END) AS k;

CREATE TABLE bench.sig_rotating AS
SELECT k.algorithm, n, k.key_no, k.public_key, m AS message, yiwang.sign(k.algorithm, k.private_key, m) AS signature
  FROM generate_series(1, 3250) AS n
 CROSS JOIN LATERAL (SELECT substr(sha256(convert_to('rotating ' || n, 'UTF8')), 1, 20) AS m) AS msg
 JOIN bench.sig_rotating_key k ON k.key_no = n % 65
 ORDER BY k.algorithm, n;

VACUUM (ANALYZE) bench.sig_key, bench.sig_ed25519, bench.sig_sm2, bench.sig_rotating_key, bench.sig_rotating;

DO $$
BEGIN
  IF (SELECT count(DISTINCT public_key) FROM bench.sig_rotating_key) <> 130 THEN
    RAISE EXCEPTION 'the rotating keys are not 65 distinct keys per algorithm';
  END IF;
END $$;

-- The timed queries.  The public key is written into the query as a
-- constant, as an application verifying against one issuer's key would
-- pass it.  'scan' is the same scan with a trivial C function in place of
-- verify, for the cost of the scan and the call alone.
CREATE TABLE bench.sig_query (ord integer PRIMARY KEY, algorithm text, label text, query text, expected bigint);
INSERT INTO bench.sig_query
SELECT 1, 'ed25519', 'verify',
       format('SELECT count(*) FILTER (WHERE yiwang.verify(''ed25519'', %L, message, signature)) FROM bench.sig_ed25519',
              public_key), 20000
  FROM bench.sig_key WHERE algorithm = 'ed25519'
UNION ALL
SELECT 2, 'sm2', 'verify',
       format('SELECT count(*) FILTER (WHERE yiwang.verify(''sm2'', %L, message, signature)) FROM bench.sig_sm2',
              public_key), 10000
  FROM bench.sig_key WHERE algorithm = 'sm2'
UNION ALL
SELECT 3, 'ed25519', 'scan',
       'SELECT count(*) FILTER (WHERE octet_length(signature) > 0) FROM bench.sig_ed25519', 20000
UNION ALL
SELECT 4, 'sm2', 'scan',
       'SELECT count(*) FILTER (WHERE octet_length(signature) > 0) FROM bench.sig_sm2', 10000;

-- One timed run of the algorithm's queries; times and answers go to
-- bench.timing (run = the round).
CREATE PROCEDURE bench.sig_round(round integer, alg text)
LANGUAGE plpgsql AS $$
DECLARE
  q record;
  started timestamptz;
  elapsed double precision;
  answer bigint;
BEGIN
  FOR q IN SELECT * FROM bench.sig_query WHERE algorithm = alg ORDER BY ord LOOP
    started := clock_timestamp();
    EXECUTE q.query INTO answer;
    elapsed := extract(epoch FROM clock_timestamp() - started) * 1000;
    IF answer IS DISTINCT FROM q.expected THEN
      RAISE EXCEPTION 'bench.sig_round: % % returned %, expected %', q.algorithm, q.label, answer, q.expected;
    END IF;
    INSERT INTO bench.timing VALUES ('signatures ' || q.algorithm, q.label, round, elapsed, answer);
  END LOOP;
END $$;

-- openssl speed's figures, one row per round and algorithm.
CREATE TABLE bench.sig_openssl (round integer, algorithm text, signs_per_s double precision,
                                verifies_per_s double precision);

-- The per-backend key cache: verifications per second with one key, with
-- 64 keys in rotation (all cached once seen) and with 65 keys in rotation
-- (each replaced just before it comes round again, so every call parses its
-- PEM text).  The same three scans with a malformed signature, which
-- verify() rejects after looking the key up and before any arithmetic,
-- give the cost of the key look-up (and parse) alone.  3,200 rows each.

\set ON_ERROR_STOP 1

DO $$
DECLARE
  alg text;
  pem text;
BEGIN
  FOREACH alg IN ARRAY ARRAY['ed25519', 'sm2'] LOOP
    SELECT public_key INTO pem FROM bench.sig_key WHERE algorithm = alg;
    CALL bench.measure('key cache ' || alg,
      ARRAY['one key', '64 keys', '65 keys', 'one key, key only', '64 keys, key only', '65 keys, key only'],
      ARRAY[format('SELECT count(*) FILTER (WHERE yiwang.verify(%L, %L, message, signature)) FROM bench.sig_%s WHERE n <= 3200',
                   alg, pem, alg),
            format('SELECT count(*) FILTER (WHERE yiwang.verify(algorithm, public_key, message, signature)) FROM bench.sig_rotating WHERE algorithm = %L AND key_no < 64',
                   alg),
            format('SELECT count(*) FILTER (WHERE yiwang.verify(algorithm, public_key, message, signature)) FROM bench.sig_rotating WHERE algorithm = %L AND n <= 3200',
                   alg),
            format('SELECT count(*) FILTER (WHERE NOT yiwang.verify(%L, %L, message, ''\x00''::bytea)) FROM bench.sig_%s WHERE n <= 3200',
                   alg, pem, alg),
            format('SELECT count(*) FILTER (WHERE NOT yiwang.verify(algorithm, public_key, message, ''\x00''::bytea)) FROM bench.sig_rotating WHERE algorithm = %L AND key_no < 64',
                   alg),
            format('SELECT count(*) FILTER (WHERE NOT yiwang.verify(algorithm, public_key, message, ''\x00''::bytea)) FROM bench.sig_rotating WHERE algorithm = %L AND n <= 3200',
                   alg)],
      expected => 3200, runs => 3);
  END LOOP;
END $$;

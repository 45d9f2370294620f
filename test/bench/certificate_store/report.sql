-- The markdown of this section, from the figures of this run only.  Run
-- with psql -At: each statement prints one chunk of the document.

SET search_path = public, yiwang;

-- Figures ------------------------------------------------------------------

-- Signatures: openssl speed and SQL, per round and algorithm.
CREATE TEMP VIEW sig_round AS
SELECT o.round, o.algorithm, o.verifies_per_s AS openssl,
       t.result / t.ms * 1000 AS sql,
       (t.result / t.ms * 1000) / o.verifies_per_s AS ratio
  FROM bench.sig_openssl o
  JOIN bench.timing t ON t.section = 'signatures ' || o.algorithm AND t.label = 'verify' AND t.run = o.round;

CREATE TEMP VIEW sig AS
SELECT r.algorithm,
       count(*) AS rounds,
       percentile_cont(0.5) WITHIN GROUP (ORDER BY r.openssl) AS openssl,
       min(r.openssl) AS openssl_lo, max(r.openssl) AS openssl_hi,
       percentile_cont(0.5) WITHIN GROUP (ORDER BY r.sql) AS sql,
       min(r.sql) AS sql_lo, max(r.sql) AS sql_hi,
       -- the verdict: the median of the rounds' ratios (each round's two sides ran back to back)
       percentile_cont(0.5) WITHIN GROUP (ORDER BY r.ratio) AS ratio,
       percentile_cont(0.5) WITHIN GROUP (ORDER BY r.sql) / percentile_cont(0.5) WITHIN GROUP (ORDER BY r.openssl) AS ratio_of_medians,
       min(r.ratio) AS ratio_lo, max(r.ratio) AS ratio_hi,
       (SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY t.ms) * 1000 / min(t.result)
          FROM bench.timing t WHERE t.section = 'signatures ' || r.algorithm AND t.label = 'scan') AS scan_us,
       (SELECT min(t.result) FROM bench.timing t WHERE t.section = 'signatures ' || r.algorithm AND t.label = 'verify') AS n
  FROM sig_round r
 GROUP BY r.algorithm;

-- The key cache: per call, from the medians of 3,200-row scans.
CREATE TEMP VIEW key_cache AS
SELECT substr(section, 11) AS algorithm,
       max(us) FILTER (WHERE label = 'one key') AS one_us,
       max(us) FILTER (WHERE label = '64 keys') AS cached_us,
       max(us) FILTER (WHERE label = '65 keys') AS uncached_us,
       max(us) FILTER (WHERE label = 'one key, key only') AS one_key_us,
       max(us) FILTER (WHERE label = '64 keys, key only') AS cached_key_us,
       max(us) FILTER (WHERE label = '65 keys, key only') AS uncached_key_us
  FROM (SELECT section, label, percentile_cont(0.5) WITHIN GROUP (ORDER BY ms) * 1000 / min(result) AS us
          FROM bench.timing WHERE section LIKE 'key cache %' GROUP BY section, label) AS m
 GROUP BY section;

-- Look-ups, timed in the server.
CREATE TEMP VIEW lookup AS
SELECT scenario, count(*) AS n,
       avg(call_us) AS mean,
       percentile_cont(0.5) WITHIN GROUP (ORDER BY call_us) AS p50,
       percentile_cont(0.95) WITHIN GROUP (ORDER BY call_us) AS p95,
       percentile_cont(0.99) WITHIN GROUP (ORDER BY call_us) AS p99,
       max(call_us) AS worst,
       avg(rows_returned) AS rows_mean, max(rows_returned) AS rows_max,
       avg(login_us) AS login_mean,
       percentile_cont(0.5) WITHIN GROUP (ORDER BY login_us) AS login_p50,
       percentile_cont(0.99) WITHIN GROUP (ORDER BY login_us) AS login_p99
  FROM bench.cs_latency
 GROUP BY scenario;

-- Appends by their place in the transaction (the parts pass writes 5 per
-- transaction; ord is holder * 10 + place).
CREATE TEMP VIEW append_place AS
SELECT CASE WHEN ord % 10 = 1 THEN 'first' ELSE 'later' END AS place, count(*) AS n,
       avg(call_us) AS mean, percentile_cont(0.5) WITHIN GROUP (ORDER BY call_us) AS p50,
       percentile_cont(0.99) WITHIN GROUP (ORDER BY call_us) AS p99
  FROM bench.cs_latency WHERE scenario = 'log append'
 GROUP BY 1;

-- Function statistics of the instrumented passes, per look-up.
CREATE TEMP VIEW fn AS
WITH d AS (
  SELECT a.at, a.function,
         a.calls - coalesce(b.calls, 0) AS calls,
         a.self_time - coalesce(b.self_time, 0) AS self_ms,
         a.total_time - coalesce(b.total_time, 0) AS total_ms
    FROM bench.cs_function_stats a
    LEFT JOIN bench.cs_function_stats b
      ON b.function = a.function AND b.at = CASE a.at WHEN 'department' THEN 'before' WHEN 'citizen' THEN 'department' END
   WHERE a.at IN ('department', 'citizen') AND a.function NOT LIKE 'bench.%'
)
SELECT d.at AS actor, regexp_replace(d.function, '^yiwang\.([a-z0-9_]+)\(.*$', '\1') AS name, d.function,
       d.calls::double precision / l.n AS calls_per_lookup,
       d.self_ms * 1000 / nullif(d.calls, 0) AS self_us_per_call,
       d.self_ms * 1000 / l.n AS self_us_per_lookup,
       d.total_ms * 1000 / l.n AS total_us_per_lookup
  FROM d JOIN lookup l ON l.scenario = d.at || ', instrumented'
 WHERE d.calls > 0;

CREATE TEMP VIEW pg AS
SELECT r.scenario, r.clients, r.seconds, r.tps, r.deadlocks,
       count(t.*) FILTER (WHERE t.latency ~ '^[0-9]+$') AS done,
       count(t.*) FILTER (WHERE t.latency !~ '^[0-9]+$') AS failed,
       avg(t.latency::double precision) FILTER (WHERE t.latency ~ '^[0-9]+$') AS mean,
       percentile_cont(0.5) WITHIN GROUP (ORDER BY t.latency::double precision) FILTER (WHERE t.latency ~ '^[0-9]+$') AS p50,
       percentile_cont(0.99) WITHIN GROUP (ORDER BY t.latency::double precision) FILTER (WHERE t.latency ~ '^[0-9]+$') AS p99,
       max(t.latency::double precision) FILTER (WHERE t.latency ~ '^[0-9]+$') AS worst
  FROM bench.cs_pgbench_run r
  LEFT JOIN bench.cs_pgbench_tx t USING (scenario, clients)
 GROUP BY r.scenario, r.clients, r.seconds, r.tps, r.deadlocks;

CREATE TEMP VIEW waits AS
SELECT scenario, clients, state, count(*)::double precision / sum(count(*)) OVER (PARTITION BY scenario, clients) AS share
  FROM bench.cs_wait GROUP BY scenario, clients, state;

CREATE FUNCTION pg_temp.ms(us double precision) RETURNS text
LANGUAGE sql IMMUTABLE RETURN bench.fmt(us / 1000, 2);
CREATE FUNCTION pg_temp.us(us double precision) RETURNS text
LANGUAGE sql IMMUTABLE RETURN bench.fmt(us, 0);
CREATE FUNCTION pg_temp.pct(share double precision) RETURNS text
LANGUAGE sql IMMUTABLE RETURN bench.fmt(share * 100, 0) || ' %';
CREATE FUNCTION pg_temp.step(name text) RETURNS integer
LANGUAGE sql STABLE RETURN (SELECT seconds FROM bench.cs_run WHERE step = name);

-- Heading and targets ------------------------------------------------------

SELECT format($md$## Certificate store: signatures, `certificates_of` and the access log

Section files: `test/bench/20_certificate_store.sh`, `test/bench/certificate_store/`.  This section took
%s min %s s of the run: %s s for the signature benchmarks, %s s to generate and load the store, %s s for the
timed look-ups and %s s for pgbench.

### Targets

| target | this run | result |
|---|---|---|
| verifications per second in SQL at least 85 %% of `openssl speed`, Ed25519 | %s/s against %s/s (medians); median of the rounds' ratios **%s** | %s |
| the same, SM2 | %s/s against %s/s (medians); median of the rounds' ratios **%s** | %s |
| `certificates_of` p99 under 1 ms with the access log, %s persons, %s certificates: as a department under a sharing grant | p99 **%s ms** (median %s ms) | %s |
| the same, as the holder (citizen) | p99 **%s ms** (median %s ms) | %s |
| the cost the access log adds per read (no target) | %s µs per entry appended (median; the first entry of a transaction %s µs, later ones %s µs) | reported |

The figures behind each line follow.
$md$,
  pg_temp.step('total') / 60, pg_temp.step('total') % 60,
  pg_temp.step('signatures-setup') + pg_temp.step('signatures-rounds') + pg_temp.step('key-cache'),
  pg_temp.step('generate') + pg_temp.step('checkpoint'), pg_temp.step('lookups'), pg_temp.step('pgbench'),
  bench.fmt(e.sql, 0), bench.fmt(e.openssl, 0), pg_temp.pct(e.ratio),
  CASE WHEN e.ratio >= 0.85 THEN '**met**' ELSE '**missed**' END,
  bench.fmt(s.sql, 0), bench.fmt(s.openssl, 0), pg_temp.pct(s.ratio),
  CASE WHEN s.ratio >= 0.85 THEN '**met**' ELSE '**missed**' END,
  bench.fmt((SELECT persons FROM bench.cs_scale), 0), bench.fmt((SELECT certificates FROM bench.cs_check), 0),
  pg_temp.ms(d.p99), pg_temp.ms(d.p50),
  CASE WHEN d.p99 < 1000 THEN '**met**' ELSE '**missed** (see 2.4)' END,
  pg_temp.ms(c.p99), pg_temp.ms(c.p50),
  CASE WHEN c.p99 < 1000 THEN '**met**' ELSE '**missed** (see 2.4)' END,
  pg_temp.us(a.p50), pg_temp.us(f.p50), pg_temp.us(l.p50))
  FROM sig e, sig s, lookup d, lookup c, lookup a, append_place f, append_place l
 WHERE e.algorithm = 'ed25519' AND s.algorithm = 'sm2' AND d.scenario = 'department' AND c.scenario = 'citizen'
   AND a.scenario = 'log append' AND f.place = 'first' AND l.place = 'later';

-- 1. Signatures ------------------------------------------------------------

SELECT format($md$### 1. Signature verification: SQL against `openssl speed`

Both sides verify on one core of the same machine, in the same run, in %s rounds.  In each round, for each
algorithm, `openssl speed` and the SQL run back to back, openssl first in odd rounds and second in even ones,
so that a slow spell of the machine falls on both sides of a pair.  The verdict is the median of the rounds'
ratios (SQL rate / openssl rate of the same round).

- **openssl**: `openssl speed -elapsed -mr -seconds %s ed25519`, then the same with `sm2` (%s).
  `openssl speed sm2` and `openssl speed ed25519` work as they are in OpenSSL 3.0 (no `-evp` needed).  `-mr`
  prints the figures of the usual table in a form made for programs (`+F6:...:<signs/s>:<verifies/s>` for
  Ed25519, `+F7:...` for SM2); the verify/s figure is used.  `-elapsed` makes openssl divide by wall-clock
  time, as the SQL side is timed; by default it divides by its own CPU time, which leaves out any time the
  process was not running and would flatter it on a busy machine.  openssl verifies one 20-byte message over
  and over with one key: for Ed25519 on one digest context set up once before the loop, for SM2 setting the
  context up again (SM3 and the distinguishing ID) before every verification.
- **SQL**: `SELECT count(*) FILTER (WHERE yiwang.verify('<algorithm>', '<PEM public key>', message, signature)) FROM t`
  over %s Ed25519 and %s SM2 rows of distinct 20-byte messages signed with one key, in one backend (no parallel
  query), timed in the server around the query; verifications per second = rows / time.  Every row is a
  call: check the algorithm name, find the key in the per-backend cache, make a digest context, set it up
  (for SM2 with SM3 and the distinguishing ID 1234567812345678), verify, free it.

| algorithm | openssl verify/s: median (lowest–highest) | SQL verify/s: median (lowest–highest) | **SQL / openssl: median of the rounds** (lowest–highest) | ratio of the medians | µs per verification, SQL | of which scan and call |
|---|--:|--:|--:|--:|--:|--:|
%s

Per round (verify/s):

| round | Ed25519 openssl | Ed25519 SQL | ratio | SM2 openssl | SM2 SQL | ratio |
|--:|--:|--:|--:|--:|--:|--:|
%s

The verification itself is OpenSSL's on both sides, so the SQL side can only lose what it adds per call:
the scan of the row, the function call, the key look-up and a fresh digest context.  The scan and the call
cost what the last column shows (the same scan with `octet_length(signature)` in place of `verify`); the
rest is OpenSSL setting up a digest context for every call, which `openssl speed`'s Ed25519 loop does once.
Two measurements of the same thing in different rounds differ by more than that, as the per-round figures
show: the machine is shared, and its speed moves by tens of per cent from one minute to the next.
$md$,
  (SELECT max(rounds) FROM sig), (SELECT seconds FROM bench.cs_run WHERE step = 'openssl seconds'),
  (SELECT detail FROM bench.cs_run WHERE step = 'openssl version'),
  bench.fmt((SELECT n FROM sig WHERE algorithm = 'ed25519'), 0), bench.fmt((SELECT n FROM sig WHERE algorithm = 'sm2'), 0),
  (SELECT string_agg(format('| %s | %s (%s–%s) | %s (%s–%s) | **%s** (%s–%s) | %s | %s | %s |',
                            CASE algorithm WHEN 'ed25519' THEN 'Ed25519' ELSE 'SM2 (with SM3)' END,
                            bench.fmt(openssl, 0), bench.fmt(openssl_lo, 0), bench.fmt(openssl_hi, 0),
                            bench.fmt(sql, 0), bench.fmt(sql_lo, 0), bench.fmt(sql_hi, 0),
                            pg_temp.pct(ratio), pg_temp.pct(ratio_lo), pg_temp.pct(ratio_hi), pg_temp.pct(ratio_of_medians),
                            bench.fmt(1e6 / sql, 1), bench.fmt(scan_us, 2)),
                     E'\n' ORDER BY algorithm) FROM sig),
  (SELECT string_agg(format('| %s | %s | %s | %s | %s | %s | %s |', e.round,
                            bench.fmt(e.openssl, 0), bench.fmt(e.sql, 0), pg_temp.pct(e.ratio),
                            bench.fmt(s.openssl, 0), bench.fmt(s.sql, 0), pg_temp.pct(s.ratio)),
                     E'\n' ORDER BY e.round)
     FROM sig_round e JOIN sig_round s ON s.round = e.round AND s.algorithm = 'sm2' WHERE e.algorithm = 'ed25519'));

SELECT format($md$#### The key cache

`yiwang.verify` keeps the last 64 public keys it parsed, per backend, and replaces them in turn.  Three
scans of 3,200 rows each, 3 timed runs after one untimed, medians: one key; 64 keys in rotation (all cached
after the first pass); 65 keys in rotation, the worst case for replacing in turn: every key was replaced
just before it comes round again, so every call parses its PEM text (bar the first pass or two, while the
rotation and the replacement fall into step).  The same scans with a one-byte signature, which `verify`
rejects right after finding the key, give the cost of finding or parsing the key alone.

| algorithm | one key: verify/s | 64 keys, cached: verify/s | 65 keys, never cached: verify/s | key alone, µs per call: one key / 64 cached / 65 parsed | parsing a PEM key | finding a key among 64 |
|---|--:|--:|--:|--:|--:|--:|
%s

Parsing the key (OpenSSL's PEM decoder) costs more than an Ed25519 verification, so a scan that verifies
with more than 64 keys in an order that defeats the cache runs at a fraction of the speed.  A
cache hit is a comparison of the PEM text with each cached key in turn, which costs a few microseconds when
64 keys are cached, against a fraction of a microsecond with one.
$md$,
  (SELECT string_agg(format('| %s | %s | %s | %s | %s / %s / %s | **%s µs** | %s µs |',
                            CASE algorithm WHEN 'ed25519' THEN 'Ed25519' ELSE 'SM2' END,
                            bench.fmt(1e6 / one_us, 0), bench.fmt(1e6 / cached_us, 0), bench.fmt(1e6 / uncached_us, 0),
                            bench.fmt(one_key_us, 1), bench.fmt(cached_key_us, 1), bench.fmt(uncached_key_us, 1),
                            bench.fmt(uncached_key_us - cached_key_us, 0), bench.fmt(cached_key_us - one_key_us, 1)),
                     E'\n' ORDER BY algorithm) FROM key_cache));

-- 2. The store -------------------------------------------------------------

SELECT format($md$### 2. `certificates_of` over %s persons and %s certificates

#### Data

Generated by `certificate_store/generate.sql`, set-based and deterministic, then checked set-based:

- **Persons** (`yiwang.persons`): %s, valid identity numbers of nine Shenzhen districts, births 1940–2019.
- **Departments**: %s, each with a valid credit code and an SM2 signing key; **certificate types**: %s personal
  types (identity card, household register, driving licence, marriage, social security card, graduation,
  real estate title, ...), each held by its own share of the persons.
- **Certificates** (`yiwang.certificates`): **%s** rows: %s latest versions (%s of them revoked, %s
  expired) and %s earlier versions, superseded by a later one; %s valid today.  Per sample holder: %s valid certificates on average,
  at most %s.  Loaded department by department in the order of their identifiers.  Every reference was
  checked after the load (%s holders, types, keys or superseding certificates missing).
- **Signatures**: the certificates loaded in bulk carry 71 zero bytes in place of a signature (the length of a
  DER SM2 signature): signing them all would take about %s min of one core at the SM2 signing rate
  `openssl speed` measured, and `certificates_of` does not verify signatures, so it reads the same rows either
  way.  %s certificates were issued through
  `yiwang.issue_certificate`, signed by yiwang with the department's key, and `yiwang.verify_certificate`
  found %s of them genuine and valid.
- **Access**: the education bureau holds sharing grants for school enrolment (`school_enrollment`) on four
  types of other departments (identity card, household register, birth medical certificate, real estate
  title), and issues three types itself; it sees a holder's certificates of those seven types.  The citizen
  sees all of their own.  Tokens are signed by the identity platform's Ed25519 key.
- **Size**: the certificates table %s, its indexes %s, the persons table with its index %s;
  shared_buffers is %s, so look-ups read part of their pages from the operating system's cache (the
  blocks column below).

Loading took %s s: generating the data, writing the rows and their indexes with the foreign-key triggers
off (`session_replication_role = replica`), the checks and `VACUUM (ANALYZE)`; the checkpoint after it %s s.
$md$,
  bench.fmt((SELECT persons FROM bench.cs_scale), 0), bench.fmt((SELECT certificates FROM bench.cs_check), 0),
  bench.fmt((SELECT persons FROM bench.cs_check), 0),
  (SELECT count(*) FROM yiwang.departments), (SELECT count(*) FROM yiwang.certificate_types),
  bench.fmt((SELECT certificates FROM bench.cs_check), 0),
  bench.fmt((SELECT count(*) FROM yiwang.certificates WHERE status <> 'superseded'), 0),
  bench.fmt((SELECT count(*) FROM yiwang.certificates WHERE status = 'revoked'), 0),
  bench.fmt((SELECT count(*) FROM yiwang.certificates WHERE status = 'valid' AND valid_until < current_date), 0),
  bench.fmt((SELECT superseded FROM bench.cs_check), 0),
  bench.fmt((SELECT current FROM bench.cs_check), 0),
  bench.fmt((SELECT rows_mean FROM lookup WHERE scenario = 'plain SQL, all'), 1),
  (SELECT rows_max FROM lookup WHERE scenario = 'plain SQL, all'),
  (SELECT orphan_holders + orphan_other + orphan_superseded_by FROM bench.cs_check),
  bench.fmt((SELECT certificates FROM bench.cs_check)
            / (SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY signs_per_s) FROM bench.sig_openssl WHERE algorithm = 'sm2')
            / 60, 0),
  (SELECT signed FROM bench.cs_check), (SELECT signed_verified FROM bench.cs_check),
  bench.mib(pg_relation_size('yiwang.certificates')), bench.mib(pg_indexes_size('yiwang.certificates')),
  bench.mib(pg_total_relation_size('yiwang.persons')), current_setting('shared_buffers'),
  pg_temp.step('generate'), pg_temp.step('checkpoint'));

SELECT format($md$#### 2.1 Latency of one look-up

Each look-up is a transaction of its own, as an application's request is: `yiwang.login(token)`, then
`SELECT count(*) FROM yiwang.certificates_of(holder, purpose)`, then commit.  A procedure runs them for %s
sample holders (distinct, scattered over the registry) in one backend, and reads `clock_timestamp()` around
the login and around the `certificates_of` query: the latency below is `certificates_of` alone, access log
included, with no client round trip; the login is reported apart, and the commit is not timed.  The
education bureau's clerk runs as a member of `yiwang_department`, the citizen as a member of
`yiwang_citizen`.  The plain-SQL baselines are the same selection (same filters, same columns, same order)
run by a superuser on the same holders: no login, no access checks, no log.

| look-up | runs | rows returned: mean (most) | mean ms | p50 ms | p95 ms | **p99 ms** | slowest ms | certificates' blocks: read (not in shared_buffers) / hit |
|---|--:|--:|--:|--:|--:|--:|--:|--:|
%s

By the number of certificates returned (p99 where there were at least 100 look-ups; the tail is the
holders with the most certificates, and the moments the machine was busy with something else):

| certificates returned | department: look-ups | p50 ms | p99 ms | citizen: look-ups | p50 ms | p99 ms |
|--:|--:|--:|--:|--:|--:|--:|
%s

Login (`yiwang.login`, an Ed25519 token verification and the replay check), timed in the same passes: the
clerk's token %s ms median, %s ms p99; the citizens' tokens %s ms median, %s ms p99.

What the API adds to the plain query: %s µs per look-up for the department (%s rows), %s µs for the citizen
(%s rows), i.e. %s µs and %s µs per row returned.
$md$,
  bench.fmt((SELECT n FROM lookup WHERE scenario = 'department'), 0),
  (SELECT string_agg(format('| %s | %s | %s (%s) | %s | %s | %s | **%s** | %s | %s |',
                            CASE l.scenario
                              WHEN 'department' THEN '`certificates_of` as the education bureau, purpose school_enrollment'
                              WHEN 'citizen' THEN '`certificates_of` as the holder'
                              WHEN 'plain SQL, department' THEN 'baseline: plain SQL, the rows the bureau may see'
                              ELSE 'baseline: plain SQL, all valid rows (what the holder sees)' END,
                            bench.fmt(l.n, 0), bench.fmt(l.rows_mean, 1), l.rows_max,
                            pg_temp.ms(l.mean), pg_temp.ms(l.p50), pg_temp.ms(l.p95), pg_temp.ms(l.p99), pg_temp.ms(l.worst),
                            coalesce(bench.fmt((i.heap_read + i.index_read - p.heap_read - p.index_read)::double precision, 0)
                                     || ' / ' || bench.fmt((i.heap_hit + i.index_hit - p.heap_hit - p.index_hit)::double precision, 0), '')),
                     E'\n' ORDER BY CASE l.scenario WHEN 'department' THEN 1 WHEN 'plain SQL, department' THEN 2
                                                     WHEN 'citizen' THEN 3 ELSE 4 END)
     FROM lookup l
     LEFT JOIN bench.cs_io i ON i.scenario = l.scenario AND i.at = 'after'
     LEFT JOIN LATERAL (SELECT * FROM bench.cs_io p
                         WHERE p.seq < i.seq ORDER BY p.seq DESC LIMIT 1) p ON true
    WHERE l.scenario IN ('department', 'citizen', 'plain SQL, all', 'plain SQL, department')),
  (SELECT string_agg(format('| %s | %s | %s | %s | %s | %s | %s |', k,
                            coalesce(bench.fmt(dn, 0), '0'), pg_temp.ms(d50), pg_temp.ms(CASE WHEN dn >= 100 THEN d99 END),
                            coalesce(bench.fmt(cn, 0), '0'), pg_temp.ms(c50), pg_temp.ms(CASE WHEN cn >= 100 THEN c99 END)),
                     E'\n' ORDER BY k)
     FROM (SELECT rows_returned AS k,
                  count(*) FILTER (WHERE scenario = 'department') AS dn,
                  percentile_cont(0.5) WITHIN GROUP (ORDER BY call_us) FILTER (WHERE scenario = 'department') AS d50,
                  percentile_cont(0.99) WITHIN GROUP (ORDER BY call_us) FILTER (WHERE scenario = 'department') AS d99,
                  count(*) FILTER (WHERE scenario = 'citizen') AS cn,
                  percentile_cont(0.5) WITHIN GROUP (ORDER BY call_us) FILTER (WHERE scenario = 'citizen') AS c50,
                  percentile_cont(0.99) WITHIN GROUP (ORDER BY call_us) FILTER (WHERE scenario = 'citizen') AS c99
             FROM bench.cs_latency WHERE scenario IN ('department', 'citizen') GROUP BY rows_returned) x),
  pg_temp.ms((SELECT login_p50 FROM lookup WHERE scenario = 'department')),
  pg_temp.ms((SELECT login_p99 FROM lookup WHERE scenario = 'department')),
  pg_temp.ms((SELECT login_p50 FROM lookup WHERE scenario = 'citizen')),
  pg_temp.ms((SELECT login_p99 FROM lookup WHERE scenario = 'citizen')),
  pg_temp.us(d.mean - pd.mean), bench.fmt(d.rows_mean, 1), pg_temp.us(c.mean - pc.mean), bench.fmt(c.rows_mean, 1),
  pg_temp.us((d.mean - pd.mean) / d.rows_mean), pg_temp.us((c.mean - pc.mean) / c.rows_mean))
  FROM lookup d, lookup pd, lookup c, lookup pc
 WHERE d.scenario = 'department' AND pd.scenario = 'plain SQL, department'
   AND c.scenario = 'citizen' AND pc.scenario = 'plain SQL, all';

SELECT format($md$#### 2.2 The access log and the other parts of a look-up

Each part timed alone, as `yiwang_api` (the role yiwang's functions run as, under row-level security) after
the education bureau's login, in transactions of their own:

| part | runs | mean µs | p50 µs | p99 µs |
|---|--:|--:|--:|--:|
%s

**The access log costs %s µs per entry appended** (median; mean %s µs): the first entry of a transaction
%s µs, the next ones %s µs each.  An entry takes the chain head's row lock, hashes the previous hash and the
entry with SM3, inserts the entry (three indexes), updates the head and writes a line to the server log.
The first entry of a transaction costs more because PL/pgSQL sets up the expressions of its functions
again in each transaction (their plans are kept for the session, their execution state is not).
Reading the certificates under the row-level security policy %s
$md$,
  (SELECT string_agg(format('| %s | %s | %s | %s | %s |', x.shown, bench.fmt(x.n, 0), pg_temp.us(x.mean), pg_temp.us(x.p50),
                            pg_temp.us(x.p99)), E'\n' ORDER BY x.ord)
     FROM (SELECT 1 AS ord, 'the certificates SELECT under the row-level security policy' AS shown, n, mean, p50, p99
             FROM lookup WHERE scenario = 'rls select'
           UNION ALL
           SELECT 2, 'the same SELECT as plain SQL (baseline above, all valid rows)', n, mean, p50, p99
             FROM lookup WHERE scenario = 'plain SQL, all'
           UNION ALL
           SELECT 3, 'one access-log entry (`access_log_append`), all', n, mean, p50, p99
             FROM lookup WHERE scenario = 'log append'
           UNION ALL
           SELECT 4, '— the first entry of a transaction', n, mean, p50, p99 FROM append_place WHERE place = 'first'
           UNION ALL
           SELECT 5, '— the second to fifth', n, mean, p50, p99 FROM append_place WHERE place = 'later'
           UNION ALL
           SELECT 6, 'counting one use of a sharing grant (`use_grants`, one type)', n, mean, p50, p99
             FROM lookup WHERE scenario = 'grant use') x),
  pg_temp.us(a.p50), pg_temp.us(a.mean), pg_temp.us(f.p50), pg_temp.us(l.p50),
  CASE WHEN r.p50 >= p.p50
       THEN format('costs %s µs more than the same SELECT as a superuser (%s against %s µs, medians).',
                   pg_temp.us(r.p50 - p.p50), pg_temp.us(r.p50), pg_temp.us(p.p50))
       ELSE format(E'took no longer than the same SELECT as a superuser in this run (%s against %s µs,\nmedians): what the policy adds is within the noise of the machine.',
                   pg_temp.us(r.p50), pg_temp.us(p.p50)) END)
  FROM lookup a, append_place f, append_place l, lookup r, lookup p
 WHERE a.scenario = 'log append' AND f.place = 'first' AND l.place = 'later'
   AND r.scenario = 'rls select' AND p.scenario = 'plain SQL, all';

SELECT format($md$#### 2.3 Where the time of a look-up goes

A further pass of %s look-ups of each kind with `track_functions = 'all'`, which counts every call of every
function and times it.  Per look-up, by function, largest first (*self* excludes the functions it called;
`login` and `verify` are the login's, the rest the look-up's; the timing adds overhead of its own: these
look-ups took %s ms on average for the department and %s ms for the citizen, against %s and %s ms
uninstrumented):

| function | department: calls | µs per call | **µs per look-up** | citizen: calls | µs per call | **µs per look-up** |
|---|--:|--:|--:|--:|--:|--:|
%s

The plan of the certificates query for the sample holder with the most certificates, as plain SQL and under
the policy (`EXPLAIN (ANALYZE, BUFFERS)`, after the clerk's login):

```
%s```

```
%s```
$md$,
  bench.fmt((SELECT n FROM lookup WHERE scenario = 'department, instrumented'), 0),
  pg_temp.ms((SELECT mean FROM lookup WHERE scenario = 'department, instrumented')),
  pg_temp.ms((SELECT mean FROM lookup WHERE scenario = 'citizen, instrumented')),
  pg_temp.ms((SELECT mean FROM lookup WHERE scenario = 'department')),
  pg_temp.ms((SELECT mean FROM lookup WHERE scenario = 'citizen')),
  (SELECT string_agg(format('| `%s` | %s | %s | **%s** | %s | %s | **%s** |', coalesce(d.name, c.name),
                            bench.fmt(d.calls_per_lookup, 1), bench.fmt(d.self_us_per_call, 1), bench.fmt(d.self_us_per_lookup, 0),
                            bench.fmt(c.calls_per_lookup, 1), bench.fmt(c.self_us_per_call, 1), bench.fmt(c.self_us_per_lookup, 0)),
                     E'\n' ORDER BY greatest(coalesce(d.self_us_per_lookup, 0), coalesce(c.self_us_per_lookup, 0)) DESC)
     FROM (SELECT * FROM fn WHERE actor = 'department') d
     FULL JOIN (SELECT * FROM fn WHERE actor = 'citizen') c USING (function)
    WHERE greatest(coalesce(d.self_us_per_lookup, 0), coalesce(c.self_us_per_lookup, 0)) >= 1),
  (SELECT plan FROM bench.cs_plan_text WHERE label = 'plain SQL'),
  (SELECT plan FROM bench.cs_plan_text WHERE label LIKE 'yiwang_api%'));

-- What a look-up spends its time on, from the instrumented pass, per
-- look-up.  certificate_access and grant_in_force never show: they are
-- inlined into the queries that use them.
CREATE TEMP VIEW part AS
SELECT actor,
       coalesce(sum(self_us_per_lookup) FILTER (WHERE name = 'certificates_for_holder'), 0) AS holder_fn,
       coalesce(sum(self_us_per_lookup) FILTER (WHERE name = 'use_grants'), 0) AS grant_use,
       coalesce(sum(calls_per_lookup) FILTER (WHERE name = 'use_grants'), 0) AS grant_use_calls,
       coalesce(sum(self_us_per_lookup) FILTER (WHERE name LIKE 'access\_log\_%' OR name = 'sm3'), 0) AS log,
       coalesce(sum(calls_per_lookup) FILTER (WHERE name = 'access_log_append_many'), 0) AS log_calls,
       coalesce(sum(self_us_per_lookup) FILTER (WHERE name = 'certificates_of' AND function LIKE '%(yiwang.idcard,text)'), 0) AS wrapper,
       coalesce(sum(self_us_per_lookup) FILTER (WHERE name IN ('require_actor', 'check_purpose')), 0) AS checks,
       coalesce(sum(self_us_per_lookup) FILTER (WHERE name IN ('certificate_access', 'grant_in_force')), 0) AS not_inlined,
       coalesce(sum(self_us_per_lookup) FILTER (WHERE name NOT IN ('login', 'verify', 'actor_set', 'token_lifetime_limit')), 0) AS all_lookup
  FROM fn GROUP BY actor;

SELECT format($md$#### 2.4 What a look-up does besides the plain query, and what it costs

The plain query finds and returns the same rows in %s ms (p99 %s ms); `certificates_of` also decides on
which ground the actor sees each row, counts the grants it relies on and logs every row it returns, and
p99 is %s 1 ms for the education bureau and %s 1 ms for the citizen.  From the instrumented pass, per
look-up of the education bureau (and of the citizen):

1. **Who sees what, decided inside the certificates query.**  The row-level security policy on
   certificates is the expression `certificate_access(holder_idcard, holder_uscc, issuing_department,
   type_code, ARRAY(SELECT e.uscc FROM yiwang.legal_entities e WHERE e.legal_representative =
   yiwang.actor_idcard()), ARRAY(SELECT g.type_code FROM yiwang.sharing_grants g WHERE
   yiwang.grant_in_force(g) ...))`.  `certificate_access` (holder, issuing department or grant) and
   `grant_in_force` are SQL functions with a `RETURN` body and no SET clause, which the planner inlines;
   the two lists do not depend on the row, so each runs once per query as an InitPlan, and only when a
   row needs it (the plan in 2.3: the bureau never reads the legal entities).  The look-up asks the same
   function, with the grants of its purpose, as a column of the same query, so the policy and the look-up
   cannot disagree, and no function is called per row: `certificate_access` and `grant_in_force` are not
   among the functions of 2.3 (their time there: %s µs).  The certificates SELECT under the policy takes %s µs against
   %s µs as plain SQL (2.2, medians).
2. **Counting grant uses: %s µs** (`use_grants`, %s calls per look-up of the bureau): one statement
   locks the candidate grants of the types shown, in grant_id order, and counts one use of the first grant
   with uses left for each type (a type whose grants are used up is left out), before the first log entry.
3. **The access log: %s µs (%s µs)** for %s entries per look-up (%s for the citizen), appended together
   (`access_log_append_many`, %s calls per look-up; %s for the citizen): one hold of the chain head, the
   entries hashed and chained in a loop, one INSERT, one update of the head.
4. **The look-up function around them: %s µs (%s µs)**: `certificates_for_holder` running the query and
   keeping the rows; **the wrapper `certificates_of(idcard, text)`: %s µs (%s µs)**, in PL/pgSQL, so its
   plan is kept for the session; `require_actor` and `check_purpose`: %s µs (%s µs).

Items 2 and 3 take %s of the bureau's function time measured, and item 3 %s of the citizen's.  The
internal functions of the look-up (`certificates_for_holder`, `use_grants`, `certificate_access`,
`grant_in_force`) have no SET clause: only `yiwang_api` executes them, from SECURITY DEFINER functions
that pin `search_path`, so they run under that path and do not save and restore it on every call.
$md$,
  pg_temp.ms(pd.mean), pg_temp.ms(pd.p99),
  CASE WHEN (SELECT p99 FROM lookup WHERE scenario = 'department') < 1000 THEN 'under' ELSE 'over' END,
  CASE WHEN (SELECT p99 FROM lookup WHERE scenario = 'citizen') < 1000 THEN 'under' ELSE 'over' END,
  bench.fmt(d.not_inlined + c.not_inlined, 0),
  pg_temp.us(r.p50), pg_temp.us(p.p50),
  bench.fmt(d.grant_use, 0), bench.fmt(d.grant_use_calls, 1),
  bench.fmt(d.log, 0), bench.fmt(c.log, 0),
  bench.fmt((SELECT avg(rows_returned) FROM bench.cs_latency WHERE scenario = 'department, instrumented'), 1),
  bench.fmt((SELECT avg(rows_returned) FROM bench.cs_latency WHERE scenario = 'citizen, instrumented'), 1),
  bench.fmt(d.log_calls, 1), bench.fmt(c.log_calls, 1),
  bench.fmt(d.holder_fn, 0), bench.fmt(c.holder_fn, 0),
  bench.fmt(d.wrapper, 0), bench.fmt(c.wrapper, 0),
  bench.fmt(d.checks, 0), bench.fmt(c.checks, 0),
  pg_temp.pct((d.grant_use + d.log) / nullif(d.all_lookup, 0)), pg_temp.pct(c.log / nullif(c.all_lookup, 0)))
  FROM part d, part c, lookup pd, lookup r, lookup p
 WHERE d.actor = 'department' AND c.actor = 'citizen' AND pd.scenario = 'plain SQL, department'
   AND r.scenario = 'rls select' AND p.scenario = 'plain SQL, all';

SELECT format($md$#### 2.5 Whole requests, one and two clients (pgbench)

`pgbench -M prepared -T %s` with the scripts `certificate_store/{plain,department,citizen}.pgbench`: a random
sample holder per transaction; the department's and the citizen's request is `BEGIN`, the login, the look-up,
`COMMIT` (four round trips from the client); the plain one is the baseline SELECT alone, as a superuser.
Latencies from pgbench's per-transaction log; the states are what the pgbench sessions were doing, sampled
from `pg_stat_activity` every 20 ms.  The machine has %s cores, and pgbench runs on it too.

| request | clients | transactions/s | mean ms | p50 ms | p99 ms | slowest ms | failed (deadlocks) | running | waiting for a lock | waiting for the client within a transaction |
|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|
%s

Where a one-client request's time goes, as the client sees it (pgbench `-r`, mean ms per statement,
round trip included; these carry whatever else the machine was doing at the time, and 2.1 has the same
statements timed in the server):

| statement | department | citizen |
|---|--:|--:|
%s

%s
$md$,
  (SELECT max(seconds) FROM bench.cs_pgbench_run),
  :'cores',
  (SELECT string_agg(format('| %s | %s | %s | %s | %s | %s | %s | %s (%s) | %s | %s | %s |',
                            g.scenario, g.clients, bench.fmt(g.tps, 0), pg_temp.ms(g.mean), pg_temp.ms(g.p50), pg_temp.ms(g.p99),
                            pg_temp.ms(g.worst), g.failed, g.deadlocks,
                            pg_temp.pct(coalesce((SELECT share FROM waits w WHERE w.scenario = g.scenario AND w.clients = g.clients AND w.state = 'running'), 0)),
                            pg_temp.pct(coalesce((SELECT share FROM waits w WHERE w.scenario = g.scenario AND w.clients = g.clients AND w.state = 'waiting for a lock'), 0)),
                            pg_temp.pct(coalesce((SELECT share FROM waits w WHERE w.scenario = g.scenario AND w.clients = g.clients AND w.state = 'in a transaction, waiting for the client'), 0))),
                     E'\n' ORDER BY CASE g.scenario WHEN 'plain' THEN 1 WHEN 'department' THEN 2 ELSE 3 END, g.clients)
     FROM pg g),
  (SELECT string_agg(format('| %s | %s | %s |', x.statement, bench.fmt(x.department, 2), bench.fmt(x.citizen, 2)),
                     E'\n' ORDER BY CASE x.statement WHEN 'BEGIN' THEN 1 WHEN 'login' THEN 2 WHEN 'certificates_of' THEN 3 ELSE 4 END)
     FROM (SELECT st.statement, max(st.ms) FILTER (WHERE st.scenario = 'department') AS department,
                  max(st.ms) FILTER (WHERE st.scenario = 'citizen') AS citizen
             FROM bench.cs_pgbench_statement st WHERE st.clients = 1 AND st.scenario <> 'plain'
            GROUP BY st.statement) x),
  format($t$From one client to two, the plain SELECT goes from %s to %s transactions per second: with no
shared row to write, two sessions run side by side, as far as two cores shared with pgbench allow.  The
API's look-ups do not: every look-up that returns a
certificate appends to the access log, and an append holds the chain head's row lock from the look-up's
first entry until its transaction ends, client round trip for the COMMIT included, so two sessions take
turns for that stretch.  %s%s$t$,
    bench.fmt(p1.tps, 0), bench.fmt(p2.tps, 0),
    format('Two citizens get %s transactions per second against %s for one; two sessions of the education bureau %s against %s.',
           bench.fmt(c2.tps, 0), bench.fmt(c1.tps, 0), bench.fmt(d2.tps, 0), bench.fmt(d1.tps, 0)),
    CASE WHEN d2.failed > 0 OR d2.deadlocks > 0 THEN
      format($d$

**The department's look-ups deadlock at two clients** (%s of %s transactions failed with `deadlock detected`,
each found only after waiting `deadlock_timeout`, %s).  A department look-up is meant to take its row locks
in one order: the grant rows it counts (`use_grants`, in grant_id order), then the chain head for its log
entries; a deadlock between two look-ups means something took them in another order.  One of the two is
rolled back, log entries and all, and the application has to retry it.$d$,
             d2.failed, d2.done + d2.failed, current_setting('deadlock_timeout'))
      ELSE '' END))
  FROM pg p1, pg p2, pg c1, pg c2, pg d1, pg d2
 WHERE p1.scenario = 'plain' AND p1.clients = 1 AND p2.scenario = 'plain' AND p2.clients = 2
   AND c1.scenario = 'citizen' AND c1.clients = 1 AND c2.scenario = 'citizen' AND c2.clients = 2
   AND d1.scenario = 'department' AND d1.clients = 1 AND d2.scenario = 'department' AND d2.clients = 2;

SELECT format($md$#### Settings of this section

The server settings of the run (table at the top) apply, with `fsync = %s` and `synchronous_commit = %s`%s
(the latencies timed in the server do not include the commit).  The look-ups
read their certificates from a %s table with %s of shared_buffers.  Other work on the machine during the
run shows in the load averages at the top of this document.  Time of each step of this section: %s.
$md$,
  current_setting('fsync'), current_setting('synchronous_commit'),
  CASE WHEN current_setting('fsync') = 'off'
       THEN ': a commit does not wait for the disk, which flatters the pgbench figures against a production server'
       ELSE '' END,
  bench.mib(pg_relation_size('yiwang.certificates')), current_setting('shared_buffers'),
  (SELECT string_agg(format('%s %s s', step, seconds), ', ' ORDER BY CASE step WHEN 'signatures-setup' THEN 1
                      WHEN 'signatures-rounds' THEN 2 WHEN 'key-cache' THEN 3 WHEN 'generate' THEN 4
                      WHEN 'checkpoint' THEN 5 WHEN 'lookups' THEN 6 WHEN 'pgbench' THEN 7 ELSE 8 END)
     FROM bench.cs_run WHERE seconds IS NOT NULL AND step NOT IN ('openssl seconds', 'total')));

-- The markdown of this section, from the figures of this run only.  Run
-- with psql -At: each statement prints one chunk of the document.  psql
-- variables: cores, generate_seconds, total_seconds, block_size,
-- bare_block_size, clerks.

SET search_path = public, yiwang;

-- Figures ------------------------------------------------------------------

CREATE TEMP VIEW run AS
SELECT r.*,
       (SELECT avg(t.us) / 1000 FROM bench.wb_tx t WHERE t.label = r.label AND t.clients = r.clients) AS mean_ms,
       (SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY t.us) / 1000 FROM bench.wb_tx t
         WHERE t.label = r.label AND t.clients = r.clients) AS p50_ms,
       (SELECT percentile_cont(0.99) WITHIN GROUP (ORDER BY t.us) / 1000 FROM bench.wb_tx t
         WHERE t.label = r.label AND t.clients = r.clients) AS p99_ms,
       (SELECT max(t.us) / 1000.0 FROM bench.wb_tx t WHERE t.label = r.label AND t.clients = r.clients) AS worst_ms,
       (SELECT b.tps FROM bench.wb_run b WHERE b.label = 'bare' AND b.clients = r.clients) AS bare_tps
  FROM bench.wb_run r;

CREATE TEMP VIEW statement AS
SELECT label, clients,
       max(ms) FILTER (WHERE statement = 'BEGIN') AS begin_ms,
       max(ms) FILTER (WHERE statement = 'login') AS login_ms,
       max(ms) FILTER (WHERE statement = 'transition') AS transition_ms,
       max(ms) FILTER (WHERE statement = 'UPDATE') AS update_ms,
       max(ms) FILTER (WHERE statement = 'INSERT') AS insert_ms,
       max(ms) FILTER (WHERE statement = 'COMMIT') AS commit_ms
  FROM bench.wb_statement GROUP BY label, clients;

CREATE TEMP VIEW wait AS
SELECT label, clients, count(*) AS samples,
       count(*) FILTER (WHERE what = 'running')::double precision / count(*) AS running,
       count(*) FILTER (WHERE what = 'in a transaction, waiting for the client')::double precision / count(*) AS client,
       count(*) FILTER (WHERE what = 'between transactions')::double precision / count(*) AS idle,
       count(*) FILTER (WHERE what = 'waiting for the NOTIFY queue lock')::double precision / count(*) AS notify_lock,
       count(*) FILTER (WHERE what IN ('writing or flushing WAL', 'waiting for another WAL flush'))::double precision / count(*) AS wal,
       count(*) FILTER (WHERE what NOT IN ('running', 'in a transaction, waiting for the client', 'between transactions',
                                           'waiting for the NOTIFY queue lock', 'writing or flushing WAL',
                                           'waiting for another WAL flush'))::double precision / count(*) AS other
  FROM bench.wb_wait GROUP BY label, clients;

-- Per function and transaction, in the instrumented run.
CREATE TEMP VIEW fn AS
SELECT regexp_replace(a.function, '^yiwang\.([a-z0-9_]+)\(.*$', '\1') AS name,
       (a.calls - coalesce(b.calls, 0))::double precision / r.processed AS calls,
       (a.total_time - coalesce(b.total_time, 0)) * 1000 / r.processed AS total_us,
       (a.self_time - coalesce(b.self_time, 0)) * 1000 / r.processed AS self_us
  FROM bench.wb_function a
  LEFT JOIN bench.wb_function b ON b.at = 'before' AND b.function = a.function
  CROSS JOIN (SELECT processed FROM bench.wb_run WHERE label = 'window_instrumented') r
 WHERE a.at = 'after' AND a.calls > coalesce(b.calls, 0) AND a.function LIKE 'yiwang.%';

-- After the runs: every window run moved exactly the applications of the
-- transactions it committed, in its own block, and their logs verify.
CREATE TEMP TABLE moved AS
SELECT r.label, r.clients, r.processed,
       (SELECT count(*) FROM yiwang.applications a
         WHERE a.application_id >= r.first_id AND a.application_id < r.first_id + :block_size
           AND a.state = 'accepted' AND a.events = 2) AS accepted
  FROM bench.wb_run r WHERE r.stride > 0 AND r.label LIKE 'window%'
UNION ALL
SELECT r.label, r.clients, r.processed,
       (SELECT count(*) FROM bench.wb_bare_applications a
         WHERE a.application_id >= r.first_id AND a.application_id < r.first_id + :bare_block_size
           AND a.state = 'accepted')
  FROM bench.wb_run r WHERE r.stride > 0 AND r.label LIKE 'bare%';
CREATE TEMP TABLE moved_log AS
SELECT count(*) AS walked, count(*) FILTER (WHERE v.intact AND v.events = 2) AS intact
  FROM (SELECT application_id FROM yiwang.applications WHERE state = 'accepted' ORDER BY hashint8(application_id) LIMIT 1000) s
 CROSS JOIN LATERAL yiwang.verify_case_log(s.application_id) v;

CREATE TEMP VIEW top AS
SELECT (SELECT max(clients) FROM bench.wb_run WHERE label = 'window') AS clients;
CREATE TEMP VIEW headline AS
SELECT w.tps, w.tps / w.bare_tps AS ratio, w.bare_tps, w.clients
  FROM run w JOIN top USING (clients) WHERE w.label = 'window';

-- The document ----------------------------------------------------------------

SELECT format($md$## The one window: transitions per second

Section files: `test/bench/30_window.sh`, `test/bench/window/`.

An application's step at the window is one transaction of the department's application: `BEGIN`, the
clerk's `yiwang.login(token)` (the actor lasts one transaction, so every transaction logs in), one
`yiwang.transition(application, event)`, `COMMIT`.  The step measured is **`accept`** of a submitted
application by a window clerk: the transition locks the application, checks the step against the state
machine and the clerk's part in it, starts the statutory clock (`add_workdays`), records the first
contact, appends the event to the application's SM3 hash chain, announces it with `pg_notify`, and updates
the application under row-level security, through its state-guard trigger.  The baseline is the same
step as plain SQL on tables of the same shape: one `UPDATE` of the application, one `INSERT` of the event.

### Data

Generated by `window/generate.sql`, as a superuser, set-based and deterministic:

- **Applications**: %s of the item `WB-440304-0001` (人才住房补贴 talent housing subsidy; lead department
  the district housing bureau, reviewed in parallel by it and the human resources bureau), filed online
  over two weeks, each in state `submitted` with its case log of one `submit` event chained with SM3
  exactly as `yiwang.submit_application` writes it (before the runs, `verify_case_log` found %s of a sample
  of %s logs intact).  They come in blocks of %s, one per run; each client of a run accepts its own share of
  its run's block in order, so every transaction has an application waiting to be accepted.
- **Baseline tables** `bench.wb_bare_applications` and `bench.wb_bare_events`: `LIKE` the two tables,
  with their columns, defaults, checks and indexes (five on the applications, so that the update of
  `state` is not a HOT update on either side), without foreign keys, triggers or row-level security;
  %s rows each, in blocks of %s.
- **Clerks**: %s window clerks of the district services centre, each with an Ed25519 token of the
  district's identity platform; pgbench client *i* is clerk *i* mod %s, connected with role
  `yiwang_window`.

After the runs: %s.  `verify_case_log` walked the logs of %s accepted applications: %s intact, two events each.
$md$,
  bench.fmt((SELECT submitted FROM bench.wb_check), 0), bench.fmt((SELECT sample_intact FROM bench.wb_check), 0),
  bench.fmt((SELECT sample FROM bench.wb_check), 0), bench.fmt(:block_size, 0),
  bench.fmt((SELECT bare_submitted FROM bench.wb_check), 0), bench.fmt(:bare_block_size, 0), :clerks, :clerks,
  CASE WHEN (SELECT bool_and(processed = accepted) FROM moved)
       THEN 'every run moved exactly as many applications of its block as it committed transactions, and no other'
       ELSE 'runs whose moved applications do not match their committed transactions: '
            || (SELECT string_agg(format('%s at %s clients: %s committed, %s moved', label, clients, processed, accepted), '; ')
                  FROM moved WHERE processed <> accepted) END,
  bench.fmt((SELECT walked FROM moved_log), 0), bench.fmt((SELECT intact FROM moved_log), 0));

SELECT format($md$### Targets

| target | this run | result |
|---|---|---|
| at least 3,000 transitions/s at 8 clients | %s transitions/s at %s clients | %s |
| at least half the baseline's rate | %s of the baseline (%s transactions/s) at %s clients; %s | %s |

The figures behind each line, and where the time goes, follow.
$md$,
  bench.fmt(h.tps, 0), h.clients,
  CASE WHEN h.clients < 8 THEN '– (not run at 8 clients)' WHEN h.tps >= 3000 THEN '**met**' ELSE '**missed**: see 2.' END,
  bench.fmt(h.ratio, 2), bench.fmt(h.bare_tps, 0), h.clients,
  (SELECT string_agg(format('%s at %s client%s', bench.fmt(r.tps / r.bare_tps, 2), r.clients,
                            CASE WHEN r.clients > 1 THEN 's' ELSE '' END), ', ' ORDER BY r.clients)
     FROM run r WHERE r.label = 'window' AND r.clients <> h.clients),
  CASE WHEN h.ratio >= 0.5 THEN '**met**' ELSE '**missed**: see 2.' END)
  FROM headline h;

SELECT format($md$### 1. Transactions per second (pgbench)

`pgbench -n -M prepared -T %s -c N -j N` with `window/window.pgbench`, `bare.pgbench` and `login.pgbench`, at each
number of clients the three back to back.  Latencies from pgbench's per-transaction log, as the client sees
them (four round trips per transaction on every line but the login's three); *failed* counts transactions
that failed (serialization or deadlock, retried by none), *aborted* the clients that stopped on an error;
the WAL is what the whole server wrote during the run, over the transactions committed (each run starts after a
checkpoint, so it includes the full-page images of the pages first touched).
pgbench runs on the same %s-core machine.

| transaction | clients | **transactions/s** | ratio to the baseline | mean ms | p50 ms | p99 ms | slowest ms | failed | aborted | WAL per transaction |
|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|
%s
$md$,
  (SELECT seconds FROM bench.wb_run LIMIT 1), :cores,
  (SELECT string_agg(format('| %s | %s | **%s** | %s | %s | %s | %s | %s | %s | %s | %s |',
                            CASE r.label WHEN 'window' THEN 'login + `transition(id, ''accept'')`'
                                         WHEN 'bare' THEN 'baseline: `UPDATE` + `INSERT`'
                                         WHEN 'login' THEN 'login alone' END,
                            r.clients, bench.fmt(r.tps, 0),
                            CASE r.label WHEN 'bare' THEN '1' WHEN 'login' THEN '–' ELSE bench.fmt(r.tps / r.bare_tps, 2) END,
                            bench.fmt(r.mean_ms, 2), bench.fmt(r.p50_ms, 2), bench.fmt(r.p99_ms, 2), bench.fmt(r.worst_ms, 1),
                            bench.fmt(r.failed, 0), r.aborted_clients,
                            bench.fmt(r.wal_bytes / nullif(r.processed, 0) / 1024, 1) || ' KiB'),
                     E'\n' ORDER BY array_position(ARRAY['window', 'bare', 'login'], r.label), r.clients)
     FROM run r WHERE r.label IN ('window', 'bare', 'login')));

SELECT format($md$### 2. Where the time goes

#### 2.1 Per statement, as the client sees it

pgbench `-r`: the mean time of each statement of the script, round trip included, in ms.  The transition
without the login is the `transition` column: what an application would pay per step if the actor outlived
the transaction.

| transaction | clients | BEGIN | login | transition / UPDATE + INSERT | COMMIT | sum |
|---|--:|--:|--:|--:|--:|--:|
%s
$md$,
  (SELECT string_agg(format('| %s | %s | %s | %s | %s | %s | %s |',
                            CASE s.label WHEN 'window' THEN 'window' WHEN 'bare' THEN 'baseline' WHEN 'login' THEN 'login alone'
                                         WHEN 'bare_notify' THEN 'baseline + NOTIFY'
                                         WHEN 'window_async' THEN 'window, `synchronous_commit = off`'
                                         WHEN 'window_instrumented' THEN 'window, `track_functions = all`' END,
                            s.clients, bench.fmt(s.begin_ms, 2), bench.fmt(s.login_ms, 2),
                            bench.fmt(coalesce(s.transition_ms, s.update_ms + s.insert_ms), 2), bench.fmt(s.commit_ms, 2),
                            bench.fmt(coalesce(s.begin_ms, 0) + coalesce(s.login_ms, 0)
                                      + coalesce(s.transition_ms, s.update_ms + s.insert_ms, 0) + coalesce(s.commit_ms, 0), 2)),
                     E'\n' ORDER BY array_position(ARRAY['window', 'bare', 'login', 'bare_notify', 'window_async', 'window_instrumented'], s.label),
                                    s.clients)
     FROM statement s));

SELECT format($md$#### 2.2 What the sessions were doing

`pg_stat_activity` of the pgbench sessions, sampled every 10 ms during each run: the share of samples in
each state.  *NOTIFY lock*: waiting for the lock a committing transaction that has called `pg_notify` holds
from just before its commit record until its end (`LockSharedObject(DatabaseRelationId, 0, 0)` in
PostgreSQL's `async.c`, so that notifications enter the queue in commit order), which includes the commit's
WAL flush; *WAL*: writing or flushing WAL, or waiting for another session's flush.

| transaction | clients | running | waiting for the client | between transactions | **NOTIFY lock** | WAL | other |
|---|--:|--:|--:|--:|--:|--:|--:|
%s
$md$,
  (SELECT string_agg(format('| %s | %s | %s %% | %s %% | %s %% | **%s %%** | %s %% | %s %% |',
                            CASE w.label WHEN 'window' THEN 'window' WHEN 'bare' THEN 'baseline' WHEN 'login' THEN 'login alone'
                                         WHEN 'bare_notify' THEN 'baseline + NOTIFY'
                                         WHEN 'window_async' THEN 'window, `synchronous_commit = off`'
                                         WHEN 'window_instrumented' THEN 'window, `track_functions = all`' END,
                            w.clients, bench.fmt(100 * w.running, 0), bench.fmt(100 * w.client, 0), bench.fmt(100 * w.idle, 0),
                            bench.fmt(100 * w.notify_lock, 0), bench.fmt(100 * w.wal, 0), bench.fmt(100 * w.other, 0)),
                     E'\n' ORDER BY array_position(ARRAY['window', 'bare', 'login', 'bare_notify', 'window_async', 'window_instrumented'], w.label),
                                    w.clients)
     FROM wait w));

SELECT format($md$#### 2.3 The commit: NOTIFY and the WAL flush

At %s clients, two more runs isolate the commit: the baseline with the transition's notification added
(`window/bare_notify.pgbench`: the same `pg_notify` payload, sent from the `INSERT` statement so the round
trips stay the same), and the window with `synchronous_commit = off` (the commit does not wait for its WAL
flush; for this measurement only).

| transaction | clients | transactions/s | COMMIT ms | mean ms | p99 ms |
|---|--:|--:|--:|--:|--:|
%s

The notification alone takes the baseline from %s to %s transactions/s (%s).  A transaction that has
notified takes the queue lock before it writes its commit record and keeps it until it has ended, its WAL
flush included, so such transactions commit one at a time and cannot share a flush as the baseline's do
(group commit): at %s clients the window committed one transaction every %s ms, whatever the number of
clients waiting.  Without the wait for the flush, the window does %s transactions/s at %s clients instead
of %s: about what the CPU allows it today (2.4, 2.5).
$md$,
  (SELECT clients FROM top),
  (SELECT string_agg(format('| %s | %s | %s | %s | %s | %s |',
                            CASE r.label WHEN 'window' THEN 'window' WHEN 'bare' THEN 'baseline'
                                         WHEN 'bare_notify' THEN 'baseline + NOTIFY'
                                         WHEN 'window_async' THEN 'window, `synchronous_commit = off`' END,
                            r.clients, bench.fmt(r.tps, 0), bench.fmt(s.commit_ms, 2), bench.fmt(r.mean_ms, 2), bench.fmt(r.p99_ms, 2)),
                     E'\n' ORDER BY array_position(ARRAY['bare', 'bare_notify', 'window', 'window_async'], r.label))
     FROM run r JOIN statement s USING (label, clients) JOIN top USING (clients)
    WHERE r.label IN ('bare', 'bare_notify', 'window', 'window_async')),
  bench.fmt((SELECT r.tps FROM run r JOIN top USING (clients) WHERE r.label = 'bare'), 0),
  bench.fmt((SELECT r.tps FROM run r JOIN top USING (clients) WHERE r.label = 'bare_notify'), 0),
  bench.fmt((SELECT r.tps FROM run r JOIN top USING (clients) WHERE r.label = 'bare_notify')
            / (SELECT r.tps FROM run r JOIN top USING (clients) WHERE r.label = 'bare'), 2) || ' of it',
  (SELECT clients FROM top),
  bench.fmt(1000 / (SELECT r.tps FROM run r JOIN top USING (clients) WHERE r.label = 'window'), 2),
  bench.fmt((SELECT r.tps FROM run r JOIN top USING (clients) WHERE r.label = 'window_async'), 0),
  (SELECT clients FROM top),
  bench.fmt((SELECT r.tps FROM run r JOIN top USING (clients) WHERE r.label = 'window'), 0));

SELECT format($md$#### 2.4 Inside the server, per function

A one-client run of %s transitions with `track_functions = 'all'`, which counts and times every call of
every function (the timing adds overhead of its own: this run did %s transactions/s).  Per transaction,
by function, largest *self* time first (*self* leaves out the functions it called; `login` and `verify`
are the login's, the rest the transition's):

| function | calls | µs per call | **self µs per transaction** | total µs per transaction |
|---|--:|--:|--:|--:|
%s

The login: %s µs per transaction (`login` and what it calls), of which %s µs is Ed25519 verification (once per connection).
The transition: %s µs (`transition` and what it calls), of which `application_parts` %s µs,
`append_application_event` %s µs (the SM3 hash %s µs), `add_workdays` %s µs, the state guard %s µs.
$md$,
  bench.fmt((SELECT processed FROM bench.wb_run WHERE label = 'window_instrumented'), 0),
  bench.fmt((SELECT tps FROM bench.wb_run WHERE label = 'window_instrumented'), 0),
  (SELECT string_agg(format('| `%s` | %s | %s | **%s** | %s |', f.name, bench.fmt(f.calls, 1),
                            bench.fmt(f.total_us / f.calls, 1), bench.fmt(f.self_us, 0), bench.fmt(f.total_us, 0)),
                     E'\n' ORDER BY f.self_us DESC)
     FROM fn f WHERE f.self_us >= 0.5),
  bench.fmt((SELECT total_us FROM fn WHERE name = 'login'), 0), bench.fmt((SELECT total_us FROM fn WHERE name = 'verify'), 0),
  bench.fmt((SELECT total_us FROM fn WHERE name = 'transition'), 0),
  bench.fmt((SELECT total_us FROM fn WHERE name = 'application_parts'), 0),
  bench.fmt((SELECT total_us FROM fn WHERE name = 'append_application_event'), 0),
  bench.fmt((SELECT total_us FROM fn WHERE name = 'sm3'), 0),
  bench.fmt((SELECT total_us FROM fn WHERE name = 'add_workdays'), 0),
  bench.fmt((SELECT total_us FROM fn WHERE name = 'application_state_guard'), 0));

SELECT format($md$#### 2.5 What limits the window, and what would lift it

1. **The commit, through `pg_notify`.**  `append_application_event` calls `pg_notify('yiwang_transitions', ...)`
   in every transition, and PostgreSQL commits notifying transactions one at a time, each holding the
   queue lock across its WAL flush (2.2, 2.3): at %s clients the window's sessions spent %s %% of their time
   waiting for that lock, and its COMMIT took %s ms against %s ms at one client; the baseline with the same
   notification does %s transactions/s instead of %s.  By number of clients (%s), the window did %s
   transactions/s, the baseline %s.  To lift it, take the notification out of
   the transition's transaction: listeners can follow the case log itself (append-only; an index on
   `happened_at`, or an event sequence, lets them read what is new), or the transitions write to an
   outbox that one dispatcher session announces in batches, so that only the dispatcher's commits notify.
2. **CPU.**  Even without the wait for the flush the window stays at %s transactions/s (2.3), with the
   sessions mostly running or waiting for pgbench, which shares the %s cores.  3,000 transactions/s on %s
   cores leave at most %s µs of CPU per transaction for everything: the server's work, the four round
   trips on both sides, and pgbench.  The functions alone took %s µs per transaction in the instrumented
   run (2.4; timing every call adds to it, and other work on the machine too).  The largest items:
   - `application_parts`, **%s µs**: PL/pgSQL, its plans kept for the session, each sub-query run
     only for the kind of actor it concerns (a `BEGIN ATOMIC` SQL function before, whose query was
     planned again in every transaction, took about 250 µs).
   - `login`, **%s µs**, %s µs of it Ed25519 verification: each connection verifies its clerk's token
     once and remembers it (about 120 µs a transaction before); what is left is reading the issuer key,
     checking the claims, and recording the use against replay and logout in `token_uses`.
   - `transition` itself, **%s µs** of its own: about fifteen statements of PL/pgSQL, whose expressions
     are set up again in each transaction (the plans are kept for the session).
3. **What is not the problem:** the case log's hash (`sm3`, %s µs), the state guard (%s µs), the clock
   (`add_workdays`, %s µs) and row-level security, which the transition goes through as `yiwang_api`
   under policies that are `true` for it.
$md$,
  (SELECT clients FROM top),
  bench.fmt(100 * (SELECT w.notify_lock FROM wait w JOIN top USING (clients) WHERE w.label = 'window'), 0),
  bench.fmt((SELECT s.commit_ms FROM statement s JOIN top USING (clients) WHERE s.label = 'window'), 2),
  bench.fmt((SELECT s.commit_ms FROM statement s WHERE s.label = 'window' AND s.clients = 1), 2),
  bench.fmt((SELECT r.tps FROM run r JOIN top USING (clients) WHERE r.label = 'bare_notify'), 0),
  bench.fmt((SELECT r.tps FROM run r JOIN top USING (clients) WHERE r.label = 'bare'), 0),
  (SELECT string_agg(r.clients::text, ', ' ORDER BY r.clients) FROM run r WHERE r.label = 'window'),
  (SELECT string_agg(bench.fmt(r.tps, 0), ', ' ORDER BY r.clients) FROM run r WHERE r.label = 'window'),
  (SELECT string_agg(bench.fmt(r.tps, 0), ', ' ORDER BY r.clients) FROM run r WHERE r.label = 'bare'),
  bench.fmt((SELECT r.tps FROM run r JOIN top USING (clients) WHERE r.label = 'window_async'), 0),
  :cores, :cores, bench.fmt(:cores * 1e6 / 3000, 0), bench.fmt((SELECT sum(self_us) FROM fn), 0),
  bench.fmt((SELECT total_us FROM fn WHERE name = 'application_parts'), 0),
  bench.fmt((SELECT total_us FROM fn WHERE name = 'login'), 0), bench.fmt((SELECT total_us FROM fn WHERE name = 'verify'), 0),
  bench.fmt((SELECT self_us FROM fn WHERE name = 'transition'), 0),
  bench.fmt((SELECT total_us FROM fn WHERE name = 'sm3'), 0),
  bench.fmt((SELECT total_us FROM fn WHERE name = 'application_state_guard'), 0),
  bench.fmt((SELECT total_us FROM fn WHERE name = 'add_workdays'), 0));

SELECT format($md$#### Settings of this section

The server settings of the run (table at the top) apply, with `fsync = %s`, `synchronous_commit = %s`,
`wal_sync_method = %s`, `commit_delay = %s`, `full_page_writes = %s`; the durability of every commit is part of
what is measured.  The 2.3 run sets `synchronous_commit = off` for its own sessions only, the 2.4 run
`track_functions = 'all'`.  pgbench and the server share the machine's %s cores; other work on the
machine (and on the server, whose WAL every commit flushes) shows in the load averages at the top of this
document.  Time of this section: %s s, of which generating and loading the data %s s.
$md$,
  current_setting('fsync'), current_setting('synchronous_commit'), current_setting('wal_sync_method'),
  current_setting('commit_delay'), current_setting('full_page_writes'), :cores, :total_seconds, :generate_seconds);

#!/bin/sh
# Benchmark section: the certificate store.  Prints its markdown on stdout;
# progress goes to stderr.  Needs psql, pgbench and openssl, and the PG*
# environment (see run-bench.sh), as a superuser: the store is loaded past
# row-level security and the foreign-key triggers, and the look-ups act as
# yiwang's roles.
#
#   1. Signature verifications per second in SQL against `openssl speed` on
#      the same machine, in alternating rounds; the cost of parsing a PEM
#      key that is not in the per-backend cache.
#   2. certificates_of latency over a generated store (1,000,000 persons and
#      5,000,000 certificates by default), with the plain-SQL baseline, the
#      parts of a look-up, and pgbench at one and two clients.
#
# Scale and repetitions (environment, defaults in brackets):
#   BENCH_CERT_PERSONS [1000000]  BENCH_CERT_CERTIFICATES [5000000]
#   BENCH_CERT_LOOKUPS [10000]    BENCH_CERT_API_CERTIFICATES [200]
#   BENCH_SIGNATURE_ROUNDS [7]    BENCH_OPENSSL_SECONDS [2]
#   BENCH_PGBENCH_SECONDS [8]
set -eu

dir=$(cd "$(dirname "$0")" && pwd)/certificate_store

persons=${BENCH_CERT_PERSONS:-1000000}
certificates=${BENCH_CERT_CERTIFICATES:-5000000}
lookups=${BENCH_CERT_LOOKUPS:-10000}
api_certificates=${BENCH_CERT_API_CERTIFICATES:-200}
rounds=${BENCH_SIGNATURE_ROUNDS:-7}
openssl_seconds=${BENCH_OPENSSL_SECONDS:-2}
pgbench_seconds=${BENCH_PGBENCH_SECONDS:-8}

run_sql() {
	psql -X -q -v ON_ERROR_STOP=1 "$@"
}

for tool in openssl pgbench; do
	command -v "$tool" >/dev/null 2>&1 || { echo "certificate store: $tool is missing" >&2; exit 2; }
done
if [ "$(psql -X -At -c 'SELECT rolsuper FROM pg_roles WHERE rolname = current_user')" != t ]; then
	echo "certificate store: this section needs a superuser (it loads the store past row-level security)" >&2
	exit 2
fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

started=$(date +%s)
run_sql -c "CREATE TABLE bench.cs_run (step text PRIMARY KEY, seconds integer, detail text)"
step_done() {
	now=$(date +%s)
	run_sql -c "INSERT INTO bench.cs_run VALUES ('$1', $((now - step_started)), NULLIF('${2:-}', ''))"
	step_started=$now
}
step_started=$started

# --- 1. Signatures ----------------------------------------------------------

echo "certificate store: signing the messages to verify" >&2
run_sql -f "$dir/signatures.sql" >/dev/null
step_done signatures-setup

# One untimed pass (shared library, key cache, pages), then rounds: in each
# round, for each algorithm, openssl speed once and the SQL once, back to
# back, openssl first in odd rounds and last in even ones, so that a slow
# spell of the machine falls on both sides of a pair.  openssl speed runs
# with -elapsed: it divides by wall-clock time, as the SQL side is timed,
# rather than by its own CPU time, which leaves out any time the process
# was not running.
for algorithm in ed25519 sm2; do
	run_sql -c "CALL bench.sig_round(0, '$algorithm')"
done
run_sql -c "DELETE FROM bench.timing WHERE run = 0"
openssl_run() {
	openssl speed -elapsed -mr -seconds "$openssl_seconds" "$2" >"$work/speed.out" 2>&1 || {
		cat "$work/speed.out" >&2
		echo "certificate store: openssl speed failed" >&2
		exit 1
	}
	# -mr prints +F6 (EdDSA) or +F7 (SM2):
	#   +F6:<index>:<bits>:<curve>:<signs per second>:<verifications per second>
	awk -F: -v round="$1" -v algorithm="$2" '
		($1 == "+F6" && $4 == "Ed25519" && algorithm == "ed25519") ||
		($1 == "+F7" && $4 == "CurveSM2" && algorithm == "sm2") { printf "%s\t%s\t%s\t%s\n", round, algorithm, $5, $6; n++ }
		END { if (n != 1) exit 1 }' "$work/speed.out" >"$work/speed.tsv" || {
		cat "$work/speed.out" >&2
		echo "certificate store: could not read openssl speed's figures" >&2
		exit 1
	}
	run_sql -c "\\copy bench.sig_openssl FROM '$work/speed.tsv'"
}
round=1
while [ "$round" -le "$rounds" ]; do
	echo "certificate store: verification round $round of $rounds" >&2
	for algorithm in ed25519 sm2; do
		if [ $((round % 2)) -eq 1 ]; then
			openssl_run "$round" "$algorithm"
			run_sql -c "CALL bench.sig_round($round, '$algorithm')"
		else
			run_sql -c "CALL bench.sig_round($round, '$algorithm')"
			openssl_run "$round" "$algorithm"
		fi
	done
	round=$((round + 1))
done
echo "INSERT INTO bench.cs_run VALUES ('openssl version', NULL, :'version'), ('openssl seconds', $openssl_seconds, NULL);" |
	run_sql -v version="$(openssl version)"
step_done signatures-rounds

echo "certificate store: the key cache (65 keys in rotation)" >&2
run_sql -f "$dir/key_cache.sql" >/dev/null
step_done key-cache

# --- 2. The store ------------------------------------------------------------

echo "certificate store: generating $persons persons and $certificates certificates (a few minutes)" >&2
run_sql -v persons="$persons" -v certificates="$certificates" -v lookups="$lookups" \
	-v api_certificates="$api_certificates" -f "$dir/generate.sql" >/dev/null
step_done generate
# Write out the pages the load dirtied now, rather than have a checkpoint
# write them while the look-ups are timed.
run_sql -c CHECKPOINT >/dev/null
step_done checkpoint

echo "certificate store: $lookups look-ups of each kind, timed in the server" >&2
run_sql -f "$dir/lookups.sql" >/dev/null
run_sql -v lookups="$lookups" -f "$dir/measure.sql" >/dev/null
step_done lookups

# The look-ups appended tens of thousands of access-log entries: vacuum now,
# so that autovacuum does not start on them while pgbench runs.
run_sql -c "VACUUM (ANALYZE) yiwang.access_log, yiwang.access_log_head, yiwang.token_uses, yiwang.sharing_grants" \
	-c CHECKPOINT >/dev/null

# pgbench: whole requests as an application sends them (BEGIN, login,
# look-up, COMMIT: four round trips), at one client and at two.
echo "certificate store: pgbench, ${pgbench_seconds} s per run" >&2
for scenario in plain department citizen; do
	case $scenario in
	plain) role= ;;
	department) role=yiwang_department ;;
	citizen) role=yiwang_citizen ;;
	esac
	for clients in 1 2; do
		prefix=$work/pgbench-$scenario-$clients
		run_sql -c "CALL bench.cs_watch('$scenario', $clients, $pgbench_seconds)" &
		watcher=$!
		PGOPTIONS="${PGOPTIONS:-}${role:+ -c role=$role}" \
			pgbench -n -M prepared -c "$clients" -j "$clients" -T "$pgbench_seconds" \
			-D lookups="$lookups" -f "$dir/$scenario.pgbench" --failures-detailed -r \
			--log --log-prefix="$prefix" >"$prefix.out" 2>&1 || {
			cat "$prefix.out" >&2
			echo "certificate store: pgbench failed" >&2
			exit 1
		}
		wait "$watcher"
		# per-transaction log: client, transaction, time in µs (or "failed"), ...
		cat "$prefix".[0-9]* | awk -v s="$scenario" -v c="$clients" '{ print s "\t" c "\t" $3 }' >"$prefix.tsv"
		tps=$(sed -n 's/^tps = \([0-9.]*\) .*/\1/p' "$prefix.out")
		deadlocks=$(sed -n 's/^number of deadlock failures: \([0-9]*\).*/\1/p' "$prefix.out")
		# -r: the mean latency of each statement of the script, as the client saw it
		awk -v s="$scenario" -v c="$clients" '
			/^statement latencies/ { on = 1; next }
			on && $1 ~ /^[0-9.]+$/ {
				if ($0 ~ /BEGIN/) what = "BEGIN"
				else if ($0 ~ /yiwang\.login/) what = "login"
				else if ($0 ~ /certificates_of/) what = "certificates_of"
				else if ($0 ~ /COMMIT/) what = "COMMIT"
				else if ($0 ~ /count\(v\)/) what = "plain SELECT"
				else next
				print s "\t" c "\t" what "\t" $1
			}' "$prefix.out" >"$prefix.statements.tsv"
		run_sql -c "\\copy bench.cs_pgbench_tx FROM '$prefix.tsv'" \
			-c "\\copy bench.cs_pgbench_statement FROM '$prefix.statements.tsv'" \
			-c "INSERT INTO bench.cs_pgbench_run VALUES ('$scenario', $clients, $pgbench_seconds, ${tps:-0}, ${deadlocks:-0})"
	done
done
step_done pgbench

finished=$(date +%s)
run_sql -c "INSERT INTO bench.cs_run VALUES ('total', $((finished - started)), NULL)"
run_sql -At -v cores="$(nproc)" -f "$dir/report.sql"

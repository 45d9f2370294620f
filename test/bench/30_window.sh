#!/bin/sh
# Benchmark section: the one window's transitions.  Prints its markdown on
# stdout; progress goes to stderr.  Needs psql and pgbench, and the PG*
# environment (see run-bench.sh), as a superuser: the applications are
# loaded past row-level security, and the clerks' sessions take yiwang's
# window role.
#
# pgbench, at each number of clients, for a fixed time:
#   window  BEGIN; yiwang.login(clerk's token); yiwang.transition(id, 'accept'); COMMIT
#           (row-level security, the state guard and the case log on)
#   bare    BEGIN; UPDATE; INSERT; COMMIT on tables of the same shape
#   login   BEGIN; yiwang.login(clerk's token); COMMIT
# and, to say where the time goes: the baseline with the transition's
# NOTIFY, the window with synchronous_commit off, and a one-client run with
# track_functions = 'all'.
#
# Every run moves applications of a block of its own, each client its own
# share of it in order, so no transaction finds its application moved
# already; blocks are sized for the rates below, and a client that gets
# through its share stops the section with an error.
#
# Environment, defaults in brackets:
#   BENCH_WINDOW_SECONDS [10]    per pgbench run
#   BENCH_WINDOW_CLIENTS [1 4 8]
#   BENCH_WINDOW_MAX_RATE [8000] transitions/s a run can reach (sizes the blocks)
#   BENCH_WINDOW_BARE_MAX_RATE [25000]
#   BENCH_WINDOW_CLERKS [8]      window clerks, a token each; client i is clerk i mod this
set -eu

dir=$(cd "$(dirname "$0")" && pwd)/window

seconds=${BENCH_WINDOW_SECONDS:-10}
clients_list=${BENCH_WINDOW_CLIENTS:-1 4 8}
max_rate=${BENCH_WINDOW_MAX_RATE:-8000}
bare_max_rate=${BENCH_WINDOW_BARE_MAX_RATE:-25000}
clerks=${BENCH_WINDOW_CLERKS:-8}

run_sql() {
	psql -X -q -v ON_ERROR_STOP=1 "$@"
}

command -v pgbench >/dev/null 2>&1 || { echo "window: pgbench is missing" >&2; exit 2; }
if [ "$(psql -X -At -c 'SELECT rolsuper FROM pg_roles WHERE rolname = current_user')" != t ]; then
	echo "window: this section needs a superuser (it loads applications past row-level security)" >&2
	exit 2
fi

most_clients=1
for c in $clients_list; do
	[ "$c" -gt "$most_clients" ] && most_clients=$c
done

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
started=$(date +%s)

# Blocks: one per run that moves applications (the runs at each number of
# clients, then the synchronous_commit = off and the instrumented runs).
n_clients=$(echo $clients_list | wc -w)
blocks=$((n_clients + 2))
block_size=$((max_rate * seconds))
bare_blocks=$((n_clients + 1))
bare_block_size=$((bare_max_rate * seconds))

echo "window: generating $((blocks * block_size)) applications and $((bare_blocks * bare_block_size)) baseline rows" >&2
run_sql -f "$dir/tables.sql" >/dev/null
run_sql -v blocks="$blocks" -v block_size="$block_size" -v bare_blocks="$bare_blocks" \
	-v bare_block_size="$bare_block_size" -v clerks="$clerks" -f "$dir/generate.sql" >/dev/null
generated=$(date +%s)
# Write out the pages the load dirtied now, not during a run.
run_sql -c CHECKPOINT >/dev/null

block=0
bare_block=0

# run LABEL SCRIPT CLIENTS [PGOPTIONS...]: one pgbench run, recorded in bench.wb_*.
run() {
	label=$1 script=$2 clients=$3
	shift 3
	case $script in
	window | login) role=yiwang_window ;;
	*) role= ;;
	esac
	first=0 stride=0
	case $script in
	window)
		first=$((block * block_size + 1)) stride=$((block_size / clients)) block=$((block + 1)) ;;
	bare | bare_notify)
		first=$((bare_block * bare_block_size + 1)) stride=$((bare_block_size / clients)) bare_block=$((bare_block + 1)) ;;
	esac
	prefix=$work/$label-$clients
	echo "window: $label, $clients client(s), ${seconds} s" >&2
	# Every run starts right after a checkpoint: each writes full-page images
	# of the pages it touches first, as the others do, and none meets a timed
	# checkpoint half-way.
	run_sql -c CHECKPOINT >/dev/null
	wal_before=$(psql -X -At -c "SELECT pg_current_wal_insert_lsn()")
	run_sql -c "CALL bench.wb_watch('$label', $clients, $seconds)" &
	watcher=$!
	status=0
	PGOPTIONS="${PGOPTIONS:-}${role:+ -c role=$role}${*:+ $*}" \
		pgbench -n -M prepared -c "$clients" -j "$clients" -T "$seconds" \
		-D n=0 -D first="$first" -D stride="$stride" -D clerks="$clerks" \
		-f "$dir/$script.pgbench" --failures-detailed -r \
		--log --log-prefix="$prefix" >"$prefix.out" 2>&1 || status=$?
	wait "$watcher"
	wal_bytes=$(psql -X -At -c "SELECT pg_current_wal_insert_lsn() - '$wal_before'::pg_lsn")
	if [ "$status" -ne 0 ] && [ "$status" -ne 2 ]; then
		cat "$prefix.out" >&2
		echo "window: pgbench could not run" >&2
		exit 1
	fi
	# status 2: some clients aborted on an error; reported in the section
	aborted=$(grep -c 'aborted in command' "$prefix.out" || true)
	if [ "$aborted" -ne 0 ]; then
		grep 'ERROR' "$prefix.out" | head -n 5 >&2
		if [ "$aborted" -ge "$clients" ]; then
			echo "window: every client of $label aborted" >&2
			exit 1
		fi
	fi
	# per-transaction log: client, transaction, time in µs (or "failed"), ...
	cat "$prefix".[0-9]* | awk -v l="$label" -v c="$clients" '{ print l "\t" c "\t" $1 "\t" ($3 == "failed" ? "\\N" : $3) }' >"$prefix.tsv"
	tps=$(sed -n 's/^tps = \([0-9.]*\) .*/\1/p' "$prefix.out")
	processed=$(sed -n 's/^number of transactions actually processed: \([0-9]*\).*/\1/p' "$prefix.out")
	failed=$(sed -n 's/^number of failed transactions: \([0-9]*\).*/\1/p' "$prefix.out")
	# -r: the mean latency of each statement of the script, as the client saw it
	awk -v l="$label" -v c="$clients" '
		/^statement latencies/ { on = 1; next }
		on && $1 ~ /^[0-9.]+$/ {
			if ($0 ~ /BEGIN/) what = "BEGIN"
			else if ($0 ~ /yiwang\.login/) what = "login"
			else if ($0 ~ /yiwang\.transition/) what = "transition"
			else if ($0 ~ /UPDATE/) what = "UPDATE"
			else if ($0 ~ /INSERT/) what = "INSERT"
			else if ($0 ~ /COMMIT/) what = "COMMIT"
			else next
			print l "\t" c "\t" what "\t" $1
		}' "$prefix.out" >"$prefix.statements.tsv"
	run_sql -c "\\copy bench.wb_tx FROM '$prefix.tsv'" \
		-c "\\copy bench.wb_statement FROM '$prefix.statements.tsv'" \
		-c "INSERT INTO bench.wb_run VALUES ('$label', $clients, $seconds, $first, $stride, ${tps:-0}, ${processed:-0},
		    ${failed:-0}, $aborted, NULLIF('$*', ''), $wal_bytes)"
	# a client that went past its share would have taken another's applications
	if [ "$stride" -gt 0 ] && [ "$(psql -X -At -c "SELECT coalesce(max(n), 0) > $stride FROM (SELECT count(*) AS n
	        FROM bench.wb_tx WHERE label = '$label' AND clients = $clients GROUP BY client_id) c")" = t ]; then
		echo "window: a client of $label at $clients clients got through its $stride applications; raise the maximum rate" >&2
		exit 1
	fi
}

# Each number of clients: the window, its baseline and the login alone,
# back to back, so that a slow spell of the machine falls on all three.
for clients in $clients_list; do
	run window window "$clients"
	run bare bare "$clients"
	run login login "$clients"
done

# Where the time goes.
run bare_notify bare_notify "$most_clients"
run window_async window "$most_clients" -c synchronous_commit=off
run_sql -c "INSERT INTO bench.wb_function SELECT 'before', p.oid::regprocedure::text, s.calls, s.total_time, s.self_time
              FROM pg_stat_user_functions s JOIN pg_proc p ON p.oid = s.funcid"
run window_instrumented window 1 -c track_functions=all
# pgbench's sessions report their function counts as they end; let them
sleep 1
run_sql -c "INSERT INTO bench.wb_function SELECT 'after', p.oid::regprocedure::text, s.calls, s.total_time, s.self_time
              FROM pg_stat_user_functions s JOIN pg_proc p ON p.oid = s.funcid"

finished=$(date +%s)
run_sql -At -v cores="$(nproc)" -v generate_seconds=$((generated - started)) -v total_seconds=$((finished - started)) \
	-v block_size="$block_size" -v bare_block_size="$bare_block_size" -v clerks="$clerks" -f "$dir/report.sql"

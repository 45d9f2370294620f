#!/bin/sh
# Runs the benchmark sections and writes docs/benchmarks.md.
#
#   test/bench/run-bench.sh        (normally through `make bench`)
#
# Talks to the server named by the standard PG* environment variables
# (PGHOST, PGPORT, PGUSER, PGDATABASE), through psql only, as a role that
# may create databases and the extension.  It works in a database of its
# own, BENCH_DATABASE (default yiwang_bench), created afresh and dropped at
# the end, so that a benchmark never touches other data on the server and
# always starts from the same state.  BENCH_KEEP=1 keeps it for inspection;
# BENCH_OUTPUT writes the document somewhere else.
#
# Sections are the files test/bench/NN_name.sh and test/bench/NN_name.sql,
# run in the order of NN.  Each prints its part of the document (markdown,
# starting with a "## " heading) on stdout and progress on stderr; a .sh
# section runs with PGDATABASE set to the benchmark database, a .sql
# section is run by `psql -At`.  Shared helpers (bench.measure for timings,
# and the settings every section runs under) come from lib/bench.sql.  The
# document is written only when every section succeeded; each part sits
# between the lines <!-- section: NN_name --> and <!-- end of section: NN_name -->.
#
# BENCH_ONLY=NN_name runs that section alone, in a database of its own
# (default yiwang_bench_NN_name), and replaces only its part of the existing
# document (lib/splice.awk); the header keeps the full run's description
# and gains a row saying when the section was run alone.
set -eu

bench_dir=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$bench_dir/../.." && pwd)
output=${BENCH_OUTPUT:-$root/docs/benchmarks.md}
only=${BENCH_ONLY:-}
database=${BENCH_DATABASE:-yiwang_bench${only:+_$only}}
maintenance_db=${PGDATABASE:-postgres}

work=$(mktemp -d)
mkdir "$work/parts"
cleanup() {
	status=$?
	rm -rf "$work"
	if [ "${BENCH_KEEP:-0}" != 1 ]; then
		psql -X -q -d "$maintenance_db" -c "DROP DATABASE IF EXISTS \"$database\"" >/dev/null 2>&1 || true
	fi
	exit $status
}
trap cleanup EXIT
trap 'exit 130' INT TERM

started=$(date +%s)
run_date=$(date -u '+%Y-%m-%d %H:%M UTC')
load_before=$(cut -d' ' -f1-3 /proc/loadavg)

psql -X -q -v ON_ERROR_STOP=1 -d "$maintenance_db" \
	-c "DROP DATABASE IF EXISTS \"$database\"" \
	-c "CREATE DATABASE \"$database\""
PGDATABASE=$database
export PGDATABASE
psql -X -q -v ON_ERROR_STOP=1 -f "$bench_dir/lib/bench.sql" >/dev/null

sections=
for section in "$bench_dir"/[0-9][0-9]_*; do
	name=$(basename "$section")
	[ -z "$only" ] || [ "${name%.*}" = "$only" ] || continue
	case $name in
	*.sh) sh "$section" >"$work/parts/$name.md" ;;
	*.sql) psql -X -q -At -v ON_ERROR_STOP=1 -f "$section" >"$work/parts/$name.md" ;;
	*) continue ;;
	esac
	sections="$sections${sections:+, }${name%.*}"
done
if [ -n "$only" ] && [ -z "$sections" ]; then
	echo "bench: no section $only in $bench_dir" >&2
	exit 2
fi

finished=$(date +%s)
load_after=$(cut -d' ' -f1-3 /proc/loadavg)
elapsed=$((finished - started))

setting() {
	psql -X -At -c "SELECT $1"
}
if [ -n "$only" ]; then
	[ -f "$output" ] || { echo "bench: BENCH_ONLY needs an existing $output to put the section into" >&2; exit 2; }
	row="| rerun alone: $only | $run_date, $((elapsed / 60)) min $((elapsed % 60)) s, load average $load_before at the start, $load_after at the end: \`BENCH_ONLY=$only make bench\` ran this section alone, in a database of its own, so its figures and their baselines come from that run, not from the one described here |"
	awk -v name="$only" -v part="$(ls "$work"/parts/*.md)" -v row="$row" -f "$bench_dir/lib/splice.awk" "$output" >"$work/benchmarks.md"
	mv "$work/benchmarks.md" "$output"
	echo "bench: replaced section $only of $output in ${elapsed}s" >&2
	exit 0
fi

cpu_model=$(sed -n 's/^model name[[:space:]]*:[[:space:]]*//p' /proc/cpuinfo | head -n 1)
memory=$(awk '/^MemTotal:/ { printf "%.1f GiB", $2 / 1048576 }' /proc/meminfo)

{
	cat <<EOF
# Benchmarks

Written by \`make bench\` (\`test/bench/run-bench.sh\`); every figure below comes from the one run
described here, on the same generated data, and each is shown next to its baseline from the same run.
Run \`make bench\` again to reproduce; expect the times to move with the machine and its load,
the ratios much less.

| | |
|---|---|
| command | \`make bench\` |
| date | $run_date |
| wall time of the whole run | $((elapsed / 60)) min $((elapsed % 60)) s, data generation included (sections: $sections) |
| machine | $(nproc) CPUs (nproc), $memory memory, $cpu_model |
| load average (1, 5, 15 min) | $load_before at the start, $load_after at the end |
| PostgreSQL | $(setting 'version()') |
| yiwang | $(setting "extversion FROM pg_extension WHERE extname = 'yiwang'") |
| server settings | shared_buffers $(setting "current_setting('shared_buffers')"), work_mem $(setting "current_setting('work_mem')") unless a section says otherwise, max_parallel_workers_per_gather $(setting "current_setting('max_parallel_workers_per_gather')"), jit $(setting "current_setting('jit')") |

How the times are taken: each timed query is run inside the server by a PL/pgSQL procedure
(\`bench.measure\` in \`test/bench/lib/bench.sql\`) that reads \`clock_timestamp()\` before and after
\`EXECUTE\`, so no client round trip or result transfer is counted.  Every query is run once untimed
first (warm page cache, catalog caches and library), then in rounds: each round runs every query of a
comparison once, starting one query further on each round, and the figure is the median over rounds.
Parallel query is off (\`max_parallel_workers_per_gather = 0\`), so both sides of every comparison run
in one process, and so is JIT compilation, whose fixed cost per query would blur the differences
measured.  The benchmark runs in a database of its own, created for the run.

EOF
	for part in "$work"/parts/*.md; do
		name=$(basename "$part" .md)
		echo "<!-- section: ${name%.*} -->"
		cat "$part"
		echo "<!-- end of section: ${name%.*} -->"
		echo
	done
} >"$work/benchmarks.md"

mkdir -p "$(dirname "$output")"
mv "$work/benchmarks.md" "$output"
echo "bench: wrote $output in ${elapsed}s" >&2

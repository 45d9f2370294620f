#!/bin/sh
# Benchmark section: the identifier types idcard and uscc — input cost,
# on-disk size, hash joins.  Prints its markdown on stdout; progress goes to
# stderr.  Needs only psql and the PG* environment (see run-bench.sh).
set -eu

dir=$(cd "$(dirname "$0")" && pwd)/identifiers

run_sql() {
	psql -X -q -v ON_ERROR_STOP=1 "$@"
}

echo "identifiers: generating 1,500,000 identity numbers and 1,500,000 credit codes" >&2
run_sql -f "$dir/generate.sql" >/dev/null
run_sql -f "$dir/validators.sql" >/dev/null
echo "identifiers: building the tables and indexes" >&2
run_sql -f "$dir/tables.sql" >/dev/null
# Write out now the pages dirtied by building the tables, rather than have a
# checkpoint write them while the queries are being timed.  Needs superuser
# or pg_checkpoint; without it the timings only get noisier.
run_sql -c CHECKPOINT >/dev/null 2>&1 || echo "identifiers: could not run CHECKPOINT; timings may be noisier" >&2
echo "identifiers: timing (about two minutes)" >&2
run_sql -f "$dir/measure.sql" >/dev/null
run_sql -At -f "$dir/report.sql"

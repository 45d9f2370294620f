#!/bin/bash
# run-demo.sh: the guided tour (tour.sql) in a fresh database yiwang_demo.
# Run by `make demo` through with-cluster.sh, or by hand against any server
# the PG* variables point at.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)

PGOPTIONS='-c client_min_messages=warning' \
	psql -X -q -v ON_ERROR_STOP=1 -d postgres \
	-c 'DROP DATABASE IF EXISTS yiwang_demo' -c 'CREATE DATABASE yiwang_demo'

out=$(mktemp)
trap 'rm -f "$out"' EXIT
# From standard input, so that errors read "ERROR: ..." without a
# "psql:FILE:LINE:" prefix; stderr joins stdout so they stay in order.
psql -X -d yiwang_demo <"$here/tour.sql" 2>&1 | tee "$out"

# tour.sql prints UNEXPECTED when a mistake it demonstrates got through.
if grep -q '^UNEXPECTED:' "$out"; then
	echo "The tour found a mistake that yiwang did not catch." >&2
	exit 1
fi

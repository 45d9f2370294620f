#!/bin/bash
# run-all.sh: every test suite of yiwang against one PostgreSQL 15 server,
# a throwaway cluster unless PGHOST/PGPORT name one (see with-cluster.sh).
# Called by `make test` once the extension is built and installed, or with
# YIWANG_BUILD_FAILED=1 when it is not: then only unit and fuzz can run.
#
# Suites, and what one "test" is in the totals:
#   regress    one test of the Makefile's REGRESS list (sql/NAME.sql against
#              expected/NAME.out); one whose files are missing counts as failed
#   isolation  one spec (test/specs/NAME.spec against test/expected/NAME.out)
#   pgtap      one pgTAP assertion (test/pgtap/*.sql through pg_prove)
#   unit       as counted by test/unit/run-unit.sh
#   fuzz       as counted by test/fuzz/run-fuzz.sh
# A failing suite never stops the others.  A suite that cannot run counts
# as one failure.  The last line of output is always "N passed, N failed".

# No -e: failures are counted, not fatal.
set -uo pipefail

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
cd "$repo" || exit 2
# Full output of each suite; tmp_check/ is removed by `make clean`.
logdir=$repo/tmp_check/harness
tally=$logdir/tally

if [ "${1:-}" != --in-cluster ]; then
	rm -rf "$logdir"
	mkdir -p "$logdir"
	: >"$tally"
	test/harness/with-cluster.sh "$0" --in-cluster
	status=$?
	passed=0
	failed=0
	while read -r suite p f; do
		[ "$suite" = done ] && continue
		passed=$((passed + p))
		failed=$((failed + f))
	done <"$tally"
	if ! grep -qx done "$tally"; then
		echo "The suites did not all run (with-cluster.sh exited with status $status); counted as one failure."
		failed=$((failed + 1))
	fi
	echo "$passed passed, $failed failed"
	[ "$failed" -eq 0 ]
	exit
fi

# ---- From here on we run inside the cluster's environment. ----

# Do not let the flags of the `make test` that called us leak into the
# sub-makes and runners (-j, -s, jobserver descriptors).
unset MAKEFLAGS MFLAGS MAKELEVEL

PG_CONFIG=${PG_CONFIG:-$(command -v /usr/lib/postgresql/15/bin/pg_config || command -v pg_config)}
pgxs_dir=$("$PG_CONFIG" --pkglibdir)/pgxs
bindir=$("$PG_CONFIG" --bindir)
psql=(psql -X -q -v ON_ERROR_STOP=1)

echo "yiwang test suites on PostgreSQL $("$PG_CONFIG" --version | sed 's/^PostgreSQL //') at ${PGHOST:-local socket}:${PGPORT:-5432}"

# record SUITE PASSED FAILED DETAIL: the per-suite line and the tally.
record() {
	printf '%-10s %5d passed, %d failed%s\n' "$1:" "$2" "$3" "${4:+  $4}"
	echo "$1 $2 $3" >>"$tally"
}
# cannot_run SUITE REASON: a suite that did not run counts as one failure.
cannot_run() {
	printf '%-10s could not run: %s (counted as 1 failure)\n' "$1:" "$2"
	echo "$1 0 1" >>"$tally"
}
# indent: show an excerpt of a log under the suite's line.
indent() { sed 's/^/    | /'; }
# timed_out STATUS: timeout(1) exits 124 when it had to stop the command.
timed_out() { [ "$1" -eq 124 ] || [ "$1" -eq 137 ]; }

# diff_heads FILE: the first lines of each test's diff in a pg_regress
# regression.diffs, so that one long diff does not hide the others.
diff_heads() {
	awk '/^diff / { n = 0; header = 2; if (shown++ < 120) print; next }
		header > 0 { header--; next }
		++n <= 10 && shown++ < 120' "$1"
}
# Names of the tests in the Makefile's REGRESS list, asked of make itself.
regress_names() {
	make --no-print-directory -s -f Makefile -f - print-regress <<<'print-regress: ; @echo $(REGRESS)'
}

suite_regress() {
	local log=$logdir/regress.log names n ready=() absent=() ok status start=$SECONDS
	names=$(regress_names 2>/dev/null)
	if [ -z "$names" ]; then
		cannot_run regress "the Makefile lists no REGRESS tests"
		return
	fi
	# pg_regress gives up on the whole run at the first test whose files are
	# missing, so run only the complete ones and count the others as failed.
	for n in $names; do
		if [ -f "sql/$n.sql" ] && [ -f "expected/$n.out" ]; then
			ready+=("$n")
		else
			absent+=("$n")
		fi
	done
	local total=$((${#ready[@]} + ${#absent[@]})) notes=
	[ ${#absent[@]} -gt 0 ] && notes="; missing sql/NAME.sql or expected/NAME.out: ${absent[*]}"
	if [ ${#ready[@]} -eq 0 ]; then
		record regress 0 "$total" "(nothing to run$notes)"
		return
	fi
	rm -f regression.diffs regression.out
	timeout -k 10 300 make --no-print-directory installcheck REGRESS="${ready[*]}" >"$log" 2>&1
	status=$?
	# pg_regress prints one "NAME ... ok" or "NAME ... FAILED" line per test;
	# a test with no "ok" line failed or was never reached.
	ok=$(grep -cE '^(test | +)[^ ]+ +\.\.\. ok' "$log")
	local bad=$((total - ok))
	timed_out "$status" && notes="$notes; timed out after 300 s"
	if [ "$status" -ne 0 ] && [ "$bad" -eq 0 ]; then
		bad=1
		notes="$notes; make installcheck exited with status $status"
	fi
	record regress "$ok" "$bad" "($((SECONDS - start)) s$notes)"
	if [ "$ok" -lt ${#ready[@]} ]; then
		if grep -qE '\.\.\. (ok|FAILED|failed)' "$log"; then
			grep -E '\.\.\. (FAILED|failed)' "$log" | indent
		else
			tail -n 15 "$log" | indent
		fi
		if [ -s regression.diffs ]; then
			echo "    the start of each test's diff in regression.diffs ($(wc -l <regression.diffs) lines in all):"
			diff_heads regression.diffs | indent
		fi
	fi
}

suite_isolation() {
	local specs=(test/specs/*.spec)
	if [ ! -e "${specs[0]}" ]; then
		echo "isolation: no test/specs/*.spec, nothing to run"
		return
	fi
	local log=$logdir/isolation.log ready=() absent=() s n status ok start=$SECONDS notes=
	# As for pg_regress: a spec without its expected output would end the run.
	for s in "${specs[@]}"; do
		n=$(basename "$s" .spec)
		if [ -f "test/expected/$n.out" ]; then ready+=("$n"); else absent+=("$n"); fi
	done
	[ ${#absent[@]} -gt 0 ] && notes="; missing test/expected/NAME.out: ${absent[*]}"
	if [ ${#ready[@]} -eq 0 ]; then
		record isolation 0 ${#absent[@]} "(nothing to run$notes)"
		return
	fi
	# The extensions yiwang requires first: --load-extension does not cascade.
	local load=() e
	for e in $(sed -n "s/^requires *= *'\(.*\)'/\1/p" yiwang.control | tr ',' ' ') yiwang; do
		load+=("--load-extension=$e")
	done
	rm -rf output_iso
	timeout -k 10 300 "$pgxs_dir/src/test/isolation/pg_isolation_regress" \
		--inputdir=test --outputdir=output_iso --bindir="$bindir" \
		--dbname=yiwang_isolation "${load[@]}" "${ready[@]}" >"$log" 2>&1
	status=$?
	ok=$(grep -cE '^(test | +)[^ ]+ +\.\.\. ok' "$log")
	local bad=$((${#specs[@]} - ok))
	timed_out "$status" && notes="$notes; timed out after 300 s"
	if [ "$status" -ne 0 ] && [ "$bad" -eq 0 ]; then
		bad=1
		notes="$notes; pg_isolation_regress exited with status $status"
	fi
	record isolation "$ok" "$bad" "($((SECONDS - start)) s$notes)"
	if [ "$ok" -lt ${#ready[@]} ]; then
		if grep -qE '\.\.\. (ok|FAILED|failed)' "$log"; then
			grep -E '\.\.\. (FAILED|failed)' "$log" | indent
		else
			tail -n 15 "$log" | indent
		fi
		if [ -s output_iso/regression.diffs ]; then
			echo "    the start of each spec's diff in output_iso/regression.diffs:"
			diff_heads output_iso/regression.diffs | indent
		fi
	fi
}

suite_pgtap() {
	local files=(test/pgtap/*.sql)
	if [ ! -e "${files[0]}" ]; then
		cannot_run pgtap "there are no test/pgtap/*.sql files"
		return
	fi
	if ! command -v pg_prove >/dev/null 2>&1; then
		cannot_run pgtap "pg_prove is not installed (run: make deps)"
		return
	fi
	local log=$logdir/pgtap.log status start=$SECONDS
	# A fresh database; each file runs in a transaction that it rolls back.
	# Rolling back reads spools their access-log entries; the background
	# worker that appends them again at once is off here, or it would append
	# while the next file reads the log (access_log.sql runs the rescue by hand).
	if ! (
		export PGOPTIONS='-c client_min_messages=warning'
		"${psql[@]}" -d postgres -c 'DROP DATABASE IF EXISTS yiwang_tap' -c 'CREATE DATABASE yiwang_tap' \
			-c 'ALTER DATABASE yiwang_tap SET yiwang.rescue_reads_in_background = off' &&
			"${psql[@]}" -d yiwang_tap -c 'CREATE EXTENSION pgtap' -c 'CREATE EXTENSION yiwang CASCADE'
	) >"$log" 2>&1; then
		cannot_run pgtap "could not create database yiwang_tap with pgtap and yiwang"
		indent <"$log"
		return
	fi
	timeout -k 10 300 pg_prove -d yiwang_tap "${files[@]}" >>"$log" 2>&1
	status=$?
	# Tests=N counts the assertions that ran, "Failed: k" in the summary report
	# those of them that failed.  Planned assertions that never ran (a file
	# stopped by an SQL error) are failures too, and so is a file without a plan.
	local counts
	counts=$(awk '
		/^Files=[0-9]+, Tests=[0-9]+/ { t = $0; sub(/.*Tests=/, "", t); sub(/,.*/, "", t); tests = t; seen = 1 }
		/\(Wstat: .* Failed: [0-9]+\)$/ { n = $0; sub(/.* Failed: /, "", n); sub(/\)$/, "", n); failed += n }
		/You planned [0-9]+ tests? but ran [0-9]+/ {
			n = $0; sub(/.*You planned /, "", n); planned = n + 0
			sub(/.* but ran /, "", n); ran = n + 0
			unrun += (planned > ran) ? planned - ran : 1 }
		/No plan found in TAP output/ { unrun += 1 }
		END { if (seen) print tests - failed, failed + unrun }' "$log")
	if [ -z "$counts" ]; then
		if timed_out "$status"; then
			cannot_run pgtap "pg_prove timed out after 300 s"
		else
			cannot_run pgtap "pg_prove exited with status $status without a summary"
		fi
		tail -n 20 "$log" | indent
		return
	fi
	local ok bad
	read -r ok bad <<<"$counts"
	[ "$status" -ne 0 ] && [ "$bad" -eq 0 ] && bad=1
	record pgtap "$ok" "$bad" "(${#files[@]} files, $((SECONDS - start)) s)"
	if [ "$bad" -gt 0 ]; then
		# The diagnostics of the failing files, then the summary report.
		grep -vE ' \.\. ok$|^(All tests successful|Result:|Files=)' "$log" | head -n 60 | indent
	fi
}

# suite_script SUITE RUNNER TIMEOUT: a runner whose last line is
# "SUITE: N passed, N failed" and whose exit status says whether all passed.
suite_script() {
	local suite=$1 runner=$2 limit=$3 log=$logdir/$1.log status start=$SECONDS
	if [ ! -f "$runner" ]; then
		cannot_run "$suite" "$runner does not exist"
		return
	fi
	if [ -x "$runner" ]; then
		timeout -k 10 "$limit" "$runner" >"$log" 2>&1
	else
		timeout -k 10 "$limit" bash "$runner" >"$log" 2>&1
	fi
	status=$?
	local last
	last=$(grep -v '^[[:space:]]*$' "$log" | tail -n 1)
	if [[ ! $last =~ ^$suite:\ ([0-9]+)\ passed,\ ([0-9]+)\ failed$ ]]; then
		if timed_out "$status"; then
			cannot_run "$suite" "$runner timed out after $limit s"
		else
			cannot_run "$suite" "$runner (exit status $status) did not end with \"$suite: N passed, N failed\""
		fi
		tail -n 20 "$log" | indent
		return
	fi
	local ok=${BASH_REMATCH[1]} bad=${BASH_REMATCH[2]} notes=
	if [ "$status" -ne 0 ] && [ "$bad" -eq 0 ]; then
		bad=1
		notes="; but exited with status $status"
	fi
	record "$suite" "$ok" "$bad" "($((SECONDS - start)) s$notes)"
	if [ "$bad" -gt 0 ]; then
		tail -n 25 "$log" | indent
	fi
}

if [ -n "${YIWANG_BUILD_FAILED:-}" ]; then
	# Whatever yiwang is installed on the server is not this checkout's.
	cannot_run regress "the extension did not build or install (see the errors above)"
	if compgen -G "test/specs/*.spec" >/dev/null; then
		cannot_run isolation "the extension did not build or install"
	fi
	cannot_run pgtap "the extension did not build or install"
else
	suite_regress
	suite_isolation
	suite_pgtap
fi
suite_script unit test/unit/run-unit.sh 300
# A short campaign per fuzz target; `make fuzz` runs the long one.
export FUZZ_SECONDS=${FUZZ_SECONDS:-15}
suite_script fuzz test/fuzz/run-fuzz.sh $((FUZZ_SECONDS * 20 + 180))

# A backend that crashed is worth seeing even when a test already failed on it.
# Only a cluster made by with-cluster.sh: a shared server's log is not ours.
server_log=
if [ -n "${PG_CLUSTER_CONF_ROOT:-}" ]; then
	server_log=$(pg_lsclusters -h 2>/dev/null | awk -v port="${PGPORT:-}" '$3 == port { print $7 }')
fi
if [ -n "$server_log" ] && [ -r "$server_log" ]; then
	cp "$server_log" "$logdir/server.log"
	if grep -qE 'terminated by signal|PANIC' "$server_log"; then
		echo "The server log reports crashes:"
		grep -E -B2 'terminated by signal|PANIC' "$server_log" | head -n 30 | indent
	fi
fi
echo "Full output of each suite: tmp_check/harness/"
echo done >>"$tally"

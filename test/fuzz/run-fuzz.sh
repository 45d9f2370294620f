#!/bin/sh
# run-fuzz.sh — build the libFuzzer targets of the parsers and run each for
# FUZZ_SECONDS seconds (default 15).  The working corpus grows in
# test/fuzz/corpus-work/<target>/, seeded from test/fuzz/seeds/<target>/.
# A target passes when it builds and runs its time without a crash or a
# broken invariant; otherwise the reproducer's path is printed.  The last line
# printed is
#   fuzz: N passed, N failed
# (N counts targets) and the exit status is non-zero if any target failed.
set -u

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
cd "$root" || exit 1

CC=${FUZZ_CC:-clang}
FUZZ_SECONDS=${FUZZ_SECONDS:-15}
CFLAGS="-std=gnu11 -Wall -Wextra -Werror -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=all -g -O1"
TARGETS="fuzz_idcard fuzz_uscc fuzz_orgcode fuzz_estate_unit fuzz_certid"
build=test/fuzz/build
corpus=test/fuzz/corpus-work

# The pure-C core: CORE_SOURCES of the Makefile, or failing that every src/*.c
# that includes neither PostgreSQL nor OpenSSL headers.
core_sources() {
	list=$(sed -n '/^CORE_SOURCES[[:space:]]*=/,/[^\\]$/p' Makefile |
		sed 's/^CORE_SOURCES[[:space:]]*=//; s/\\$//' | tr -s ' \t\n' ' ')
	if [ -z "$(printf '%s' "$list" | tr -d ' ')" ]; then
		list=$(grep -L '"postgres.h"\|"fmgr.h"\|<openssl/' src/*.c | tr '\n' ' ')
	fi
	printf '%s\n' "$list"
}
CORE=$(core_sources)

export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}

mkdir -p "$build" "$corpus"
passed=0
failed=0

# libFuzzer ships with clang's compiler runtime (Debian: libclang-rt-14-dev).
probe="$build/probe"
printf '#include <stdint.h>\n#include <stddef.h>\nint LLVMFuzzerTestOneInput(const uint8_t *d, size_t n) { (void) d; (void) n; return 0; }\n' > "$probe.c"
if ! command -v "$CC" >/dev/null 2>&1 || ! "$CC" -fsanitize=fuzzer "$probe.c" -o "$probe" 2>"$probe.log"; then
	echo "fuzz: $CC cannot build libFuzzer targets (install clang and libclang-rt-14-dev):"
	cat "$probe.log" 2>/dev/null
	for target in $TARGETS; do
		echo "$target: FAILED (no libFuzzer)"
	done
	set -- $TARGETS
	echo "fuzz: 0 passed, $# failed"
	exit 1
fi

for target in $TARGETS; do
	program="$build/$target"
	log="$build/$target.log"
	artifacts="$build/crashes/$target/"
	rm -f "$program"
	if ! $CC $CFLAGS -Isrc -Itest/unit "test/fuzz/$target.c" $CORE -o "$program"; then
		echo "$target: FAILED (did not build)"
		failed=$((failed + 1))
		continue
	fi
	mkdir -p "$corpus/$target" "$artifacts"
	"$program" -max_total_time="$FUZZ_SECONDS" -max_len=512 -timeout=10 -rss_limit_mb=2048 \
		-print_final_stats=1 -artifact_prefix="$artifacts" \
		"$corpus/$target" "test/fuzz/seeds/$target" >"$log" 2>&1
	status=$?
	runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -n 1)
	if [ "$status" -eq 0 ]; then
		echo "$target: passed, ${runs:-?} runs in ${FUZZ_SECONDS}s, corpus $(ls "$corpus/$target" | wc -l) inputs"
		passed=$((passed + 1))
	else
		reproducer=$(sed -n 's/.*Test unit written to \(.*\)$/\1/p' "$log" | tail -n 1)
		echo "$target: FAILED (status $status), log $log"
		grep -E 'invariant broken|ERROR: |runtime error' "$log" | head -n 5
		if [ -n "$reproducer" ]; then
			echo "  reproducer: $reproducer"
			echo "  replay:     $program $reproducer"
		fi
		failed=$((failed + 1))
	fi
done

echo "fuzz: $passed passed, $failed failed"
[ "$failed" -eq 0 ]

#!/bin/sh
# run-unit.sh — build and run the standalone C unit tests of the parsers
# (no PostgreSQL needed).  Each test program is compiled with the address and
# undefined-behaviour sanitizers against the pure-C core in src/, run, and its
# "checks: N passed, N failed" line added up.  The last line printed is
#   unit: N passed, N failed
# and the exit status is non-zero if any check failed, any program did not
# compile, or any program stopped without its summary (a sanitizer report).
set -u

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
build="$here/build"
CC=${CC:-gcc}
CFLAGS="-std=gnu11 -Wall -Wextra -Werror -fsanitize=address,undefined -fno-sanitize-recover=all -g -O1"
TESTS="test_identifier_problem test_check_characters test_idcard test_uscc test_orgcode test_estate_unit test_certid"

# A sanitizer report must end the program with a failure, and say where.
ASAN_OPTIONS=${ASAN_OPTIONS:-abort_on_error=0:detect_leaks=1}
UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
export ASAN_OPTIONS UBSAN_OPTIONS

# Relative paths in compiler messages and failure reports.
cd "$root" || exit 1

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

mkdir -p "$build/core"
passed=0
failed=0

# The core objects once, shared by every test program.
core_objects=""
rm -f "$build"/core/*.o
for source in $(core_sources); do
	object="$build/core/$(basename "$source" .c).o"
	if ! $CC $CFLAGS -Isrc -c "$source" -o "$object"; then
		echo "unit: $source did not compile"
		failed=$((failed + 1))
		continue
	fi
	core_objects="$core_objects $object"
done

for name in $TESTS; do
	program="$build/$name"
	rm -f "$program"
	if ! $CC $CFLAGS -Isrc -Itest/unit "test/unit/$name.c" $core_objects -o "$program"; then
		echo "$name: did not compile"
		failed=$((failed + 1))
		continue
	fi
	output=$("$program" 2>&1)
	status=$?
	summary=$(printf '%s\n' "$output" | tail -n 1)
	printf '%s\n' "$output" | sed '$d'
	case "$summary" in
		"checks: "*" passed, "*" failed")
			p=$(printf '%s' "$summary" | sed 's/^checks: \([0-9]*\) passed, \([0-9]*\) failed$/\1/')
			f=$(printf '%s' "$summary" | sed 's/^checks: \([0-9]*\) passed, \([0-9]*\) failed$/\2/')
			passed=$((passed + p))
			failed=$((failed + f))
			echo "$name: $p passed, $f failed"
			if [ "$status" -ne 0 ] && [ "$f" -eq 0 ]; then
				echo "$name: exited with status $status after its summary"
				failed=$((failed + 1))
			fi
			;;
		*)
			printf '%s\n' "$summary"
			echo "$name: stopped with status $status before its summary"
			failed=$((failed + 1))
			;;
	esac
done

echo "unit: $passed passed, $failed failed"
[ "$failed" -eq 0 ]

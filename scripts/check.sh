#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Build and run the whole test suite (`make check`).
#   scripts/check.sh [--sanitizers]
# A failing test prints its log.  With --sanitizers any AddressSanitizer,
# LeakSanitizer or UndefinedBehaviorSanitizer report fails the run.
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
dir=$("$top/scripts/build.sh" "$@" | tail -n 1)
jobs=$(nproc 2>/dev/null || echo 2)
cd "$dir"
status=0
make -s -j"$jobs" check || status=$?
if [ "$status" -ne 0 ]; then
	for log in $(find . -name '*.log' ! -name 'test-suite.log' ! -name 'config.log'); do
		trs="${log%.log}.trs"
		if [ -f "$trs" ] && grep -qE '^:test-result: (FAIL|ERROR)' "$trs"; then
			echo "=== $log"
			tail -n 60 "$log"
		fi
	done
fi
if [ "${1:-}" = "--sanitizers" ]; then
	if grep -rlE 'ERROR: (AddressSanitizer|LeakSanitizer)|runtime error:' \
	    --include='*.log' . >/dev/null 2>&1; then
		echo "check: sanitizer reports found in:" >&2
		grep -rlE 'ERROR: (AddressSanitizer|LeakSanitizer)|runtime error:' --include='*.log' . >&2
		status=1
	fi
fi
if [ -f test-suite.log ]; then
	pass=$(sed -n 's/^# PASS: *//p' test-suite.log | head -n 1)
	fail=$(sed -n 's/^# FAIL: *//p' test-suite.log | head -n 1)
	err=$(sed -n 's/^# ERROR: *//p' test-suite.log | head -n 1)
	skip=$(sed -n 's/^# SKIP: *//p' test-suite.log | head -n 1)
	echo "check: ${pass:-0} passed, $(( ${fail:-0} + ${err:-0} )) failed, ${skip:-0} skipped"
fi
exit "$status"

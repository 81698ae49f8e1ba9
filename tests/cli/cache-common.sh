# SPDX-License-Identifier: GPL-3.0-or-later
# Helpers for the results-cache tests (sourced, not a test): audit $T/d
# with the rules in $RULES, logging to $LOG, and tell hits from misses.

# check OUT ARGS...: audit $T/d into OUT as XML; the log tells cache hits
check() {
	out=$1
	shift
	: >"$LOG"
	set +e
	"$PACTAUDIT" --log "$LOG" check --rules "$RULES" --format xml -o "$out" "$@" "$T/d"
	rc=$?
	set -e
	[ "$rc" -le 1 ] || pa_fail "check exited $rc"
}
hit() {
	grep -q "results of $T/d from the cache" "$LOG" || pa_fail "$1: expected a cache hit"
}
miss() {
	! grep -q "results of $T/d from the cache" "$LOG" || pa_fail "$1: expected a fresh audit"
}

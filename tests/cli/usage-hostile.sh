#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Usage errors quote what was typed, but never echo raw control bytes: an
# unknown command, option, format or value with ESC, CR and BiDi controls
# is printed with visible escapes.
. "$top_srcdir/tests/lib/testlib.sh"
set -e
pa_tmp

esc=$(printf '\033]0;pwned\007\033[2J\r\342\200\256')
fx="$top_srcdir/tests/fixtures/results/clean.xml"

# raw_free FILE: no C0 control (but newline) and no U+202E in FILE
raw_free() {
	if LC_ALL=C grep -q "$(printf '[\001-\011\013-\037\177]')" "$1"; then
		pa_fail "raw control bytes on stderr: $(od -c "$1" | head -5)"
	fi
	! grep -q "$(printf '\342\200\256')" "$1" || pa_fail "a raw BiDi override on stderr"
}

# shown FILE: what was typed is quoted, with the escape made visible
shown() {
	grep -q '\\x1b\]0;pwned\\x07' "$1" || pa_fail "the escape is not shown visibly: $(cat "$1")"
}

assert_exit 2 "$PACTAUDIT" "x${esc}"
assert_grep 'is not a command' "$T/err"
raw_free "$T/err"
shown "$T/err"
assert_exit 2 "$PACTAUDIT" "--x${esc}" check
assert_grep 'unknown option' "$T/err"
raw_free "$T/err"
shown "$T/err"
assert_exit 2 "$PACTAUDIT" report --format "x${esc}" "$fx"
assert_grep 'unknown format' "$T/err"
raw_free "$T/err"
shown "$T/err"
assert_exit 2 "$PACTAUDIT" check --format "x${esc}" "$T"
raw_free "$T/err"
assert_exit 2 "$PACTAUDIT" report "--x${esc}" "$fx"
raw_free "$T/err"
shown "$T/err"
assert_exit 2 "$PACTAUDIT" report --fail-on "x${esc}" "$fx"
raw_free "$T/err"
assert_exit 2 "$PACTAUDIT" check --as-of "x${esc}" "$T"
raw_free "$T/err"
[ ! -s "$T/out" ] || pa_fail "a usage error wrote to standard output"

echo "usage-hostile: ok"

#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# pactaudit report: usage, inputs (files, stdin, results-sets), -o, and refusals of bad input.
. "$top_srcdir/tests/lib/testlib.sh"
set -e
pa_tmp

fx="$top_srcdir/tests/fixtures/results"

# --help lists every format from the renderer table
assert_exit 0 "$PACTAUDIT" report --help
for f in text json sarif junit tap xml html md csv codequality; do
	grep -qE "^  $f +[a-zA-Z]" "$T/out" || pa_fail "--help does not list the format $f"
done
assert_grep '[-][-]fail-on' "$T/out"
# ... and the man pages describe each one
sed -n 's/^  \([a-z]*\)  *[A-Za-z].*/\1/p' "$T/out" | sed '/^$/d' >"$T/formats"
[ "$(wc -l <"$T/formats")" -eq 10 ] || pa_fail "--help lists $(wc -l <"$T/formats") formats, expected 10"
while read -r f; do
	grep -qx ".Ss $f" "$top_srcdir/man/pactaudit-formats.5" || pa_fail "pactaudit-formats(5) lacks $f"
	grep -qx ".It Cm $f" "$top_srcdir/man/pactaudit-report.1" || pa_fail "pactaudit-report(1) lacks $f"
done <"$T/formats"

# usage errors: exit 2, one line naming the problem, nothing on stdout
assert_exit 2 "$PACTAUDIT" report
assert_grep 'at least one results file' "$T/err"
assert_exit 2 "$PACTAUDIT" report --format pdf "$fx/clean.xml"
assert_grep "unknown format 'pdf'" "$T/err"
[ ! -s "$T/out" ] || pa_fail "an unknown format wrote to stdout"
assert_exit 2 "$PACTAUDIT" report --fail-on severe --format junit "$fx/clean.xml"
assert_grep 'fail-on' "$T/err"
assert_exit 2 "$PACTAUDIT" report --bogus "$fx/clean.xml"

# inputs that are not results: exit 2 with "pactaudit: <where>: <what>"
assert_exit 2 "$PACTAUDIT" report "$T/missing.xml"
assert_grep "^pactaudit: .*missing\.xml" "$T/err"
printf '<results xmlns="urn:pactaudit:results:1">\n  <verdict>eligible\n</results>\n' >"$T/broken.xml"
assert_exit 2 "$PACTAUDIT" report "$T/broken.xml"
assert_grep "^pactaudit: .*broken\.xml:[0-9]+: malformed XML" "$T/err"
printf '<?xml version="1.0"?>\n<!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]>\n<results xmlns="urn:pactaudit:results:1">&x;</results>\n' >"$T/doctype.xml"
assert_exit 2 "$PACTAUDIT" report --format xml "$T/doctype.xml"
assert_grep 'DOCTYPE' "$T/err"
assert_no_grep 'root:' "$T/out"
printf '<evidence xmlns="urn:pactaudit:evidence:1"/>\n' >"$T/evidence.xml"
assert_exit 2 "$PACTAUDIT" report "$T/evidence.xml" "$fx/clean.xml"
assert_grep 'evidence\.xml: not a pactaudit results document' "$T/err"
[ ! -s "$T/out" ] || pa_fail "a refused input still produced output"
# one bad file among good ones: nothing is written with -o either
assert_exit 2 "$PACTAUDIT" report -o "$T/never.html" --format html "$fx/clean.xml" "$T/evidence.xml"
[ ! -e "$T/never.html" ] || pa_fail "-o wrote a report although an input was refused"

# -o writes the file, nothing on stdout; the file is replaced, not appended to
assert_exit 0 "$PACTAUDIT" report --format json -o "$T/r.json" "$fx/clean.xml"
[ ! -s "$T/out" ] || pa_fail "-o also wrote to stdout"
assert_grep '"verdict": "eligible"' "$T/r.json"
assert_exit 0 "$PACTAUDIT" report --format json --output "$T/r.json" "$fx/ineligible.xml"
assert_grep '"verdict": "ineligible"' "$T/r.json"
assert_no_grep '"verdict": "eligible"' "$T/r.json"
assert_exit 2 "$PACTAUDIT" report -o "$T/no/such/dir/r.txt" "$fx/clean.xml"

# several files, standard input and results-sets make one report
assert_exit 0 "$PACTAUDIT" report --format xml "$fx/clean.xml" "$fx/set.xml" "$fx/ineligible.xml"
cp "$T/out" "$T/all.xml"
assert_xpath 1 '/r:results-set' "$T/all.xml"
assert_xpath 4 '/r:results-set/r:results' "$T/all.xml"
assert_xpath 4 '/r:results-set/r:results/r:verdict' "$T/all.xml"
assert_xpath 1 '//r:dossier[@path="calls/2026-03/moodwatch"]' "$T/all.xml"
# the xml output is itself an input
assert_exit 0 "$PACTAUDIT" report --format json "$T/all.xml"
[ "$(grep -c '"verdict"' "$T/out")" -eq 4 ] || pa_fail "a results-set did not give four dossiers"
set +e
"$PACTAUDIT" report --format text - <"$fx/needs-changes.xml" >"$T/stdin.txt" 2>"$T/err"
rc=$?
set -e
[ "$rc" -eq 0 ] || pa_fail "reading standard input exited $rc"
cmp -s "$T/stdin.txt" "$top_srcdir/tests/fixtures/results/expected/needs-changes.txt" ||
    pa_fail "standard input gives another report than the file"
# one <results> in, one <results> out
assert_exit 0 "$PACTAUDIT" report --format xml "$fx/clean.xml"
cp "$T/out" "$T/one.xml"
assert_xpath 1 '/r:results' "$T/one.xml"

# default format is text; no colour unless stdout is a terminal
assert_exit 0 "$PACTAUDIT" report "$fx/ineligible.xml"
assert_grep '^summary: 1 blocker, 2 errors' "$T/out"
if grep -q "$(printf '\033')" "$T/out"; then pa_fail "colour codes in piped output"; fi

# a terminal gets colour, unless NO_COLOR is set (script(1) gives a pty)
if command -v script >/dev/null 2>&1 && script -qec true /dev/null >/dev/null 2>&1; then
	NO_COLOR= TERM=xterm script -qec "'$PACTAUDIT' report '$fx/ineligible.xml'" /dev/null >"$T/tty.txt" 2>&1 || true
	grep -q "$(printf '\033')\[1;35mblocker" "$T/tty.txt" || pa_fail "no colour on a terminal"
	NO_COLOR=1 TERM=xterm script -qec "'$PACTAUDIT' report '$fx/ineligible.xml'" /dev/null >"$T/tty.txt" 2>&1 || true
	grep -q 'blocker' "$T/tty.txt" || pa_fail "no report on a terminal"
	if grep -q "$(printf '\033')\[" "$T/tty.txt"; then pa_fail "colour despite NO_COLOR"; fi
else
	echo "report.sh: script(1) not usable, terminal colour not checked" >&2
fi

# without --fail-on, report exits 0 whatever the findings; with it, 1 when one fails
assert_exit 0 "$PACTAUDIT" report --format tap "$fx/ineligible.xml"
[ "$(grep -c '^not ok [0-9]* - [^#]*$' "$T/out")" -eq 3 ] || pa_fail "expected 3 failing TAP points"
assert_exit 1 "$PACTAUDIT" report --format tap --fail-on error "$fx/ineligible.xml"
[ "$(grep -c '^not ok [0-9]* - [^#]*$' "$T/out")" -eq 3 ] || pa_fail "--fail-on error: expected 3 failing TAP points"
assert_exit 0 "$PACTAUDIT" report --format tap --fail-on none "$fx/ineligible.xml"
if grep -q '^not ok [0-9]* - [^#]*$' "$T/out"; then pa_fail "--fail-on none still fails a test point"; fi
assert_exit 1 "$PACTAUDIT" report --fail-on blocker "$fx/clean.xml" "$fx/ineligible.xml"
assert_exit 0 "$PACTAUDIT" report --fail-on blocker "$fx/needs-changes.xml"
assert_exit 1 "$PACTAUDIT" report --fail-on error -o "$T/nc.html" --format html "$fx/needs-changes.xml"
[ -s "$T/nc.html" ] || pa_fail "exit 1 must still write the report"
# waived, baselined and not yet in force never fail: eligible.xml has only those and a warning
assert_exit 0 "$PACTAUDIT" report --fail-on error "$fx/eligible.xml"
assert_exit 1 "$PACTAUDIT" report --fail-on warning "$fx/eligible.xml"
assert_exit 0 "$PACTAUDIT" report --fail-on info "$fx/clean.xml"
exit 0

#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# pactaudit report: a results file that is empty, truncated or not valid
# results is refused (exit 2, one line naming the file, nothing written),
# also under --fail-on, so a CI gate never passes on an unusable file.
. "$top_srcdir/tests/lib/testlib.sh"
set -e
pa_tmp

fx="$top_srcdir/tests/fixtures/results"

# refused FILE WHAT: exit 2 with --fail-on and without, one stderr line naming FILE and WHAT
refused() {
	for gate in "" "--fail-on error" "--fail-on none"; do
		# shellcheck disable=SC2086
		assert_exit 2 "$PACTAUDIT" report $gate --format json "$1"
		[ ! -s "$T/out" ] || pa_fail "$(basename "$1"): a refused file still gave output"
		[ "$(wc -l <"$T/err")" -eq 1 ] || { cat "$T/err" >&2; pa_fail "$(basename "$1"): not one line"; }
		assert_grep "^pactaudit: .*$(basename "$1")" "$T/err"
		assert_grep "$2" "$T/err"
	done
	assert_exit 2 "$PACTAUDIT" report -o "$T/never.txt" "$1"
	[ ! -e "$T/never.txt" ] || pa_fail "$(basename "$1"): -o wrote a report"
}

: >"$T/empty.xml"
refused "$T/empty.xml" 'empty'
head -c 700 "$fx/needs-changes.xml" >"$T/truncated.xml"
refused "$T/truncated.xml" 'truncated\.xml:[0-9]*:'
printf 'verdict: eligible\n' >"$T/text.xml"
refused "$T/text.xml" 'text\.xml'
printf '<results xmlns="urn:pactaudit:results:1"/>\n' >"$T/bare.xml"
refused "$T/bare.xml" 'schema'

# every value the model has no place for is refused, not shown as "unknown"
sed 's/severity="error"/severity="critical"/' "$fx/ineligible.xml" >"$T/severity.xml"
refused "$T/severity.xml" 'schema'
sed 's/status="open"/status="weird"/' "$fx/ineligible.xml" >"$T/status.xml"
refused "$T/status.xml" 'schema'
sed 's/line="[0-9]*"/line="-5"/' "$fx/ineligible.xml" >"$T/line.xml"
refused "$T/line.xml" 'schema'
sed 's|<verdict>.*</verdict>||' "$fx/ineligible.xml" >"$T/noverdict.xml"
refused "$T/noverdict.xml" 'schema'
sed 's/fingerprint="[0-9a-f]*"/fingerprint="t"/' "$fx/needs-changes.xml" >"$T/fingerprint.xml"
refused "$T/fingerprint.xml" 'schema'
# a verdict edited by hand no longer follows from the findings
sed 's|<verdict>ineligible</verdict>|<verdict>eligible</verdict>|' "$fx/ineligible.xml" >"$T/edited.xml"
grep -q '<verdict>eligible' "$T/edited.xml" || pa_fail "the fixture changed: no verdict to edit"
refused "$T/edited.xml" "verdict 'eligible' does not follow from the findings .they make it 'ineligible'."

# one bad file among good ones: nothing is rendered
assert_exit 2 "$PACTAUDIT" report --fail-on none "$fx/clean.xml" "$T/empty.xml"
[ ! -s "$T/out" ] || pa_fail "a report was written although one input was refused"

# standard input gets the same check
set +e
"$PACTAUDIT" report --fail-on error - <"$T/empty.xml" >"$T/out" 2>"$T/err"
rc=$?
set -e
[ "$rc" -eq 2 ] || pa_fail "empty standard input exited $rc"
assert_grep 'standard input.: empty' "$T/err"

# what check writes is always valid results (the reader accepts its own output)
assert_exit 0 "$PACTAUDIT" report --format xml "$fx/set.xml"
cp "$T/out" "$T/again.xml"
assert_exit 0 "$PACTAUDIT" report --format xml "$T/again.xml"
cmp -s "$T/out" "$T/again.xml" || pa_fail "results written and read back differ"
exit 0

#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# pactaudit report: text and Markdown output of each fixture equals its hand-checked expected file.
. "$top_srcdir/tests/lib/testlib.sh"
set -e
pa_tmp

fx="$top_srcdir/tests/fixtures/results"
n=0
for exp in "$fx"/expected/*.txt "$fx"/expected/*.md; do
	name=$(basename "$exp")
	fixture="$fx/${name%.*}.xml"
	case $name in
	*.txt) format=text ;;
	*.md) format=md ;;
	esac
	assert_exit 0 "$PACTAUDIT" report --format "$format" "$fixture"
	if ! cmp -s "$T/out" "$exp"; then
		diff -u "$exp" "$T/out" >&2 || true
		pa_fail "$format output of $(basename "$fixture") differs from expected/$name"
	fi
	n=$((n + 1))
done
[ "$n" -ge 8 ] || pa_fail "only $n expected files"

# two files in one report: the text output is the set's, dossier by dossier
assert_exit 0 "$PACTAUDIT" report "$fx/clean.xml" "$fx/needs-changes.xml"
{ cat "$fx/expected/clean.txt"; echo; cat "$fx/expected/needs-changes.txt"; echo
  echo "total: 2 dossiers: 1 eligible, 1 needs-changes, 0 ineligible"; } >"$T/want"
cmp -s "$T/out" "$T/want" || { diff -u "$T/want" "$T/out" >&2; pa_fail "two-dossier text report"; }
exit 0

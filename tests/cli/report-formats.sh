#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# pactaudit report: every format on every fixture; hostile strings never reach any output raw.
. "$top_srcdir/tests/lib/testlib.sh"
set -e
pa_tmp

fx="$top_srcdir/tests/fixtures/results"
formats="text json sarif junit tap xml html md csv csv-applicants"
py=/usr/bin/python3
[ -x "$py" ] || py=

# the bytes that must never come out: ESC, C1 CSI, BiDi overrides and isolates, DEL
raw_bytes='\033 \302\233 \342\200\256 \342\200\255 \342\200\254 \342\201\247 \177'

for f in "$fx"/*.xml; do
	name=$(basename "$f" .xml)
	for fmt in $formats; do
		out="$T/$name.$fmt"
		assert_exit 0 "$PACTAUDIT" report --format "$fmt" -o "$out" "$f"
		[ -s "$out" ] || pa_fail "$fmt of $name is empty"
		for esc in $raw_bytes; do
			if LC_ALL=C grep -qF -- "$(printf "$esc")" "$out"; then
				pa_fail "$fmt of $name holds the raw byte(s) $esc"
			fi
		done
		# a CR only as CSV's record end: as many CRs as lines, each line ending in one
		cr=$(printf '\r')
		if [ "$fmt" = csv ] || [ "$fmt" = csv-applicants ]; then
			lines=$(wc -l <"$out")
			[ "$(LC_ALL=C tr -cd '\r' <"$out" | wc -c)" -eq "$lines" ] &&
			    [ "$(LC_ALL=C grep -c "$cr\$" "$out")" -eq "$lines" ] ||
			    pa_fail "csv of $name has a CR that does not end a record"
		elif LC_ALL=C grep -q "$cr" "$out"; then
			pa_fail "$fmt of $name holds a raw CR"
		fi
	done
	xmllint --noout "$T/$name.junit" || pa_fail "junit of $name is not well-formed XML"
	xmllint --noout "$T/$name.xml" || pa_fail "xml of $name is not well-formed XML"
	head -n 2 "$T/$name.tap" | grep -q '^TAP version 13$' || pa_fail "tap of $name lacks its version line"
	if [ -n "$py" ]; then
		"$py" -c 'import json,sys; json.load(open(sys.argv[1]))' "$T/$name.json" ||
		    pa_fail "json of $name does not parse"
	fi
done

# JUnit: counts that a CI server reads
assert_xpath 8 '/testsuites/testsuite/testcase' "$T/needs-changes.junit"
assert_xpath 3 '//testcase[failure]' "$T/needs-changes.junit"
assert_xpath 3 '//testcase[skipped]' "$T/needs-changes.junit"
assert_xpath 1 '/testsuites[@tests="8" and @failures="3" and @skipped="3" and @errors="0"]' "$T/needs-changes.junit"
assert_xpath 1 '//testcase[@name="no findings" and not(*)]' "$T/clean.junit"
assert_xpath 2 '/testsuites/testsuite' "$T/set.junit"
assert_xpath 1 '//testcase/failure[@type="blocker"]' "$T/ineligible.junit"

# HTML: one file, no script and no markup from the input (only reports/report.js)
for f in "$T"/*.html; do
	# one script only, the project's own (reports/report.js, admitted by its hash)
	[ "$(grep -ci '<script' "$f")" = 1 ] || pa_fail "$(basename "$f") holds a <script> element of its own"
	grep -q '<script>/\* SPDX-License-Identifier' "$f" || pa_fail "$(basename "$f"): not the report's script"

	if grep -qiE '<(link|img|iframe|object)\b' "$f"; then pa_fail "$(basename "$f") loads something"; fi
	grep -q '<style>' "$f" || pa_fail "$(basename "$f") has no inlined CSS"
done
assert_grep '&lt;script&gt;alert\(1\)&lt;/script&gt;' "$T/hostile.html"
assert_grep '&lt;/textarea&gt;' "$T/hostile.html"
assert_grep 'class="badge verdict-ineligible"' "$T/ineligible.html"
# the stylesheets never turn output escaping off
if grep -l 'disable-output-escaping' "$top_srcdir"/reports/*.xsl; then
	pa_fail "a stylesheet uses disable-output-escaping"
fi

# Markdown: no raw tag, pipes inside cells escaped
if grep -qE '(^|[^\\])<(script|img|/textarea)' "$T/hostile.md"; then pa_fail "raw HTML in the Markdown report"; fi
assert_grep '^\| \\\| a \\\| b \\\| \| minimal' "$T/hostile.md"

# CSV: RFC 4180, and nothing a spreadsheet would run as a formula
if [ -n "$py" ]; then
	for f in "$T"/*.csv "$T"/*.csv-applicants; do
		"$py" - "$f" <<'PY' || pa_fail "$(basename "$f"): bad CSV"
import csv, sys
with open(sys.argv[1], newline='', encoding='utf-8') as fp:
    data = fp.read()
assert data.endswith('\r\n'), 'records end in CRLF'
rows = list(csv.reader(data.splitlines(keepends=True), strict=True))
width = 20 if sys.argv[1].endswith('-applicants') else 28
assert rows[0][0] == 'dossier' and len(rows[0]) == width, rows[0]
for row in rows:
    assert len(row) == width, row
    for cell in row:
        assert cell[:1] not in ('=', '+', '-', '@', '\t', '\r', '\n'), repr(cell)
PY
	done
	"$py" - "$T/hostile.csv" <<'PY' || pa_fail "hostile.csv does not carry the expected cells"
import csv, sys
rows = list(csv.DictReader(open(sys.argv[1], newline='', encoding='utf-8')))
assert len(rows) == 4, len(rows)
by = {r['fingerprint']: r for r in rows}
r = by['b44d6c766cc34484d9522ed216d6493bc77bc638ebdd5318df5f8388e8d2abda']
assert r['rule'] == "'=cmd|' /C calc'!A0", r['rule']
assert r['message'] == "'=cmd|' /C calc'!A0"
assert r['remedy'] == "'@SUM(A1:A9)"
assert r['ref'] == "'+Art. 5"
assert r['path'] == 'docs/a b#c|d.md' and r['line'] == '3'
r = by['f3342feed0c0d698987412ca02c2c0bbdf672fd14ac4502f3133b4c0f3289b33']
assert r['path'] == "'-rf" and r['remedy'] == "'-2+3" and r['line'] == ''
assert r['message'].startswith("'+SUM(1,2) and *bold*")
r = by['8ef1d4a2b3c4d5e6f708192a3b4c5d6e7f8091a2b3c4d5e6f708192a3b4c5d6e']
assert r['message'].endswith('alert("x")</script> "quoted", comma DEL\\x7f'), r['message']
# who applies, on every row, formulas defused
assert all(x['applicant'].startswith("'=HYPERLINK(") for x in rows)
assert r['country'] == "'-1+1" and r['registry_id'] == "'@evil" and r['call'] == "'+call"
assert r['gpu_hours'] == '1e3'
PY
	"$py" - "$T/needs-changes.csv-applicants" "$T/set.csv-applicants" <<'PY' || pa_fail "csv-applicants does not carry the expected cells"
import csv, sys
rows = list(csv.DictReader(open(sys.argv[1], newline='', encoding='utf-8')))
assert len(rows) == 1, rows
r = rows[0]
assert (r['applicant'], r['country'], r['registry_id']) == ('Acme Rank GmbH', 'DE', 'acme-rank'), r
assert (r['call'], r['machine'], r['partition'], r['gpu_hours']) == ('2026-03', 'leonardo', 'booster', '120000'), r
assert (r['verdict'], r['blockers'], r['errors'], r['warnings']) == ('needs-changes', '0', '2', '1'), r
assert r['tiers'] == 'cv-screen=high; chat-assist=limited', r['tiers']
assert r['purposes'] == 'cv-screen: Ranks job applications for recruiters.', r['purposes']
assert r['decision'] == '' and r['granted_gpu_hours'] == ''
assert len(list(csv.DictReader(open(sys.argv[2], newline='', encoding='utf-8')))) == 2
PY
fi
exit 0

#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# pactaudit report --plan: the board report, Markdown and csv-applicants of
# the sample call show each applicant's decision and granted GPU-hours and
# the capacity per machine from the plan `pactaudit allocate` wrote; a
# plan line for another commit or another dossier is not shown as the
# dossier's decision; the plan's strings are escaped; --auditor names who
# prepared the report; a file that is not a plan, or a format that cannot
# show one, is refused with exit 2.
. "$top_srcdir/tests/lib/testlib.sh"
. "$top_srcdir/tests/lib/allocate-call.sh"
set -e
pa_tmp
pa_alloc_call

"$PACTAUDIT" allocate --ledger "$L" --policy "$POLICY" --keyring "$C/keyring.asc" \
    --as-of "$ASOF" --format xml -o "$T/plan.xml" "$T/results.xml" ||
    pa_fail "allocate --format xml failed"
P=$C

# --- Markdown: the overview rows end in decision | granted, as in the plan ------
assert_exit 0 "$PACTAUDIT" report --format md --plan "$T/plan.xml" --auditor "Ann Auditor" "$T/results.xml"
cp "$T/out" "$T/plan.md"
assert_grep '^- Prepared by: Ann Auditor$' "$T/plan.md"
assert_grep '^- Allocation plan: call 2026-12: 3 of 5 applicants funded, 3500 of 4300 GPU-hours granted, 800 left$' "$T/plan.md"
for row in "arkisto.*Arkisto AI Oy.* approve \| 1000 \|" \
    "talentra.*Talentra Analytics GmbH.* approve \| 1300 \|" \
    "aurore.*Aurore Intelligence SAS.* reject \| 0 \|" \
    "voxara.*Voxara Speech S.r.l..* approve \| 1200 \|" \
    "sentimetria.*Sentimetría Laboral S.L..* approve \| 0 \|"; do
	assert_grep "^\| .*$row\$" "$T/plan.md"
done
assert_grep '^\| leonardo \| boost\\_usr\\_prod \| 2500 \| 2500 \| 625 \| 0 \|$' "$T/plan.md"
assert_grep '^\| leonardo \| lrd\\_all\\_serial \| 800 \| 0 \| 0 \| 800 \|$' "$T/plan.md"
assert_grep '^- Decision: approve — open-blocker: 2 open blocker\(s\), first AIA-ART5-1F-CONTEXT' "$T/plan.md"
assert_grep '^- Decision: reject — rejected: rejected by decision' "$T/plan.md"

# without a plan: dashes, no capacity, no decision line
assert_exit 0 "$PACTAUDIT" report --format md "$T/results.xml"
assert_grep '^\| .*arkisto.* eligible \| 0 \| 0 \| 0 \| — \| — \|$' "$T/out"
assert_no_grep 'Capacity|^- Decision|Allocation plan|Prepared by' "$T/out"

# --- csv-applicants: the two columns, in the overview's order ------------------
assert_exit 0 "$PACTAUDIT" report --format csv-applicants --plan "$T/plan.xml" "$T/results.xml"
# the last columns are applicant, country, registry id, call, machine,
# partition, gpu_hours; decision and granted_gpu_hours come just before
sed -n 's/.*,"\([a-z-]*\)","\([0-9]*\)","\([^"]*\)","[A-Z][A-Z]",.*/\3=\1=\2/p' "$T/out" >"$T/got"
cat >"$T/want" <<W
Arkisto AI Oy=approve=1000
Talentra Analytics GmbH=approve=1300
Aurore Intelligence SAS=reject=0
Voxara Speech S.r.l.=approve=1200
Sentimetría Laboral S.L.=approve=0
W
diff "$T/want" "$T/got" >&2 || pa_fail "csv-applicants: decision and granted differ from the plan"

# --- HTML: overview cells, capacity table, chart, decision facts ---------------
command -v xmllint >/dev/null || pa_skip "xmllint is not installed"
assert_exit 0 "$PACTAUDIT" report --format html --plan "$T/plan.xml" --auditor "Ann Auditor" \
    -o "$T/plan.html" "$T/results.xml"
hx() { xmllint --html --xpath "$1" "$T/plan.html" 2>/dev/null; }
row() { printf '//table[@id="applicants"]/tbody/tr[td[1]/a[normalize-space()="%s"]]' "$1"; }
[ "$(hx "normalize-space($(row 'Arkisto AI Oy')/td[10])")" = approve ] || pa_fail "arkisto: decision cell"
[ "$(hx "string($(row 'Arkisto AI Oy')/td[11]/@data-sort)")" = 1000 ] || pa_fail "arkisto: granted cell"
[ "$(hx "normalize-space($(row 'Aurore Intelligence SAS')/td[10])")" = "reject rejected" ] ||
    pa_fail "aurore: decision cell"
[ "$(hx "normalize-space($(row 'Talentra Analytics GmbH')/td[11])")" = "1,300 leonardo/boost_usr_prod" ] ||
    pa_fail "talentra: granted cell"
[ "$(hx 'count(//table[@class="capacity"]/tbody/tr)')" = 3 ] || pa_fail "capacity: not 3 partitions"
[ "$(hx 'concat(//table[@class="capacity"]/tfoot/tr/th, "|", //table[@class="capacity"]/tfoot/tr/td[1], "|",
    //table[@class="capacity"]/tfoot/tr/td[2], "|", //table[@class="capacity"]/tfoot/tr/td[3], "|",
    //table[@class="capacity"]/tfoot/tr/td[4])')" = "The call|4,300|3,500|750|800" ] ||
    pa_fail "capacity: totals"
[ "$(hx 'normalize-space(//table[@class="machines"]/tfoot/tr/td[4])')" = 3,500 ] ||
    pa_fail "machines: granted total"
[ "$(hx 'count(//figure[starts-with(figcaption, "Requested against available")]//rect[@class="bar-capacity"])')" = 2 ] ||
    pa_fail "chart: not one capacity bar per machine of the call (LUMI, leonardo)"
assert_grep 'prepared by Ann Auditor · allocation plan of call 2026-12' "$T/plan.html"
assert_grep '<dt>Decision</dt><dd><b>approve</b> \(ledger commit <code title="'"$DEC_arkisto"'">' "$T/plan.html"
assert_grep "rank 4, score 270, open-blocker: 2 open blocker" "$T/plan.html"

# in a real headless Chromium: the page with a plan loads under its policy
# with no console message, and its script runs (it adds the sort buttons)
for c in chromium chromium-browser; do
	command -v "$c" >/dev/null 2>&1 || continue
	: >"$T/log"
	timeout 120 "$c" --headless --no-sandbox --disable-gpu --no-first-run \
	    --user-data-dir="$T/profile" --enable-logging=stderr --v=0 \
	    --window-size=1366,900 --dump-dom "file://$T/plan.html" >"$T/dom.html" 2>>"$T/log" ||
	    pa_fail "chromium --dump-dom failed: $(tail -3 "$T/log")"
	if grep 'CONSOLE' "$T/log"; then
		pa_fail "the browser console reported the lines above"
	fi
	assert_grep '<button type="button" class="sort">' "$T/dom.html"
	assert_grep 'class="bar-capacity"' "$T/dom.html"
	break
done

# --- a stale line (another commit) and a missing line -------------------------
ark=$(xmllint --xpath "string(//*[local-name()='applicant'][@name='Arkisto AI Oy']/@commit)" "$T/plan.xml")
vox=$(xmllint --xpath "string(//*[local-name()='applicant'][@name='Voxara Speech S.r.l.']/@dossier)" "$T/plan.xml")
[ ${#ark} -eq 40 ] && [ -n "$vox" ] || pa_fail "the plan has no commit for arkisto or dossier for voxara"
sed -e "s/commit=\"$ark\"/commit=\"0000000000000000000000000000000000000000\"/" \
    -e "s|dossier=\"$vox\"|dossier=\"$vox-elsewhere\"|" "$T/plan.xml" >"$T/stale.xml"
assert_exit 0 "$PACTAUDIT" report --format md --plan "$T/stale.xml" "$T/results.xml"
assert_grep '^\| .*arkisto.* plan for another commit \| — \|$' "$T/out"
assert_grep '^\| .*voxara.* not in the plan \| — \|$' "$T/out"
assert_grep '^\| .*talentra.* approve \| 1300 \|$' "$T/out"
assert_exit 0 "$PACTAUDIT" report --format html --plan "$T/stale.xml" -o "$T/stale.html" "$T/results.xml"
assert_grep 'the allocation plan is about commit <code title="0{40}">0{12}</code>, not the commit of these results' \
    "$T/stale.html"
assert_grep 'not in the allocation plan of call 2026-12' "$T/stale.html"
# the stale and missing lines are not counted as granted to their machines
[ "$(xmllint --html --xpath 'normalize-space(//table[@class="machines"]/tfoot/tr/td[4])' "$T/stale.html" 2>/dev/null)" = 1,300 ] ||
    pa_fail "machines: a stale or missing line was counted"

# --- hostile strings in the plan are escaped and made visible ------------------
sed 's|<why>|<why>\&lt;script\&gt;alert(1)\&lt;/script\&gt;\&#x202E;|' "$T/plan.xml" >"$T/hostile.xml"
assert_exit 0 "$PACTAUDIT" report --format html --plan "$T/hostile.xml" -o "$T/hostile.html" "$T/results.xml"
assert_no_grep '<script>alert' "$T/hostile.html"
assert_grep '&lt;script&gt;alert\(1\)&lt;/script&gt;\\u202e' "$T/hostile.html"
if LC_ALL=C grep -q "$(printf '\342\200\256')" "$T/hostile.html"; then
	pa_fail "a BiDi control from the plan reached the HTML"
fi
assert_exit 0 "$PACTAUDIT" report --format md --plan "$T/hostile.xml" "$T/results.xml"
assert_grep '\\<script\\>alert\(1\)\\</script\\>\\\\u202e' "$T/out"

# --- refused: not a plan, a plan that breaks its schema, a format without plans --
assert_exit 2 "$PACTAUDIT" report --format html --plan "$T/results.xml" "$T/results.xml"
assert_grep 'not an allocation plan' "$T/err"
[ "$(wc -l <"$T/err")" -eq 1 ] || pa_fail "more than one line for a file that is not a plan"
sed 's/granted="1000"/granted="lots"/' "$T/plan.xml" >"$T/bad.xml"
assert_exit 2 "$PACTAUDIT" report --format html --plan "$T/bad.xml" "$T/results.xml"
assert_grep 'bad.xml:[0-9]+: ' "$T/err"
printf '<?xml version="1.0"?>\n<!DOCTYPE allocation [<!ENTITY x SYSTEM "/etc/passwd">]>\n<allocation xmlns="urn:pactaudit:allocation:1">&x;</allocation>\n' \
    >"$T/doctype.xml"
assert_exit 2 "$PACTAUDIT" report --format html --plan "$T/doctype.xml" "$T/results.xml"
assert_no_grep 'root:' "$T/err"
: >"$T/empty.xml"
assert_exit 2 "$PACTAUDIT" report --format md --plan "$T/empty.xml" "$T/results.xml"
assert_grep 'empty file, not an allocation plan' "$T/err"
assert_exit 2 "$PACTAUDIT" report --format md --plan "$T/no-such.xml" "$T/results.xml"
assert_exit 2 "$PACTAUDIT" report --format json --plan "$T/plan.xml" "$T/results.xml"
assert_grep 'plan is shown by the formats html, md and csv-applicants' "$T/err"
[ ! -e "$T/none.html" ] || pa_fail "a refused report wrote its output"
assert_exit 2 "$PACTAUDIT" report --format html --plan "$T/bad.xml" -o "$T/none.html" "$T/results.xml"
[ ! -e "$T/none.html" ] || pa_fail "a refused plan left an output file"
exit 0

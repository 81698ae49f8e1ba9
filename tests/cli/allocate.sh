#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# pactaudit allocate on the sample call: the plan checked line by line
# against the decisions recorded with `pactaudit decide` and the policy in
# tests/fixtures/call; every format; the same bytes on a re-run and for
# another order of the results files; hostile names escaped; bad input
# refused with exit 2 and one line.
. "$top_srcdir/tests/lib/testlib.sh"
. "$top_srcdir/tests/lib/allocate-call.sh"
set -e
pa_tmp
command -v jq >/dev/null || pa_skip "jq is not installed"
pa_alloc_call

alloc() {
	"$PACTAUDIT" allocate --ledger "$L" --policy "$POLICY" --keyring "$C/keyring.asc" \
	    --as-of "$ASOF" "$@"
}
# commit DOSSIER: the audited commit in the results
commit() {
	xmllint --xpath "string(//*[local-name()='dossier'][@path='$C/$1']/@commit)" "$T/results.xml"
}
# account NAME DOSSIER: the Slurm account the plan must give
account() {
	printf '%s_%s' "$1" "$(printf '%s' "$(cd "$C/$2" && pwd -P)" | sha256sum | cut -c1-8)"
}
# the first open blocker of sentimetria, in fingerprint order
blocker=$(xmllint --xpath "//*[local-name()='dossier'][@path='$C/sentimetria']/../*[local-name()='finding'][@severity='blocker'][@status='open']/@fingerprint" \
    "$T/results.xml" | sed 's/ *fingerprint="\([0-9a-f]*\)"/\1\n/g' | sed '/^$/d' | sort | head -n 1)
[ ${#blocker} -eq 64 ] || pa_fail "no blocker fingerprint for sentimetria"
P=$(cd "$C" && pwd -P)

# --- the plan, line by line (CSV) --------------------------------------------
assert_exit 0 alloc --format csv "$T/results.xml"
tr -d '\r' <"$T/out" >"$T/plan.csv"
cat >"$T/want.csv" <<W
"call","rank","name","dossier","commit","verdict","decision","decision_commit","outcome","score","verdict_score","findings_score","signatures_score","requested_machine","requested","wanted","granted","machine","partition","node_hours","account","trace_kind","trace","why"
"2026-12","1","Arkisto AI Oy","$P/arkisto","$(commit arkisto)","eligible","approve","$DEC_arkisto","granted","600","100","100","100","lumi","1500","1500","1000","LUMI","standard-g","125","$(account pa_arkisto_ai_oy arkisto)","","","1000 GPU-hours on LUMI/standard-g, partial: the partition is full"
"2026-12","2","Aurore Intelligence SAS","$P/aurore","$(commit aurore)","needs-changes","reject","$DEC_aurore","rejected","410","50","80","100","jupiter","25000000","25000000","0","","","","","decision","$DEC_aurore","rejected by decision $(printf %.12s "$DEC_aurore")"
"2026-12","3","Voxara Speech S.r.l.","$P/voxara","$(commit voxara)","needs-changes","approve","$DEC_voxara","granted","400","50","75","100","leonardo","1200","1200","1200","leonardo","boost_usr_prod","300","$(account pa_voxara_speech_s_r_l voxara)","","","1200 GPU-hours on leonardo/boost_usr_prod"
"2026-12","4","Sentimetría Laboral S.L.","$P/sentimetria","$(commit sentimetria)","ineligible","approve","$DEC_sentimetria","open-blocker","270","0","85","100","marenostrum5","300","300","0","","","","","finding","$blocker","2 open blocker(s), first AIA-ART5-1F-CONTEXT (Art. 5(1)(f))"
"2026-12","5","Talentra Analytics GmbH","$P/talentra","$(commit talentra)","needs-changes","approve","$DEC_talentra","granted","270","50","10","100","leonardo","5000","4000","1300","leonardo","boost_usr_prod","325","$(account pa_talentra_analytics_gmbh talentra)","","","1300 GPU-hours on leonardo/boost_usr_prod, cut to the cap, partial: the partition is full"
W
diff "$T/want.csv" "$T/plan.csv" >&2 || pa_fail "the plan of the sample call differs (CSV)"
[ "$(grep -c "$(printf '\r$')" "$T/out")" -eq 6 ] || pa_fail "CSV lines do not end in CRLF"

# --- text: totals against capacity ------------------------------------------------
assert_exit 0 alloc "$T/results.xml"
assert_grep '^call 2026-12: 3 of 5 applicants funded, 3500 of 4300 GPU-hours granted$' "$T/out"
assert_grep '^  LUMI/standard-g: 1000 of 1000 GPU-hours \(125 node-hours at 8 GPUs per node\), 0 left$' "$T/out"
assert_grep '^  leonardo/boost_usr_prod: 2500 of 2500 GPU-hours \(625 node-hours at 4 GPUs per node\), 0 left$' "$T/out"
assert_grep '^  leonardo/lrd_all_serial: 0 of 800 GPU-hours \(0 node-hours at 4 GPUs per node\), 800 left$' "$T/out"

# --- XML: the schema, and the same facts ---------------------------------------------
assert_exit 0 alloc --format xml -o "$T/plan.xml" "$T/results.xml"
[ ! -s "$T/out" ] || pa_fail "-o also wrote to standard output"
xmllint --noout --relaxng "$top_srcdir/rules/schema/allocation.rng" "$T/plan.xml" 2>"$T/err" ||
    { cat "$T/err" >&2; pa_fail "the plan does not match allocation.rng"; }
xp() { xmllint --xpath "string($1)" "$T/plan.xml"; }
[ "$(xp "/*/*[local-name()='totals']/@granted")" = 3500 ] || pa_fail "XML totals"
[ "$(xp "/*/*[local-name()='capacity'][@partition='boost_usr_prod']/@left")" = 0 ] || pa_fail "XML capacity"
[ "$(xp "//*[local-name()='applicant'][@rank='5']/@capped")" = true ] || pa_fail "talentra not capped"
[ "$(xp "//*[local-name()='applicant'][@rank='4']/*[local-name()='trace']/@ref")" = "$blocker" ] ||
    pa_fail "sentimetria's exclusion is not traced to its blocker"
[ "$(xp "sum(//*[local-name()='applicant'][@rank='1']/*[local-name()='sub']/@points)")" = 600 ] ||
    pa_fail "the sub-scores do not add up to the score"

# --- JSON ---------------------------------------------------------------------------
assert_exit 0 alloc --format json "$T/results.xml"
jq -e '.call == "2026-12" and .totals.granted == 3500 and .totals.funded == 3
    and ([.applicants[] | select(.outcome == "granted") | .granted] == [1000, 1200, 1300])
    and .applicants[1].trace.kind == "decision" and .applicants[1].trace.ref == "'"$DEC_aurore"'"
    and .applicants[0].subscores.verdict == 100 and .applicants[0].node_hours == 125
    and .capacity[2].left == 800' "$T/out" >/dev/null || { cat "$T/out" >&2; pa_fail "JSON plan"; }

# --- sacctmgr: one account per grant, GPU-minutes --------------------------------------
assert_exit 0 alloc --format sacctmgr "$T/results.xml"
cp "$T/out" "$T/plan.sh"
sh -n "$T/plan.sh" || pa_fail "the sacctmgr script is not valid sh"
[ "$(grep -c '^sacctmgr -i modify account' "$T/plan.sh")" -eq 3 ] || pa_fail "not three accounts"
assert_grep "^sacctmgr -i modify account where name=$(account pa_arkisto_ai_oy arkisto) cluster=lumi set GrpTRESMins=gres/gpu=60000$" "$T/plan.sh"
assert_grep "^sacctmgr -i modify account where name=$(account pa_voxara_speech_s_r_l voxara) cluster=leonardo set GrpTRESMins=gres/gpu=72000$" "$T/plan.sh"
assert_grep "^sacctmgr -i modify account where name=$(account pa_talentra_analytics_gmbh talentra) cluster=leonardo set GrpTRESMins=gres/gpu=78000$" "$T/plan.sh"
assert_no_grep 'aurore|sentimetr' "$T/plan.sh"

# --- HTML: self-contained ---------------------------------------------------------------
assert_exit 0 alloc --format html "$T/results.xml"
assert_grep "Content-Security-Policy" "$T/out"
assert_grep "default-src 'none'" "$T/out"
assert_no_grep '<script|src=|<link|url\(' "$T/out"
assert_grep 'Talentra Analytics GmbH' "$T/out"
assert_grep "$blocker" "$T/out"

# --- the same bytes on a re-run, and for another order of the results files ----------
for f in text xml json csv html sacctmgr; do
	alloc --format "$f" "$T/results.xml" >"$T/a.$f"
	alloc --format "$f" "$T/results.xml" >"$T/b.$f"
	cmp -s "$T/a.$f" "$T/b.$f" || pa_fail "two runs differ in $f"
done
for d in arkisto talentra aurore voxara sentimetria; do
	"$PACTAUDIT" check --keyring "$C/keyring.asc" --as-of "$ASOF" --rev submission \
	    --format xml -o "$T/r-$d.xml" "$C/$d" || true
done
alloc --format xml "$T/r-voxara.xml" "$T/r-sentimetria.xml" "$T/r-aurore.xml" \
    "$T/r-arkisto.xml" "$T/r-talentra.xml" >"$T/c.xml"
cmp -s "$T/a.xml" "$T/c.xml" || { diff "$T/a.xml" "$T/c.xml" >&2; pa_fail "the order of the results files changed the plan"; }

# --- a decision on another commit does not count; a newer one does --------------------
echo "later" >>"$C/talentra/README.md"
pa_git -C "$C/talentra" commit -q -a -m "a change after the submission"
decide_talentra() {
	"$PACTAUDIT" decide --ledger "$L" --key "$AUD" --keyring "$C/keyring.asc" --as-of "$ASOF" \
	    --decision approve "$@" "$C/talentra" >"$T/dec" || pa_fail "decide on talentra failed"
	sed -n 's/^recorded \([0-9a-f]\{40\}\): .*/\1/p' "$T/dec"
}
stale=$(decide_talentra)
assert_exit 0 alloc --format csv "$T/results.xml"
assert_grep "^\"2026-12\",\"5\",\"Talentra Analytics GmbH\",.*\"stale-decision\",.*\"0\",\"\",\"\",\"\",\"\",\"decision\",\"$stale\"" "$T/out"
decide_talentra --rev submission --gpu-hours 600 >/dev/null
assert_exit 0 alloc --format csv "$T/results.xml"
assert_grep '"Talentra Analytics GmbH",.*"granted",.*"5000","600","600","leonardo","boost_usr_prod","150",' "$T/out"

# --- hostile names are escaped ----------------------------------------------------------
mkdir -p "$T/src-evil"
pa_copy "$top_srcdir/examples/src/arkisto/." "$T/src-evil/"
sed 's|<legal-name>[^<]*</legal-name>|<legal-name>=HYPERLINK("http://x") \&lt;img src=x onerror=alert(1)\&gt;</legal-name>|' \
    "$top_srcdir/examples/src/arkisto/application.xml" >"$T/src-evil/application.xml"
grep -q 'HYPERLINK' "$T/src-evil/application.xml" || pa_fail "the hostile name was not written"
pa_repo "$T/evil" "$T/src-evil" >/dev/null
"$PACTAUDIT" check --as-of "$ASOF" --format xml -o "$T/evil.xml" "$T/evil" || true
assert_exit 0 alloc --format csv "$T/results.xml" "$T/evil.xml"
assert_grep '^"2026-12","[0-9]","'"'"'=HYPERLINK\(""http://x""\) <img' "$T/out"
assert_exit 0 alloc --format html "$T/results.xml" "$T/evil.xml"
assert_grep '=HYPERLINK\("http://x"\) &lt;img src=x onerror=alert\(1\)&gt;' "$T/out"
assert_no_grep '<img' "$T/out"
assert_exit 0 alloc --format sacctmgr "$T/results.xml" "$T/evil.xml"
assert_no_grep 'HYPERLINK|alert' "$T/out"

# --- bad input: exit 2 and one line --------------------------------------------------------
assert_exit 2 "$PACTAUDIT" allocate --policy "$POLICY" "$T/results.xml"
assert_grep 'ledger DIR is required' "$T/err"
assert_exit 2 "$PACTAUDIT" allocate --ledger "$L" "$T/results.xml"
assert_grep 'policy CALL.xml is required' "$T/err"
assert_exit 2 alloc --format pdf "$T/results.xml"
assert_grep "unknown format 'pdf'" "$T/err"
assert_exit 2 alloc
assert_grep 'at least one results file' "$T/err"
assert_exit 2 "$PACTAUDIT" allocate --ledger "$T/no-ledger" --policy "$POLICY" "$T/results.xml"
[ "$(wc -l <"$T/err")" -eq 1 ] || pa_fail "more than one line for a missing ledger"
printf '<!DOCTYPE call [<!ENTITY x SYSTEM "file:///etc/passwd">]><call/>' >"$T/doctype.xml"
assert_exit 2 "$PACTAUDIT" allocate --ledger "$L" --policy "$T/doctype.xml" "$T/results.xml"
assert_grep 'doctype.xml' "$T/err"
sed 's/gpu-hours="800"/gpu-hours="lots"/' "$POLICY" >"$T/bad-policy.xml"
assert_exit 2 "$PACTAUDIT" allocate --ledger "$L" --policy "$T/bad-policy.xml" "$T/results.xml"
assert_grep 'bad-policy.xml:[0-9]*:' "$T/err"
sed 's/id="lrd_all_serial"/id="boost_usr_prod"/' "$POLICY" >"$T/dup-policy.xml"
assert_exit 2 "$PACTAUDIT" allocate --ledger "$L" --policy "$T/dup-policy.xml" "$T/results.xml"
assert_grep "a second partition 'boost_usr_prod'" "$T/err"
assert_exit 2 alloc "$POLICY"
assert_grep 'not a pactaudit results document' "$T/err"
: >"$T/empty.xml"
assert_exit 2 alloc "$T/empty.xml"
assert_grep 'empty.xml' "$T/err"
echo "allocate: ok"

#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# check --waivers, --ledger, --baseline, --write-baseline on real git
# dossiers and a real signed ledger: statuses and exit codes in every
# format, expiry, Art. 5 never waived, untrusted ledger records not
# applied, fingerprints that survive moved lines, malformed files, and
# the same results fresh and from the results cache.
. "$top_srcdir/tests/lib/testlib.sh"
set -e
pa_tmp
command -v git >/dev/null || pa_skip "git is not installed"
command -v gpg >/dev/null || pa_skip "gpg is not installed"
command -v xmllint >/dev/null || pa_skip "xmllint is not installed"
py=/usr/bin/python3
[ -x "$py" ] || pa_skip "python3 is not installed"
pa_gpg_home
ANN=$(pa_gpg_key "Ann Auditor")
MAL=$(pa_gpg_key "Mallory Outsider")

RULES="$top_srcdir/tests/fixtures/rules/check"
AS_OF=2026-11-27
pa_check_dossier error '/kind="risk-management"/d'
pa_check_dossier blocker 's/<use-case>research</<use-case>art5-1a</'

check() {
	"$PACTAUDIT" check --rules "$RULES" --as-of "$AS_OF" --no-cache "$@"
}
one_line() {
	[ "$(wc -l <"$T/err")" -eq 1 ] || pa_fail "expected one stderr line, got: $(cat "$T/err")"
	assert_grep "$1" "$T/err"
}
# json FILE PYTHON-EXPRESSION: the expression (over d, the loaded JSON) is true
json() {
	"$py" -c 'import json,sys; d=json.load(open(sys.argv[1])); sys.exit(0 if eval(sys.argv[2]) else 1)' "$1" "$2" ||
	    pa_fail "$2 is false for $1: $(head -c 3000 "$1")"
}

assert_exit 1 check --format xml -o "$T/error.xml" "$T/error"
RISK=$(xmllint --xpath "string(//*[local-name()='finding'][@rule='CHK-RISK']/@fingerprint)" "$T/error.xml")
assert_exit 1 check --format xml -o "$T/blocker.xml" "$T/blocker"
PROHIBITED=$(xmllint --xpath "string(//*[local-name()='finding'][@rule='CHK-PROHIBITED']/@fingerprint)" "$T/blocker.xml")
[ ${#RISK} -eq 64 ] && [ ${#PROHIBITED} -eq 64 ] || pa_fail "no fingerprints"

W="$T/waivers.json"
cat >"$W" <<EOF
{"pactaudit-waivers": 1, "waivers": [
  {"finding": "$RISK", "reason": "compensating-control", "until": "2027-06-30",
   "justification": "risk file kept by the host", "approver": "legal"},
  {"rule": "CHK-PROHIBITED", "reason": "accepted-risk", "until": "2027-06-30",
   "justification": "we disagree"}
]}
EOF

# --- a waivers file: the error is waived, self-declared, and no longer fails
assert_exit 0 check --waivers "$W" --format xml -o "$T/w.xml" "$T/error"
assert_xpath 1 "//r:finding[@rule='CHK-RISK'][@status='waived']/r:waiver[@state='applied'][@source='self-declared'][@origin='$W'][@id='$W:1'][@reason='compensating-control'][@until='2027-06-30'][@approver='legal'][r:justification='risk file kept by the host']" "$T/w.xml"
assert_xpath 1 "/r:results/r:verdict[.='eligible']" "$T/w.xml"
assert_xpath 0 "//r:finding[@rule='CHK-NOTE']/r:waiver" "$T/w.xml"
# the document is results pactaudit reads back
assert_exit 0 "$PACTAUDIT" report --format json -o "$T/w-report.json" "$T/w.xml"
json "$T/w-report.json" "[f for f in d['findings'] if f['rule']=='CHK-RISK'][0]['waiver']['reason']=='compensating-control'"

# every format shows the waiver, and the exit status is the same in each
assert_exit 0 check --waivers "$W" "$T/error"
assert_grep "CHK-RISK.*\[waived\]$" "$T/out"
assert_grep "^    waived: compensating-control until 2027-06-30, self-declared \(.*waivers.json:1\) by legal: risk file kept by the host$" "$T/out"
assert_grep "0 errors.* 1 waived, 0 baselined" "$T/out"
assert_exit 0 check --waivers "$W" --format json -o "$T/w.json" "$T/error"
json "$T/w.json" "[f for f in d['findings'] if f['rule']=='CHK-RISK'][0]['status']=='waived'"
json "$T/w.json" "[f for f in d['findings'] if f['rule']=='CHK-RISK'][0]['waiver']=={'state':'applied','applied':True,'source':'self-declared','origin':'$W','id':'$W:1','reason':'compensating-control','justification':'risk file kept by the host','until':'2027-06-30','approver':'legal','approver_name':None,'created':None,'problem':None}"
json "$T/w.json" "d['verdict']=='eligible' and d['baseline'] is None"
assert_exit 0 check --waivers "$W" --format sarif -o "$T/w.sarif" "$T/error"
json "$T/w.sarif" "[r for r in d['runs'][0]['results'] if r['ruleId']=='CHK-RISK'][0]['suppressions'][0]['kind']=='external'"
json "$T/w.sarif" "[r for r in d['runs'][0]['results'] if r['ruleId']=='CHK-RISK'][0]['suppressions'][0]['status']=='accepted'"
json "$T/w.sarif" "'risk file kept by the host' in [r for r in d['runs'][0]['results'] if r['ruleId']=='CHK-RISK'][0]['suppressions'][0]['justification']"
json "$T/w.sarif" "all('suppressions' not in r for r in d['runs'][0]['results'] if r['ruleId']!='CHK-RISK')"
schema="$top_srcdir/tests/fixtures/schemas/sarif-2.1.0-rtm.5.json"
if [ -f "$schema" ] && "$py" -c 'import jsonschema' 2>/dev/null; then
	"$py" -c 'import json,sys,jsonschema; jsonschema.validate(json.load(open(sys.argv[2])), json.load(open(sys.argv[1])))' \
	    "$schema" "$T/w.sarif" || pa_fail "the SARIF log with a suppression is not valid SARIF 2.1.0"
fi
assert_exit 0 check --waivers "$W" --format junit -o "$T/w-junit.xml" "$T/error"
assert_xpath 1 "/testsuites[@failures='0']" "$T/w-junit.xml"
assert_xpath 1 "//testcase[starts-with(@name,'CHK-RISK')]/skipped[starts-with(@message,'waived (compensating-control until 2027-06-30, self-declared)')]" "$T/w-junit.xml"
assert_xpath 1 "//testcase[starts-with(@name,'CHK-RISK')]/system-out[contains(.,'risk file kept by the host')]" "$T/w-junit.xml"
assert_exit 0 check --waivers "$W" --format tap "$T/error"
assert_grep "^ok [0-9]+ - CHK-RISK .* # SKIP waived \(compensating-control, self-declared\)$" "$T/out"
assert_grep '^  waiver_justification: "risk file kept by the host"$' "$T/out"
assert_no_grep "^not ok [0-9]+ - CHK-RISK" "$T/out"
for f in html md csv; do
	assert_exit 0 check --waivers "$W" --format "$f" -o "$T/w.$f" "$T/error"
	assert_grep "risk file kept by the host" "$T/w.$f"
	assert_grep "compensating-control" "$T/w.$f"
done
# without the file, every format fails again
for f in text json sarif junit tap xml; do
	assert_exit 1 check --format "$f" "$T/error"
done

# a waiver's own text is sanitised like a dossier's before any output
printf '{"pactaudit-waivers": 1, "waivers": [{"finding": "%s", "reason": "accepted-risk", "until": "2027-06-30", "justification": "ok\\u001b[2J\\u202eevil\\u0007", "approver": "a\\nb"}]}' \
    "$RISK" >"$T/hostile.json"
for f in text json xml md html csv junit tap sarif; do
	assert_exit 0 check --waivers "$T/hostile.json" --format "$f" -o "$T/h.$f" "$T/error"
	if LC_ALL=C grep -q "$(printf '\033\|\007')" "$T/h.$f" ||
	    grep -q "$(printf '\342\200\256')" "$T/h.$f"; then
		pa_fail "$f: a raw control character of the waiver reached the output"
	fi
done
assert_grep 'ok\\x1b\[2J\\u202eevil' "$T/h.text"
assert_exit 0 "$PACTAUDIT" report --format text "$T/h.xml"

# --- expired at the as-of date: open again, and says so
assert_exit 1 check --waivers "$W" --as-of 2027-07-01 --format xml -o "$T/expired.xml" "$T/error"
assert_xpath 1 "//r:finding[@rule='CHK-RISK'][@status='open']/r:waiver[@state='expired'][@until='2027-06-30']" "$T/expired.xml"
assert_xpath 1 "/r:results/r:verdict[.='needs-changes']" "$T/expired.xml"
assert_exit 1 check --waivers "$W" --as-of 2027-07-01 "$T/error"
assert_grep "^    waiver expired, open again: compensating-control until 2027-06-30" "$T/out"
assert_grep "1 error, .* 0 waived" "$T/out"
# the last day still holds
assert_exit 0 check --waivers "$W" --as-of 2027-06-30 "$T/error"

# --- Art. 5: a file cannot waive it
assert_exit 1 check --waivers "$W" --format xml -o "$T/art5.xml" "$T/blocker"
assert_xpath 1 "//r:finding[@rule='CHK-PROHIBITED'][@status='open'][@waivable='false']/r:waiver[@state='refused'][@reason='accepted-risk']" "$T/art5.xml"
assert_xpath 1 "/r:results/r:verdict[.='ineligible']" "$T/art5.xml"
assert_exit 1 check --waivers "$W" "$T/blocker"
assert_grep "^    waiver refused, this rule cannot be waived: accepted-risk" "$T/out"
assert_grep "1 blocker, .* 0 waived" "$T/out"
assert_exit 1 check --waivers "$W" --format json -o "$T/art5.json" "$T/blocker"
json "$T/art5.json" "[f for f in d['findings'] if f['rule']=='CHK-PROHIBITED'][0]['waiver']['state']=='refused'"
assert_exit 1 check --waivers "$W" --format sarif -o "$T/art5.sarif" "$T/blocker"
json "$T/art5.sarif" "all('suppressions' not in r for r in d['runs'][0]['results'])"

# --- the ledger: a waiver recorded by an auditor applies, signed and named
L="$T/ledger"
assert_exit 0 "$PACTAUDIT" ledger init --ledger "$L" --key "$ANN"
assert_exit 0 "$PACTAUDIT" waive "$T/error" --rules "$RULES" --as-of "$AS_OF" --no-cache \
    --ledger "$L" --key "$ANN" --finding "$RISK" --reason remediation-planned \
    --until 2027-03-31 --note "fix before the allocation"
WCOMMIT=$(git -C "$L" rev-parse main)
assert_exit 0 check --ledger "$L" --format xml -o "$T/l.xml" "$T/error"
[ ! -s "$T/err" ] || pa_fail "a trusted ledger gave warnings: $(cat "$T/err")"
assert_xpath 1 "//r:finding[@rule='CHK-RISK'][@status='waived']/r:waiver[@state='applied'][@source='ledger'][@id='$WCOMMIT'][@approver='$ANN'][@reason='remediation-planned'][@until='2027-03-31'][r:justification='fix before the allocation']" "$T/l.xml"
assert_exit 0 check --ledger "$L" "$T/error"
assert_grep "waived: remediation-planned until 2027-03-31, auditor's ledger \(.*ledger ${WCOMMIT%????????????????????????????}\) by .*Ann Auditor" "$T/out"
# the ledger's waiver names its dossier: it does not waive another one
cp -R "$T/error" "$T/error-copy"
assert_exit 1 check --ledger "$L" "$T/error-copy"
# the ledger's waiver expires too
assert_exit 1 check --ledger "$L" --as-of 2027-04-01 --format xml -o "$T/l-exp.xml" "$T/error"
assert_xpath 1 "//r:finding[@rule='CHK-RISK'][@status='open']/r:waiver[@state='expired'][@source='ledger']" "$T/l-exp.xml"
assert_exit 2 check --ledger "$T/no-ledger" "$T/error"
one_line "no ledger at .*no-ledger"

# --- a waiver signed by a key the ledger does not list: reported, not applied
L2="$T/ledger2"
assert_exit 0 "$PACTAUDIT" ledger init --ledger "$L2" --key "$ANN"
tip=$(git -C "$L2" rev-parse main)
tree=$(git -C "$L2" rev-parse "main^{tree}")
forged=$(printf 'waiver: CHK-RISK\n\n{"pactaudit-ledger":1,"type":"waiver","waiver":{"finding":"%s","reason":"accepted-risk","until":"2027-06-30","justification":"trust me"}}\n' \
    "$RISK" | git -C "$L2" -c user.name=Mallory -c user.email=m@example.org \
    commit-tree -S"$MAL" -p "$tip" "$tree")
git -C "$L2" update-ref refs/heads/main "$forged" "$tip"
assert_exit 1 check --ledger "$L2" --format xml -o "$T/l2.xml" "$T/error"
one_line "^pactaudit: warning: .*ledger2: 1 waiver not trusted, not applied"
assert_xpath 1 "//r:finding[@rule='CHK-RISK'][@status='open']/r:waiver[@state='untrusted'][@source='ledger'][@id='$forged'][string-length(@problem)>0][r:justification='trust me']" "$T/l2.xml"
assert_xpath 1 "/r:results/r:verdict[.='needs-changes']" "$T/l2.xml"
assert_exit 1 check --ledger "$L2" "$T/error"
assert_grep "^    waiver not applied, untrusted ledger record: accepted-risk" "$T/out"
# an untrusted record beside a trusted one: the trusted one applies
assert_exit 0 check --ledger "$L2" --waivers "$W" "$T/error"

# --- waive --rule --file: a waiver scoped to a file or a folder of the dossier
L3="$T/ledger3"
assert_exit 0 "$PACTAUDIT" ledger init --ledger "$L3" --key "$ANN"
waive3() {
	"$PACTAUDIT" waive "$T/error" --rules "$RULES" --as-of "$AS_OF" --no-cache \
	    --ledger "$L3" --key "$ANN" --rule CHK-RISK --reason accepted-risk \
	    --until 2027-03-31 --note "scoped" "$@"
}
n3=$(git -C "$L3" rev-list --count main)
for bad in ../application.xml /application.xml ./application.xml docs//x ''; do
	assert_exit 2 waive3 --file "$bad"
	assert_grep "not relative to the dossier" "$T/err"
done
assert_exit 2 "$PACTAUDIT" waive "$T/error" --rules "$RULES" --as-of "$AS_OF" --no-cache \
    --ledger "$L3" --key "$ANN" --finding "$RISK" --file application.xml \
    --reason accepted-risk --until 2027-03-31 --note n
assert_grep "file narrows --rule" "$T/err"
[ "$(git -C "$L3" rev-list --count main)" = "$n3" ] || pa_fail "a refused --file wrote to the ledger"
# a folder that does not hold the finding waives nothing
assert_exit 0 waive3 --file docs/
assert_grep "^recorded [0-9a-f]{40}: waiver of CHK-RISK on docs/ in " "$T/out"
git -C "$L3" log -1 --format=%B main >"$T/msg3"
assert_grep '"path":"docs/"' "$T/msg3"
assert_exit 1 check --ledger "$L3" --format xml -o "$T/l3.xml" "$T/error"
assert_xpath 1 "//r:finding[@rule='CHK-RISK'][@status='open']" "$T/l3.xml"
# the finding's own file does
assert_exit 0 waive3 --file application.xml
assert_exit 0 check --ledger "$L3" --format xml -o "$T/l3.xml" "$T/error"
assert_xpath 1 "//r:finding[@rule='CHK-RISK'][@status='waived']/r:waiver[@state='applied'][@source='ledger']" "$T/l3.xml"

# --- baselines: old findings are baselined, new ones count, fixed ones listed
B="$T/baseline.json"
assert_exit 1 check --write-baseline "$B" "$T/error"
json "$B" "d['pactaudit-baseline']==1 and d['as_of']=='$AS_OF'"
json "$B" "sorted(f['rule'] for f in d['findings'])==['CHK-NOTE','CHK-RISK']"
json "$B" "[f for f in d['findings'] if f['rule']=='CHK-RISK'][0]=={'fingerprint':'$RISK','rule':'CHK-RISK','severity':'error','path':'application.xml','anchor':'system[s1]','message':\"System 's1' has no risk-management documentation.\"}"
# the same findings make the same file
cp "$B" "$T/baseline-1.json"
assert_exit 1 check --write-baseline "$B" "$T/error"
cmp -s "$B" "$T/baseline-1.json" || pa_fail "the baseline of the same audit differs"
# lines inserted above the finding: still the baselined one
sed 's/<applicant>/<!-- one\n     two\n     three -->\n  <applicant>/' "$T/error/application.xml" >"$T/a" &&
    mv "$T/a" "$T/error/application.xml"
pa_git -C "$T/error" commit -q -a -m "comment on top"
assert_exit 0 check --baseline "$B" --format xml -o "$T/b.xml" "$T/error"
assert_xpath 1 "//r:finding[@rule='CHK-RISK'][@status='baselined'][@line='26']" "$T/b.xml"
assert_xpath 1 "/r:results/r:baseline[@file='$B'][not(r:fixed)]" "$T/b.xml"
assert_xpath 1 "/r:results/r:verdict[.='eligible']" "$T/b.xml"
for f in text json sarif junit tap; do
	assert_exit 0 check --baseline "$B" --format "$f" -o "$T/b.$f" "$T/error"
done
assert_grep "CHK-RISK.*\[baselined\]$" "$T/b.text"
assert_grep "0 errors, .* 0 info open; 0 needs review, 0 waived, 2 baselined" "$T/b.text"
json "$T/b.json" "[f for f in d['findings'] if f['rule']=='CHK-RISK'][0]['status']=='baselined' and d['baseline']['fixed']==[]"
json "$T/b.sarif" "[r for r in d['runs'][0]['results'] if r['ruleId']=='CHK-RISK'][0]['suppressions'][0]['justification']=='recorded in the baseline'"
assert_xpath 1 "//testcase[starts-with(@name,'CHK-RISK')]/skipped[@message='baselined']" "$T/b.junit"
assert_grep "^ok [0-9]+ - CHK-RISK .* # SKIP baselined$" "$T/b.tap"
# a new finding counts: a second system without risk documentation
sed 's|</application>|  <system id="s2"><name>S2</name><purpose>More.</purpose><role>provider</role><use-case>research</use-case><deployment>research-only</deployment><open-source>false</open-source></system>\n</application>|' \
    "$T/error/application.xml" >"$T/a" && mv "$T/a" "$T/error/application.xml"
pa_git -C "$T/error" commit -q -a -m "a second system"
assert_exit 1 check --baseline "$B" --format xml -o "$T/b2.xml" "$T/error"
assert_xpath 1 "//r:finding[@rule='CHK-RISK'][@anchor='system[s1]'][@status='baselined']" "$T/b2.xml"
assert_xpath 1 "//r:finding[@rule='CHK-RISK'][@anchor='system[s2]'][@status='open']" "$T/b2.xml"
# the old finding fixed: listed as fixed, in text, JSON and XML
sed 's|<model ref="models/m1"/>|<model ref="models/m1"/><documentation kind="risk-management" ref="docs/risk.md"/>|' \
    "$T/error/application.xml" >"$T/a" && mv "$T/a" "$T/error/application.xml"
pa_git -C "$T/error" commit -q -a -m "risk documented for s1"
assert_exit 1 check --baseline "$B" --format xml -o "$T/b3.xml" "$T/error"
assert_xpath 1 "/r:results/r:baseline/r:fixed[@rule='CHK-RISK'][@fingerprint='$RISK'][@severity='error'][@path='application.xml'][@anchor='system[s1]']" "$T/b3.xml"
assert_xpath 0 "//r:finding[@fingerprint='$RISK']" "$T/b3.xml"
assert_exit 1 check --baseline "$B" "$T/error"
assert_grep "^fixed since the baseline .*baseline.json:$" "$T/out"
assert_grep "^  application.xml: fixed: error \[CHK-RISK\] System 's1' has no risk-management documentation." "$T/out"
assert_exit 1 check --baseline "$B" --format json -o "$T/b3.json" "$T/error"
json "$T/b3.json" "[x['fingerprint'] for x in d['baseline']['fixed']]==['$RISK']"
# Art. 5 is never baselined
assert_exit 1 check --write-baseline "$T/b-art5.json" "$T/blocker"
assert_exit 1 check --baseline "$T/b-art5.json" --format xml -o "$T/b-art5.xml" "$T/blocker"
assert_xpath 1 "//r:finding[@rule='CHK-PROHIBITED'][@status='open']" "$T/b-art5.xml"
assert_xpath 1 "//r:finding[@rule='CHK-NOTE'][@status='baselined']" "$T/b-art5.xml"
# several dossiers: each entry names its dossier as given, and applies to it alone
assert_exit 1 check --write-baseline "$T/b-two.json" "$T/blocker" "$T/src-error"
json "$T/b-two.json" "sorted(set(f['dossier'] for f in d['findings']))==sorted(['$T/blocker','$T/src-error'])"
assert_exit 1 check --baseline "$T/b-two.json" --format xml -o "$T/b-two.xml" "$T/src-error" "$T/blocker"
assert_xpath 2 "//r:finding[@rule='CHK-NOTE'][@status='baselined']" "$T/b-two.xml"
assert_xpath 1 "//r:finding[@rule='CHK-RISK'][@status='baselined']" "$T/b-two.xml"
assert_xpath 1 "//r:finding[@rule='CHK-PROHIBITED'][@status='open']" "$T/b-two.xml"
assert_exit 0 check --baseline "$T/b-two.json" "$T/src-error"
assert_exit 1 check --baseline "$T/b-two.json" "$T/./src-error"

# --- malformed files: exit 2, one line naming the file, nothing audited
bad_file() {
	printf '%s' "$2" >"$T/bad"
	assert_exit 2 check "$1" "$T/bad" "$T/error"
	one_line "^pactaudit: .*$T/bad.*$3"
	[ ! -s "$T/out" ] || pa_fail "a malformed $1 still gave a report"
}
bad_file --waivers '{"pactaudit-waivers": 1, "waivers": [' ':1: '
bad_file --waivers '[]' 'not a waivers file'
bad_file --waivers '{"pactaudit-waivers": 1, "waivers": [{"rule": "X", "reason": "because", "until": "2027-01-01", "justification": "j"}]}' "reason 'because'"
bad_file --waivers '{"pactaudit-waivers": 1, "waivers": [{"rule": "X", "reason": "accepted-risk", "until": "2027-02-30", "justification": "j"}]}' 'until'
bad_file --waivers '{"pactaudit-waivers": 1, "waivers": [{"rule": "X", "reason": "accepted-risk", "until": "2027-01-01"}]}' 'justification'
bad_file --baseline '' ''
bad_file --baseline '{"pactaudit-baseline": 1, "findings": [' ':1: '
bad_file --baseline '{"pactaudit-baseline": 2, "findings": []}' 'version 2 is not known'
bad_file --baseline '{"findings": []}' 'not a baseline'
bad_file --baseline '{"pactaudit-baseline": 1, "findings": [{"rule": "X", "severity": "error"}]}' 'finding 1: no fingerprint'
bad_file --baseline "{\"pactaudit-baseline\": 1, \"findings\": [{\"fingerprint\": \"$RISK\", \"rule\": \"X\", \"severity\": \"fatal\"}]}" 'finding 1: severity'
bad_file --baseline "{\"pactaudit-baseline\": 1, \"findings\": [{\"fingerprint\": \"$RISK\", \"rule\": \"X\", \"severity\": \"error\", \"line\": 3}]}" "unknown key 'line'"
assert_exit 2 check --baseline "$T/missing.json" "$T/error"
one_line "missing.json"
assert_exit 2 check --waivers "$T/missing.json" "$T/error"
one_line "missing.json"
assert_exit 2 check --write-baseline "$T/no/such/dir/b.json" "$T/error"
one_line "no/such/dir"

# --- the results cache: cached and fresh results are amended alike
LOG="$T/log"
# cached OUT ARGS...: audit with the results cache, the log telling hits
cached() {
	out=$1
	shift
	: >"$LOG"
	set +e
	"$PACTAUDIT" --log "$LOG" check --rules "$RULES" --as-of "$AS_OF" --format xml -o "$out" "$@"
	rc=$?
	set -e
}
hit() {
	grep -q "from the cache" "$LOG" || pa_fail "$1: expected a cache hit"
}
for opts in "--waivers $W" "--baseline $T/baseline-1.json" "--ledger $L" \
    "--waivers $W --baseline $T/b-art5.json"; do
	for d in error blocker; do
		set +e
		# shellcheck disable=SC2086
		check $opts --format xml -o "$T/fresh.xml" "$T/$d" 2>/dev/null
		fresh=$?
		set -e
		# shellcheck disable=SC2086
		cached "$T/cold.xml" $opts "$T/$d" 2>/dev/null
		cold=$rc
		# shellcheck disable=SC2086
		cached "$T/warm.xml" $opts "$T/$d" 2>/dev/null
		hit "$opts $d"
		[ "$fresh" = "$cold" ] && [ "$cold" = "$rc" ] ||
		    pa_fail "$opts $d: exit $fresh fresh, $cold cold, $rc cached"
		for f in cold warm; do
			cmp -s "$T/fresh.xml" "$T/$f.xml" ||
			    { diff "$T/fresh.xml" "$T/$f.xml" >&2; pa_fail "$opts $d: $f results differ from fresh ones"; }
		done
	done
done
# a dossier cached before the waiver existed: the ledger's waiver applies to the cached results
git -C "$T/error" reset -q --hard HEAD~2
cached "$T/c1.xml" "$T/error"
[ "$rc" = 1 ] || pa_fail "the error dossier passed"
cached "$T/c2.xml" --ledger "$L" "$T/error"
hit "--ledger after a plain check"
[ "$rc" = 0 ] || pa_fail "the ledger's waiver did not apply to cached results"
assert_xpath 1 "//r:finding[@rule='CHK-RISK'][@status='waived']/r:waiver[@source='ledger']" "$T/c2.xml"
cached "$T/c3.xml" "$T/error"
hit "a plain check after --ledger"
cmp -s "$T/c1.xml" "$T/c3.xml" || pa_fail "a waiver leaked into the cached results"
# decide and waive audit through the same cache, and decide on the same results
: >"$LOG"
"$PACTAUDIT" --log "$LOG" decide "$T/error" --rules "$RULES" --as-of "$AS_OF" --ledger "$L" \
    --key "$ANN" --decision changes >"$T/out" 2>"$T/err" || pa_fail "decide failed: $(cat "$T/err")"
hit "decide"
"$PACTAUDIT" decide "$T/error" --rules "$RULES" --as-of "$AS_OF" --no-cache --ledger "$L" \
    --key "$ANN" --decision changes >"$T/out" 2>"$T/err" || pa_fail "decide failed: $(cat "$T/err")"
d1=$(git -C "$L" log -1 --format=%B main~1 | grep -o '"results-digest":"[0-9a-f]*"')
d2=$(git -C "$L" log -1 --format=%B main | grep -o '"results-digest":"[0-9a-f]*"')
[ -n "$d1" ] && [ "$d1" = "$d2" ] || pa_fail "decided on other results cached ($d1) than fresh ($d2)"
: >"$LOG"
"$PACTAUDIT" --log "$LOG" waive "$T/error" --rules "$RULES" --as-of "$AS_OF" --ledger "$L" \
    --key "$ANN" --rule CHK-NOTE --reason not-applicable --until 2027-01-01 --note "noted" \
    >"$T/out" 2>"$T/err" || pa_fail "waive failed: $(cat "$T/err")"
hit "waive"
echo "check-waivers: ok"

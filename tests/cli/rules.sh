#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# pactaudit rules list | show ID | lint [DIR]: output, formats and exit codes.
. "$top_srcdir/tests/lib/testlib.sh"
set -e
pa_tmp

FIX="$top_srcdir/tests/fixtures/rules"
rules() {
	"$PACTAUDIT" rules "$@"
}

# list: a header and one line per rule, in pack order
assert_exit 0 rules --rules "$FIX/good" list
assert_grep "^ID +SEVERITY +REF +FROM +TITLE" "$T/out"
assert_grep "^T-CL-PROHIBITED +blocker +Art\. 5\(1\)\(a\) +2025-02-02 +Prohibited practice" "$T/out"
assert_grep "^T-SIGNATURE +blocker +AI Pact commitment ai-governance-strategy +2024-09-25" "$T/out"
[ "$(wc -l <"$T/out")" -eq 16 ] || pa_fail "list: expected 16 lines"
[ "$(sed -n 2p "$T/out" | cut -d' ' -f1)" = "T-CL-PROHIBITED" ] || pa_fail "list: not in pack order"

# -o FILE: the same listing in the file, nothing on standard output
cp "$T/out" "$T/list.txt"
assert_exit 0 rules --rules "$FIX/good" list -o "$T/list-o.txt"
[ ! -s "$T/out" ] || pa_fail "rules list -o also wrote to standard output"
cmp -s "$T/list.txt" "$T/list-o.txt" || pa_fail "rules list -o wrote another listing"
assert_exit 0 rules --rules "$FIX/good" lint -o "$T/lint.txt"
assert_grep "15 rules in [0-9]+ packs, digest [0-9a-f]{64}" "$T/lint.txt"

# list as JSON
assert_exit 0 rules --rules "$FIX/good" --format json list
assert_grep '^\[' "$T/out"
assert_grep '"id": "T-HR-RISK", "pack": "test-obligations", "severity": "error"' "$T/out"
assert_grep '"applies_until": "2024-12-31"' "$T/out"
if command -v python3 >/dev/null 2>&1; then
	python3 -c 'import json, sys; d = json.load(open(sys.argv[1])); assert len(d) == 15' "$T/out" ||
	    pa_fail "list --format json is not the expected JSON"
fi

# show: everything, the XPath included
assert_exit 0 rules --rules "$FIX/good" show T-CL-SYSTEMIC
assert_grep "^id: +T-CL-SYSTEMIC" "$T/out"
assert_grep "^phase: +classify: gpai=systemic, also a finding" "$T/out"
assert_grep "^context: +e:application/e:system\[e:training\]" "$T/out"
assert_grep "^assert: +not\(pa:flop\(e:training/e:parameters, e:training/e:tokens\) >= pa:number\('1e25'\)\)" "$T/out"
assert_grep "^location: +e:training" "$T/out"
assert_grep "^message: +Training '\{@id\}' needs \{pa:flop" "$T/out"
assert_grep "^pack: +test-classify \(.*10-classify.xml:[0-9]+\)" "$T/out"
assert_exit 0 rules --rules "$FIX/good" show T-EXPIRED --format json
assert_grep '"assert": "false\(\)"' "$T/out"
assert_exit 2 rules --rules "$FIX/good" show NO-SUCH-RULE
assert_grep "^pactaudit: no rule 'NO-SUCH-RULE'" "$T/err"

# rules written positively: <fires-if>, <define> expanded, use-case= gives ref and date
assert_exit 0 rules --rules "$FIX/positive" show T-CL-PROHIBITED
assert_grep "^fires-if: +\(e:use-case\[\(pa:vocab\('use-cases', \., 'tier'\)\) = 'prohibited'\]\)$" "$T/out"
assert_grep "^ref: +Art\. 5\(1\)\(a\)$" "$T/out"
assert_grep "^applies: +from 2025-02-02$" "$T/out"
assert_grep "^phase: +classify: tier=prohibited, also a finding" "$T/out"
assert_exit 0 rules --rules "$FIX/positive" --format json show T-CL-PROHIBITED
assert_grep '"assert": null, "fires_if": "\(e:use-case' "$T/out"

# lint: 0 for a good folder, 2 and file:line for each problem
assert_exit 0 rules lint "$FIX/good"
assert_grep "15 rules in 2 packs" "$T/out"
assert_exit 2 rules lint "$FIX/broken-dup"
assert_grep "broken-dup/b.xml:4: duplicate rule id 'DUP-1' \(first at .*broken-dup/a.xml:4\)" "$T/out"
assert_grep "1 problem" "$T/err"
assert_exit 2 rules lint "$FIX/broken-schema"
assert_grep "broken-schema/pack.xml:4: does not match its schema" "$T/out"
assert_exit 2 rules lint "$FIX/broken-date"
assert_grep "broken-date/pack.xml:7: rule 'B-1': applies from '2025-02-30' is not a date" "$T/out"
assert_exit 2 rules lint "$FIX/broken-xpath"
assert_grep "broken-xpath/pack.xml:9: rule 'B-1': <assert> does not compile" "$T/out"
# every name an XPath tests must be in the evidence schema (rules/schema/evidence.rng)
assert_exit 2 rules lint "$FIX/broken-name-usecase"
assert_grep "broken-name-usecase/pack.xml:9: rule 'B-1': <assert>: e:usecase: the evidence has no such element" "$T/out"
assert_exit 2 rules lint "$FIX/broken-name-attr"
assert_grep "broken-name-attr/pack.xml:9: rule 'B-1': <assert>: @knd: the evidence has no such attribute" "$T/out"
assert_exit 2 rules lint "$FIX/broken-name-bare"
assert_grep "broken-name-bare/pack.xml:9: rule 'B-1': <assert>: use-case: an element name needs the prefix e:" "$T/out"
assert_exit 2 rules lint "$FIX/broken-xml"
assert_grep "broken-xml/pack.xml:[0-9]+: " "$T/out"
assert_exit 2 rules lint "$T/nothing"
assert_grep "nothing" "$T/err"
# lint reports every problem, not only the first
mkdir -p "$T/many"
cp "$FIX/broken-date/pack.xml" "$T/many/a.xml"
sed 's/id="broken"/id="other"/; s/B-1/B-2/; s/<assert>true()/<assert>pa:nope()/' \
    "$FIX/broken-date/pack.xml" >"$T/many/b.xml"
assert_exit 2 rules lint "$T/many"
assert_grep "a.xml:7: .*not a date" "$T/out"
assert_grep "b.xml:7: .*not a date" "$T/out"
assert_grep "b.xml:9: .*unknown extension function pa:nope\(\)" "$T/out"
# the checks across packs and vocabularies
assert_exit 2 rules lint "$FIX/broken-define"
assert_grep "broken-define/pack.xml:10: rule 'B-1': <applicable>: \\\$deployer: no <define" "$T/out"
assert_exit 2 rules lint "$FIX/broken-usecase-term"
assert_grep "use case 'art5-1ab' is not in rules/vocab/use-cases.xml" "$T/out"
assert_exit 2 rules lint "$FIX/broken-unclassified"
assert_grep "use case 'art5-1z' \(tier prohibited\) is classified by no rule" "$T/out"
# the shipped catalogue is valid
assert_exit 0 rules lint "$top_srcdir/rules"

# usage errors
assert_exit 2 rules
assert_exit 2 rules frobnicate
assert_exit 2 rules --rules "$FIX/good" show
assert_exit 2 rules --rules "$FIX/good" list extra
assert_exit 2 rules --format yaml --rules "$FIX/good" list
assert_exit 2 rules --rules "$FIX/broken-xpath" list
assert_grep "broken-xpath/pack.xml:9:" "$T/err"
echo "rules: ok"

#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# pactaudit diff: a dossier of the sample call changed after its signed
# submission (a signer's rights cut and a signer added in pact/signers.xml,
# a pledge dropped and one changed in pact/commitments.xml, a model card
# removed, unsigned commits), compared at two revisions and as two results
# files; every format; the exit status follows --fail-on; bad input exits 2.
. "$top_srcdir/tests/lib/testlib.sh"
set -e
pa_tmp
command -v gpg >/dev/null && command -v gpgconf >/dev/null || pa_skip "GnuPG is not installed"
command -v jq >/dev/null || pa_skip "jq is not installed"
C="$T/call"
mkdir -p "$T/tmp"
TMPDIR="$T/tmp" sh "$top_srcdir/examples/make-call.sh" "$C" >/dev/null 2>"$T/err" ||
    { cat "$T/err" >&2; pa_fail "make-call.sh failed"; }
D="$C/arkisto"
K="$C/keyring.asc"
ASOF=2027-12-02
OLD=$(sed -n 's/.*<signer fingerprint="\([0-9A-F]*\)".*/\1/p' "$D/pact/signers.xml")
[ ${#OLD} -eq 40 ] || pa_fail "no signer in arkisto's signers.xml"
NEW=0123456789ABCDEF0123456789ABCDEF01234567

# the changes, committed without a signature
sed -i 's/rights="commit pact tag signers"/rights="commit pact"/' "$D/pact/signers.xml"
sed -i "s|</signers>|  <signer fingerprint=\"$NEW\" name=\"Eero Mallikas\" email=\"eero@arkisto.example\" rights=\"commit\"/>\n</signers>|" \
    "$D/pact/signers.xml"
sed -i '/<pledge id="p-marking"/d; s/due="2026-06-30"/due="2027-06-30"/' "$D/pact/commitments.xml"
grep -q "$NEW" "$D/pact/signers.xml" && ! grep -q p-marking "$D/pact/commitments.xml" ||
    pa_fail "the test's edits did not apply"
pa_git -C "$D" commit -q -a -m "change signers and commitments"

pa() {
	"$PACTAUDIT" diff --keyring "$K" --as-of "$ASOF" "$@"
}

# --- two revisions, text ---------------------------------------------------------------
assert_exit 1 pa --rev submission --rev HEAD "$D"
cp "$T/out" "$T/rev.txt"
assert_grep '^signers: 2 change\(s\)$' "$T/rev.txt"
assert_grep "^  ~ $OLD \(Aino Virtanen\): commit pact tag signers -> commit pact$" "$T/rev.txt"
assert_grep "^  \+ $NEW \(Eero Mallikas\): commit$" "$T/rev.txt"
assert_grep '^commitments: 2 change\(s\)$' "$T/rev.txt"
assert_grep '^  - pledge p-marking \(Art. 50\(2\)\): We mark .* \(due 2026-09-15\)$' "$T/rev.txt"
assert_grep '^  ~ pledge p-transparency \(Art. 50\(1\)\): .*\(due 2026-06-30\) -> .*\(due 2027-06-30\)$' "$T/rev.txt"
assert_grep '^verdict: eligible -> (needs-changes|ineligible)$' "$T/rev.txt"
assert_grep '^findings: [1-9][0-9]* new, [0-9]+ fixed, [1-9][0-9]* unchanged' "$T/rev.txt"
assert_grep '^  \+ (blocker|error) ' "$T/rev.txt"
assert_grep '^tiers: 0 change\(s\)$' "$T/rev.txt"
# --fail-on none: never 1
assert_exit 0 pa --fail-on none --rev submission --rev HEAD "$D"
# the same revision twice: nothing new
assert_exit 0 pa --rev submission --rev submission "$D"
assert_grep '^findings: 0 new, 0 fixed, [1-9][0-9]* unchanged \(0 changed' "$T/out"
assert_grep '^signers: 0 change\(s\)$' "$T/out"

# --- two results files: the same facts ------------------------------------------------------
"$PACTAUDIT" check --keyring "$K" --as-of "$ASOF" --rev submission --format xml -o "$T/old.xml" "$D" || true
"$PACTAUDIT" check --keyring "$K" --as-of "$ASOF" --format xml -o "$T/new.xml" "$D" || true
assert_exit 1 pa "$T/old.xml" "$T/new.xml"
diff "$T/rev.txt" "$T/out" >&2 || pa_fail "results files and revisions differ"
# results files whose dossier is gone: findings still compared, signers not
mkdir -p "$T/gone"
sed "s|path=\"$D\"|path=\"$T/no-such-dossier\"|" "$T/old.xml" >"$T/gone/old.xml"
sed "s|path=\"$D\"|path=\"$T/no-such-dossier\"|" "$T/new.xml" >"$T/gone/new.xml"
assert_exit 1 pa "$T/gone/old.xml" "$T/gone/new.xml"
assert_grep '^signers: not compared' "$T/out"
assert_grep '^findings: [1-9][0-9]* new, [0-9]+ fixed' "$T/out"

# --- JSON, Markdown, HTML ----------------------------------------------------------------------
assert_exit 1 pa --format json --rev submission --rev HEAD "$D"
jq -e --arg old "$OLD" --arg new "$NEW" '
    .old.verdict == "eligible" and .new.verdict != "eligible"
    and .counts.new == ([.findings[] | select(.change == "new")] | length) and .failing > 0
    and ([.signers[] | select(.change == "changed" and .key == $old and .new == "commit pact")] | length) == 1
    and ([.signers[] | select(.change == "added" and .key == $new)] | length) == 1
    and ([.commitments[] | select(.change == "removed" and .key == "pledge p-marking")] | length) == 1
    and .tiers == []' "$T/out" >/dev/null || { cat "$T/out" >&2; pa_fail "JSON diff"; }
assert_exit 1 pa --format md --rev submission --rev HEAD "$D"
assert_grep '^## pactaudit diff$' "$T/out"
assert_grep '^Verdict: eligible → (needs-changes|ineligible)$' "$T/out"
assert_grep '^- removed pledge p-marking' "$T/out"
assert_grep '^\| new \| (blocker|error) \| ' "$T/out"
assert_exit 1 pa --format html -o "$T/diff.html" --rev submission --rev HEAD "$D"
assert_grep "default-src 'none'" "$T/diff.html"
assert_no_grep '<script|src=|<link|url\(' "$T/diff.html"
assert_grep "$NEW" "$T/diff.html"

# --- a hostile message is escaped --------------------------------------------------------------
sed 's|</message>| \&lt;img src=x onerror=alert(1)\&gt; [x](javascript:y) \&#x202e;evil</message>|' \
    "$T/new.xml" >"$T/evil.xml"
# the verdict must still follow from the findings; only messages changed
assert_exit 1 pa --format html "$T/old.xml" "$T/evil.xml"
assert_grep '&lt;img src=x onerror=alert\(1\)&gt;' "$T/out"
assert_no_grep '<img' "$T/out"
assert_exit 1 pa --format md "$T/old.xml" "$T/evil.xml"
assert_grep '\\<img src=x onerror=alert\(1\)\\> \\\[x\\\]\(javascript:y\)' "$T/out"
assert_exit 1 pa "$T/old.xml" "$T/evil.xml"
if grep -q "$(printf '\342\200\256')" "$T/out"; then pa_fail "a BiDi override reached the terminal"; fi
assert_grep '\\u202e' "$T/out"

# --- bad input: exit 2, one line -----------------------------------------------------------------
assert_exit 2 pa "$T/old.xml"
assert_grep 'name two results files' "$T/err"
assert_exit 2 pa --rev submission "$D"
assert_grep 'rev given twice' "$T/err"
assert_exit 2 pa --rev a --rev b --rev c "$D"
assert_exit 2 pa --format pdf "$T/old.xml" "$T/new.xml"
assert_grep "unknown --format 'pdf'" "$T/err"
assert_exit 2 pa "$D" "$T/new.xml"
assert_grep 'is not a results file' "$T/err"
: >"$T/empty.xml"
assert_exit 2 pa "$T/empty.xml" "$T/new.xml"
assert_grep 'empty.xml' "$T/err"
"$PACTAUDIT" check --keyring "$K" --as-of "$ASOF" --format xml -o "$T/set.xml" "$D" "$C/voxara" || true
assert_exit 2 pa "$T/set.xml" "$T/new.xml"
assert_grep 'holds 2 dossiers' "$T/err"
assert_exit 2 pa --rev submission --rev no-such-rev "$D"
[ "$(wc -l <"$T/err")" -eq 1 ] || { cat "$T/err" >&2; pa_fail "more than one line for a bad revision"; }
assert_grep 'no-such-rev' "$T/err"
echo "diff: ok"

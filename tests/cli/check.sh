#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# pactaudit check: findings, verdict, tiers, --as-of, exit codes 0/1/2 and --fail-on, on real git dossiers.
. "$top_srcdir/tests/lib/testlib.sh"
set -e
pa_tmp
command -v git >/dev/null || pa_skip "git is not installed"
command -v xmllint >/dev/null || pa_skip "xmllint is not installed"

RULES="$top_srcdir/tests/fixtures/rules/check"
SRC="$top_srcdir/tests/fixtures/rules/dossier"
AS_OF=2026-11-27

# dossier NAME SED-SCRIPT: a git dossier made from the fixture, application.xml edited
dossier() {
	mkdir -p "$T/src-$1"
	cp -R "$SRC"/. "$T/src-$1"/
	sed "$2" "$SRC/application.xml" >"$T/src-$1/application.xml"
	pa_repo "$T/$1" "$T/src-$1"
}

check() {
	"$PACTAUDIT" check --rules "$RULES" --as-of "$AS_OF" --no-cache "$@"
}

dossier clean ''
dossier error '/kind="risk-management"/d'
dossier blocker 's/<use-case>research</<use-case>art5-1a</'
dossier warning ''
sed 's/^license: .*/license: other/' "$T/warning/models/m1/README.md" >"$T/card" &&
    mv "$T/card" "$T/warning/models/m1/README.md"
pa_git -C "$T/warning" commit -q -a -m "licence other"

# --- a clean dossier: only info; exit 0 at every threshold but info
assert_exit 0 check --format xml -o "$T/clean.xml" "$T/clean"
[ ! -s "$T/out" ] || pa_fail "-o FILE still wrote to standard output"
[ ! -s "$T/err" ] || pa_fail "a clean check wrote to stderr: $(cat "$T/err")"
assert_xpath 1 "/r:results/r:verdict[.='eligible']" "$T/clean.xml"
assert_xpath 1 "/r:results/r:as-of[.='$AS_OF']" "$T/clean.xml"
assert_xpath 1 "/r:results/r:dossier[@mode='git'][string-length(@commit)=40]" "$T/clean.xml"
assert_xpath 1 "/r:results/r:rules[@version='1.0'][string-length(@digest)=64]" "$T/clean.xml"
assert_xpath 1 "/r:results/r:system[@id='s1'][@tier='minimal']" "$T/clean.xml"
assert_xpath 1 "/r:results/r:model[@id='m1'][@gpai='none']" "$T/clean.xml"
assert_xpath 1 "//r:finding[@rule='CHK-NOTE'][@severity='info'][@status='open']" "$T/clean.xml"
# not yet in force: info, with its date
assert_xpath 1 "//r:finding[@rule='CHK-LATER'][@severity='info'][@in-force='false'][@applies-from='2030-01-01']" "$T/clean.xml"
assert_xpath 2 "//r:finding" "$T/clean.xml"
assert_exit 0 check --fail-on warning "$T/clean"
assert_exit 1 check --fail-on info "$T/clean"
assert_exit 0 check --fail-on none "$T/clean"
# from 2030 the obligation is in force and an error
assert_exit 1 check --as-of 2030-01-01 --format xml -o "$T/2030.xml" "$T/clean"
assert_xpath 1 "//r:finding[@rule='CHK-LATER'][@severity='error'][not(@in-force)]" "$T/2030.xml"
assert_xpath 1 "/r:results/r:verdict[.='needs-changes']" "$T/2030.xml"

# --- a warning: exit 0 by default, 1 with --fail-on warning
assert_exit 0 check --format xml -o "$T/warning.xml" "$T/warning"
assert_xpath 1 "//r:finding[@rule='CHK-LICENSE'][@severity='warning'][@path='models/m1/README.md'][@line='2'][@anchor='license']" "$T/warning.xml"
assert_exit 1 check --fail-on warning "$T/warning"
assert_exit 0 check --fail-on error "$T/warning"

# --- an error: exit 1 by default, 0 with --fail-on blocker
assert_exit 1 check --format xml -o "$T/error.xml" "$T/error"
assert_xpath 1 "//r:finding[@rule='CHK-RISK'][@severity='error'][@status='open'][@path='application.xml'][@line='23'][@anchor='system[s1]'][@ref='Art. 9']" "$T/error.xml"
assert_xpath 1 "/r:results/r:verdict[.='needs-changes']" "$T/error.xml"
assert_exit 0 check --fail-on blocker "$T/error"
assert_exit 0 check --fail-on none "$T/error"

# --- a blocker: classified prohibited, ineligible
assert_exit 1 check --format xml -o "$T/blocker.xml" "$T/blocker"
assert_xpath 1 "/r:results/r:system[@id='s1'][@tier='prohibited']" "$T/blocker.xml"
assert_xpath 1 "//r:finding[@rule='CHK-PROHIBITED'][@severity='blocker'][@waivable='false'][@line='27'][@anchor='system[s1]/use-case[art5-1a]'][@ref='Art. 5(1)(a)']" "$T/blocker.xml"
assert_xpath 1 "/r:results/r:verdict[.='ineligible']" "$T/blocker.xml"
assert_exit 1 check --fail-on blocker "$T/blocker"
# before Art. 5 applies the same dossier is only informed
assert_exit 0 check --as-of 2025-01-01 --format xml -o "$T/early.xml" "$T/blocker"
assert_xpath 1 "//r:finding[@rule='CHK-PROHIBITED'][@severity='info'][@in-force='false']" "$T/early.xml"

# --- the fingerprint ignores lines: insert lines above the finding
cp "$T/error.xml" "$T/error-before.xml"
sed 's/<applicant>/<!-- one\n     two\n     three -->\n  <applicant>/' "$T/error/application.xml" >"$T/a" &&
    mv "$T/a" "$T/error/application.xml"
pa_git -C "$T/error" commit -q -a -m "comment on top"
assert_exit 1 check --format xml -o "$T/error-after.xml" "$T/error"
assert_xpath 1 "//r:finding[@rule='CHK-RISK'][@line='26']" "$T/error-after.xml"
fp1=$(xmllint --xpath "string(//*[local-name()='finding'][@rule='CHK-RISK']/@fingerprint)" "$T/error-before.xml")
fp2=$(xmllint --xpath "string(//*[local-name()='finding'][@rule='CHK-RISK']/@fingerprint)" "$T/error-after.xml")
[ -n "$fp1" ] && [ "$fp1" = "$fp2" ] || pa_fail "fingerprint changed when lines moved: $fp1 / $fp2"

# --- a malformed model card is a finding; the rest is still audited
dossier malformed '/kind="risk-management"/d'
mkdir -p "$T/malformed/models/bad"
printf -- '---\nlicense: [unclosed\n---\n# Bad\n' >"$T/malformed/models/bad/README.md"
pa_git -C "$T/malformed" add -A
pa_git -C "$T/malformed" commit -q -m "a broken card"
assert_exit 1 check --format xml -o "$T/malformed.xml" "$T/malformed"
assert_xpath 1 "//r:finding[@rule='CHK-INPUT'][@path='models/bad/README.md'][@severity='error']" "$T/malformed.xml"
assert_xpath 1 "//r:finding[@rule='CHK-RISK']" "$T/malformed.xml"
assert_xpath 1 "/r:results/r:model[@id='m1']" "$T/malformed.xml"

# --- a plain folder (no git) and --worktree are audited too
assert_exit 1 check --format xml -o "$T/folder.xml" "$T/src-error"
assert_xpath 1 "/r:results/r:dossier[@mode='folder']" "$T/folder.xml"
assert_exit 0 check --worktree --format xml -o "$T/wt.xml" "$T/clean"
assert_xpath 1 "/r:results/r:dossier[@mode='worktree']" "$T/wt.xml"
# the default dossier is the current folder
(cd "$T/clean" && assert_exit 0 check --format xml)
assert_xpath 1 "/r:results/r:dossier[@mode='git']" "$T/out"

# --- exit 2: one clear line on stderr
one_line() {
	[ "$(wc -l <"$T/err")" -eq 1 ] || pa_fail "expected one stderr line, got: $(cat "$T/err")"
	assert_grep "$1" "$T/err"
}
assert_exit 2 check "$T/no-such-dossier"
one_line "^pactaudit: .*no-such-dossier"
assert_exit 2 check --rev no-such-rev "$T/clean"
assert_grep "no-such-rev" "$T/err"
assert_exit 2 check --fail-on fatal "$T/clean"
assert_grep "fail-on" "$T/err"
assert_exit 2 check --as-of 2026-02-30 "$T/clean"
assert_grep "2026-02-30" "$T/err"
assert_exit 2 check --format yaml "$T/clean"
assert_grep "yaml" "$T/err"
assert_exit 2 check -j 0 "$T/clean"
assert_exit 2 check --rev HEAD --worktree "$T/clean"
assert_exit 2 check --bogus "$T/clean"
assert_exit 2 "$PACTAUDIT" check --rules "$top_srcdir/tests/fixtures/rules/broken-xpath" "$T/clean"
one_line "^pactaudit: .*tests/fixtures/rules/broken-xpath/pack.xml:9: rule 'B-1': <assert> does not compile"
assert_exit 2 "$PACTAUDIT" check --rules "$T/no-rules-here" "$T/clean"
one_line "no-rules-here"

# --- several dossiers: one cannot be audited, the others are still reported
assert_exit 2 check --format xml -o "$T/several.xml" "$T/clean" "$T/missing" "$T/error"
one_line "missing"
assert_xpath 2 "//r:results" "$T/several.xml"
assert_xpath 1 "//r:results[r:verdict='needs-changes']//r:finding[@rule='CHK-RISK']" "$T/several.xml"

# --- text output names file:line and the rule
assert_exit 1 check "$T/error"
assert_grep "application.xml:26" "$T/out"
assert_grep "CHK-RISK" "$T/out"
echo "check: ok"

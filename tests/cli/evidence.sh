#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# pactaudit evidence on a plain folder: the document, -o, usage and errors.
. "$top_srcdir/tests/lib/testlib.sh"
set -e
pa_tmp
command -v xmllint >/dev/null || pa_skip "xmllint is not installed"

D="$T/dossier"
pa_copy "$top_srcdir/tests/fixtures/dossier/good" "$D"

# --- a folder dossier: the whole document ---------------------------------
assert_exit 0 "$PACTAUDIT" evidence --as-of 2027-03-01 "$D"
cp "$T/out" "$T/ev.xml"
[ ! -s "$T/err" ] || pa_fail "unexpected stderr: $(cat "$T/err")"
xmllint --noout "$T/ev.xml" || pa_fail "output is not well-formed XML"
assert_grep '^  <dossier ' "$T/ev.xml"		# indented
assert_xpath 1 "/e:evidence[@version='1']" "$T/ev.xml"
assert_xpath 1 "/e:evidence/e:dossier[@mode='folder'][@as-of='2027-03-01']" "$T/ev.xml"
assert_xpath 6 "/e:evidence/e:files/e:file" "$T/ev.xml"
assert_xpath 1 "/e:evidence/e:files[@count='6']" "$T/ev.xml"
assert_xpath 0 "//e:diag" "$T/ev.xml"
assert_xpath 1 "/e:evidence/e:application[@valid='true'][@src='application.xml']" "$T/ev.xml"
assert_xpath 1 "//e:application/e:system[@id='cv-screen']/e:use-case[.='annex3-4a'][@line='31']" "$T/ev.xml"
assert_xpath 1 "/e:evidence/e:model[@id='acme-rank']" "$T/ev.xml"
assert_xpath 1 "/e:evidence/e:dataset[@id='cv-corpus']" "$T/ev.xml"
assert_xpath 2 "/e:evidence/e:doc[@path='docs/risk.md']/e:section" "$T/ev.xml"
assert_xpath 3 "/e:evidence/e:pact[@valid='true']/e:core" "$T/ev.xml"
assert_xpath 1 "/e:evidence/e:signers/e:signer[@rights='commit pact tag signers']" "$T/ev.xml"
# every element read from a dossier file says where it came from
assert_xpath 0 "/e:evidence/*[self::e:application or self::e:model or self::e:dataset or self::e:doc or self::e:pact or self::e:signers]/descendant-or-self::*[not(@src) or not(@line)]" "$T/ev.xml"

# --- -o FILE ----------------------------------------------------------------
assert_exit 0 "$PACTAUDIT" evidence --as-of 2027-03-01 -o "$T/written.xml" "$D"
[ ! -s "$T/out" ] || pa_fail "-o also wrote to standard output"
cmp -s "$T/written.xml" "$T/ev.xml" || pa_fail "-o FILE differs from standard output"
assert_exit 0 "$PACTAUDIT" evidence --as-of 2027-03-01 --output - "$D"
cmp -s "$T/out" "$T/ev.xml" || pa_fail "--output - differs from standard output"

# --- usage and errors: exit 2, one clear line -------------------------------
assert_exit 0 "$PACTAUDIT" evidence --help
assert_grep '^usage: pactaudit evidence DOSSIER' "$T/out"
assert_exit 2 "$PACTAUDIT" evidence
assert_grep 'which dossier' "$T/err"
assert_exit 2 "$PACTAUDIT" evidence "$D" "$D"
assert_exit 2 "$PACTAUDIT" evidence --as-of 2027-02-30 "$D"
assert_grep "invalid date '2027-02-30'" "$T/err"
# --as-of is a real day from 1970-01-01 on, exactly YYYY-MM-DD (check and evidence alike)
for bad in 2027-02-29 1969-12-31 2027-1-01 2027-01-1 2027-01-01x 27-01-01 2027-00-01 \
    2027-13-01 2027-04-31 2027-01-01T00:00:00Z ""; do
	for cmd in evidence check; do
		assert_exit 2 "$PACTAUDIT" $cmd --as-of "$bad" "$D"
		assert_grep "^pactaudit $cmd: --as-of: invalid date '$bad' \\(expected YYYY-MM-DD\\)\$" "$T/err"
		[ ! -s "$T/out" ] || pa_fail "$cmd --as-of '$bad' wrote output"
	done
done
for good in 1970-01-01 2028-02-29 9999-12-31; do
	assert_exit 0 "$PACTAUDIT" evidence --as-of "$good" "$D"
	assert_xpath 1 "/e:evidence/e:dossier[@as-of='$good']" "$T/out"
done
assert_exit 2 "$PACTAUDIT" evidence --rev HEAD --worktree "$D"
assert_exit 2 "$PACTAUDIT" evidence --bogus "$D"
assert_exit 2 "$PACTAUDIT" evidence "$T/missing"
[ "$(wc -l <"$T/err")" -eq 1 ] || pa_fail "expected one line on stderr, got: $(cat "$T/err")"
assert_grep "^pactaudit: no such folder: $T/missing\$" "$T/err"
[ ! -s "$T/out" ] || pa_fail "output written although the dossier is missing"
assert_exit 2 "$PACTAUDIT" evidence "$D/application.xml"
assert_grep 'is not a folder' "$T/err"
assert_exit 2 "$PACTAUDIT" evidence --rev HEAD "$D"
assert_grep 'is not a git repository' "$T/err"
assert_exit 2 "$PACTAUDIT" evidence -o "$T/no/such/dir/out.xml" "$D"
[ "$(wc -l <"$T/err")" -eq 1 ] || pa_fail "expected one line on stderr, got: $(cat "$T/err")"

echo "evidence: ok"

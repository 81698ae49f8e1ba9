#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# pactaudit check -j N: several dossiers in parallel give the same output, in argument order, as one at a time.
. "$top_srcdir/tests/lib/testlib.sh"
set -e
pa_tmp
command -v git >/dev/null || pa_skip "git is not installed"
command -v xmllint >/dev/null || pa_skip "xmllint is not installed"

RULES="$top_srcdir/tests/fixtures/rules/check"
SRC="$top_srcdir/tests/fixtures/rules/dossier"

i=0
for edit in '' '/kind="risk-management"/d' 's/<use-case>research</<use-case>art5-1a</' \
    's/id="s1"/id="second"/' '/kind="risk-management"/d' ''; do
	i=$((i + 1))
	mkdir -p "$T/src$i"
	cp -R "$SRC"/. "$T/src$i"/
	sed "$edit" "$SRC/application.xml" >"$T/src$i/application.xml"
	pa_repo "$T/d$i" "$T/src$i"
done
dossiers="$T/d1 $T/d2 $T/d3 $T/d4 $T/d5 $T/d6"

run() {
	# shellcheck disable=SC2086
	"$PACTAUDIT" check --rules "$RULES" --as-of 2026-11-27 --no-cache "$@" $dossiers
}

for format in xml json text; do
	assert_exit 1 run -j 1 --format "$format"
	cp "$T/out" "$T/j1.$format"
	assert_exit 1 run -j 2 --format "$format"
	cmp -s "$T/out" "$T/j1.$format" || pa_fail "-j 2 differs from -j 1 ($format)"
	assert_exit 1 run -j 4 --format "$format"
	cmp -s "$T/out" "$T/j1.$format" || pa_fail "-j 4 differs from -j 1 ($format)"
done

# argument order is kept: the third dossier is the prohibited one
assert_xpath 6 "//r:results" "$T/j1.xml"
assert_xpath 1 "(//r:results)[3]/r:system[@tier='prohibited']" "$T/j1.xml"
assert_xpath 1 "(//r:results)[4]/r:system[@id='second']" "$T/j1.xml"
assert_xpath 2 "//r:results[r:verdict='needs-changes']" "$T/j1.xml"

# a dossier that cannot be read: exit 2 with -j too, the rest reported
assert_exit 2 "$PACTAUDIT" check --rules "$RULES" --as-of 2026-11-27 -j 2 --format xml \
    "$T/d1" "$T/nope" "$T/d2"
assert_xpath 2 "//r:results" "$T/out"
assert_grep "nope" "$T/err"
echo "check-jobs: ok"

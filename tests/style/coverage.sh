#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# man/pactaudit-coverage.7 and man/pactaudit-vocabulary.7 are what scripts/gen-coverage.sh
# makes of the current rule packs, every rule citing the AI Act names a listed provision,
# and rules/local.mk installs every pack, vocabulary and data table.
set -u
top="${top_srcdir:-$(cd "$(dirname "$0")/../.." && pwd)}"
command -v xsltproc >/dev/null 2>&1 || { echo "SKIP: xsltproc not installed" >&2; exit 77; }
T=$(mktemp -d "${TMPDIR:-/tmp}/pa-coverage.XXXXXX")
trap 'rm -rf "$T"' EXIT
fail=0
sh "$top/scripts/gen-coverage.sh" "$top" "$T" || { echo "coverage: scripts/gen-coverage.sh failed" >&2; exit 1; }
for page in pactaudit-coverage.7 pactaudit-vocabulary.7; do
	if ! cmp -s "$T/$page" "$top/man/$page"; then
		echo "coverage: man/$page is stale; run scripts/gen-coverage.sh and commit it:" >&2
		diff -u "$top/man/$page" "$T/$page" | head -n 40 >&2
		fail=1
	fi
done
packs=$(for f in "$top"/rules/*.xml; do printf '%s ' "$f"; done)
unlisted=$(xsltproc --nonet --stringparam page unlisted --stringparam packs "$packs" \
    "$top/rules/coverage.xsl" "$top/rules/vocab/provisions.xml")
if [ -n "$unlisted" ]; then
	echo "coverage: rules citing a provision missing from rules/vocab/provisions.xml:" $unlisted >&2
	fail=1
fi
# every pack, vocabulary and data table is installed (listed in rules/local.mk)
for f in "$top"/rules/*.xml "$top"/rules/vocab/*.xml "$top"/rules/data/*.xml "$top"/rules/coverage.xsl; do
	rel=${f#"$top"/}
	grep -qE "^nobase_dist_pkgdata_DATA \+= $rel\$" "$top/rules/local.mk" ||
	    { echo "coverage: $rel is not installed: add it to rules/local.mk" >&2; fail=1; }
done
[ "$fail" -eq 0 ] && echo "coverage: ok"
exit "$fail"

#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# pactaudit-application(5) lists every use-case and documentation-kind id of
# the vocabularies the rules use, and no other.
. "$top_srcdir/tests/lib/testlib.sh"
set -e
pa_tmp
command -v xmllint >/dev/null || pa_skip "xmllint is not installed"

page="$top_srcdir/man/pactaudit-application.5"
for v in use-cases doc-kinds; do
	xmllint --xpath '//*[local-name()="term"]/@id' "$top_srcdir/rules/vocab/$v.xml" |
	    sed 's/ *id="\([^"]*\)"/\1\n/g' | sed '/^$/d' >>"$T/ids"
done
sort "$T/ids" >"$T/vocab"
sed -n 's/^\.It Li \([a-z0-9-]*\)$/\1/p' "$page" | sort >"$T/page"
[ -s "$T/vocab" ] || pa_fail "no vocabulary ids found"
if ! cmp -s "$T/vocab" "$T/page"; then
	diff "$T/vocab" "$T/page" >&2 || true
	pa_fail "pactaudit-application(5) and rules/vocab disagree (< vocabulary only, > page only)"
fi
echo "evidence-man: $(wc -l <"$T/vocab") ids documented"

#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Every renderer is linear in the findings (no timed test: the structure).
#  - The report stylesheets never look from one node back across its
#    siblings or the whole document in an XPath expression: no '..' step
#    into a sibling (../x), no descendant search (//), no preceding or
#    following axis.  Groups and lookups go through xsl:key.
#  - The SARIF writer finds a rule's index through a hash table
#    (map_slot()), never by scanning the rules array per result.
set -u
top="${top_srcdir:-$(dirname "$0")/../..}"
fail=0

bad() {
	echo "linear: $*" >&2
	fail=1
}

for f in "$top"/reports/*.xsl; do
	# the XPath of select=, test=, use=, match= attributes, one per line,
	# without its string literals
	exprs=$(grep -oE '(select|test|use|match)="[^"]*"' "$f" | sed "s/'[^']*'//g")
	hits=$(printf '%s\n' "$exprs" | grep -nE '\.\./|//|preceding|following') &&
	    bad "$(basename "$f") looks across nodes: $hits"
done
grep -q '<xsl:key name="by-rule"' "$top/reports/html.xsl" ||
    bad "html.xsl groups rules without xsl:key"

s="$top/src/render/sarif.c"
body=$(sed -n '/^rule_index(/,/^}/p' "$s")
[ -n "$body" ] || bad "no rule_index() in $s"
printf '%s\n' "$body" | grep -qE '\b(for|while)[[:space:]]*\(' &&
    bad "rule_index() in $s loops (a scan of the rules per result)"
printf '%s\n' "$body" | grep -q 'map_slot(m, f->rule)' ||
    bad "rule_index() in $s does not look the rule up in its index"
exit $fail

#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Audit one example call with several builds of pactaudit and compare the
# results XML: the check that a change meant to keep behaviour kept it.
#
#   bench/compare-call.sh [-a DATE] [-w DIR] LABEL=TREE[:BINARY] LABEL=TREE[:BINARY]...
#
# TREE is a checkout (its rules are used: PACTAUDIT_DATADIR=TREE); BINARY
# defaults to TREE/_build/src/pactaudit.  The call is made once, by the
# first TREE's examples/make-call.sh, and each build audits that same call
# as the quick start does (--rev submission, --as-of DATE, default
# 2027-12-02) with --format xml and --no-cache.  The results are written
# to DIR/LABEL.xml (DIR: a new temporary folder, kept), flattened to one
# line per element of each dossier's results in DIR/LABEL.flat with only
# what must differ between builds replaced by '*' (the tool's version, the
# rules' version and digest), and each build is diffed against the one
# before it.  Exits 0 when every flattened result and exit status is the
# same, 1 when one differs, 2 on an error.
set -eu

asof=2027-12-02
work=
usage() {
	echo "usage: $0 [-a DATE] [-w DIR] LABEL=TREE[:BINARY] LABEL=TREE[:BINARY]..." >&2
	exit 2
}
while getopts a:w: opt; do
	case $opt in
	a) asof=$OPTARG ;;
	w) work=$OPTARG ;;
	*) usage ;;
	esac
done
shift $((OPTIND - 1))
[ $# -ge 2 ] || usage
command -v xsltproc >/dev/null 2>&1 || { echo "$0: xsltproc is needed" >&2; exit 2; }

# LABEL=TREE[:BINARY] -> label tree bin
split() {
	label=${1%%=*}
	rest=${1#*=}
	if [ -z "$label" ] || [ "$label" = "$1" ]; then
		usage
	fi
	case $rest in
	*:*) tree=${rest%%:*} bin=${rest#*:} ;;
	*) tree=$rest bin=$rest/_build/src/pactaudit ;;
	esac
	[ -d "$tree/rules" ] || { echo "$0: $tree has no rules folder" >&2; exit 2; }
	[ -x "$bin" ] || { echo "$0: $bin is not an executable" >&2; exit 2; }
}

for arg in "$@"; do
	split "$arg"
done

if [ -n "$work" ]; then
	mkdir -p "$work"
else
	work=$(mktemp -d "${TMPDIR:-/tmp}/pa-compare-call.XXXXXX")
fi
work=$(cd "$work" && pwd)

cat >"$work/flat.xsl" <<'EOF'
<?xml version="1.0"?>
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:r="urn:pactaudit:results:1">
  <xsl:output method="text" encoding="UTF-8"/>
  <xsl:template match="/">
    <xsl:apply-templates select="//r:results/*"/>
  </xsl:template>
  <xsl:template match="@*">
    <xsl:value-of select="concat(' ', name(), '=&quot;')"/>
    <xsl:choose>
      <xsl:when test="(local-name(..) = 'rules' and (name() = 'digest' or name() = 'version')) or (local-name(..) = 'tool' and name() = 'version')">*</xsl:when>
      <xsl:otherwise><xsl:value-of select="."/></xsl:otherwise>
    </xsl:choose>
    <xsl:text>"</xsl:text>
  </xsl:template>
  <xsl:template match="r:results/*">
    <xsl:variable name="p" select="../r:dossier/@path"/>
    <xsl:value-of select="concat('[', $p, '] ', local-name())"/>
    <xsl:apply-templates select="@*"><xsl:sort select="name()"/></xsl:apply-templates>
    <xsl:for-each select="*">
      <xsl:value-of select="concat(' | ', local-name())"/>
      <xsl:apply-templates select="@*"><xsl:sort select="name()"/></xsl:apply-templates>
      <xsl:if test="not(*) and normalize-space(.) != ''"><xsl:value-of select="concat(': ', normalize-space(.))"/></xsl:if>
    </xsl:for-each>
    <xsl:if test="not(*) and normalize-space(.) != ''"><xsl:value-of select="concat(': ', normalize-space(.))"/></xsl:if>
    <xsl:text>&#10;</xsl:text>
  </xsl:template>
</xsl:stylesheet>
EOF

# the call, once, with the first tree's script
split "$1"
"$tree/examples/make-call.sh" "$work/call" >"$work/make-call.log" 2>&1 ||
	{ echo "$0: making the call failed: see $work/make-call.log" >&2; exit 2; }

mkdir -p "$work/cache"
prev=
status=0
for arg in "$@"; do
	split "$arg"
	rc=0
	XDG_CACHE_HOME=$work/cache PACTAUDIT_DATADIR=$tree "$bin" check \
	    --format xml -o "$work/$label.xml" --no-cache \
	    --keyring "$work/call/keyring.asc" --rev submission --as-of "$asof" \
	    "$work"/call/*/ 2>"$work/$label.err" || rc=$?
	[ "$rc" -le 1 ] || { echo "$0: $label: check exited $rc: see $work/$label.err" >&2; exit 2; }
	echo "$rc" >"$work/$label.rc"
	xsltproc "$work/flat.xsl" "$work/$label.xml" | sed "s#\\[$work/call/#[#" >"$work/$label.flat"
	printf '%s: exit %s, %s dossiers, %s findings, rules digest %s\n' "$label" "$rc" \
	    "$(grep -c '\] verdict' "$work/$label.flat")" \
	    "$(grep -c '\] finding' "$work/$label.flat")" \
	    "$(sed -n 's/.*<rules [^>]*digest="\([0-9a-f]*\)".*/\1/p' "$work/$label.xml" | sort -u | tr '\n' ' ')"
	if [ -n "$prev" ]; then
		if cmp -s "$work/$prev.rc" "$work/$label.rc" &&
		    diff -u "$work/$prev.flat" "$work/$label.flat" >"$work/$prev-$label.diff"; then
			echo "  $prev -> $label: same results"
		else
			status=1
			echo "  $prev -> $label: differ ($(grep -c '^-\[' "$work/$prev-$label.diff" || true) lines removed, $(grep -c '^+\[' "$work/$prev-$label.diff" || true) added): $work/$prev-$label.diff"
		fi
	fi
	prev=$label
done
echo "results in $work"
exit "$status"

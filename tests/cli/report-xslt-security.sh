#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# pactaudit report: stylesheets cannot read or write files, import from outside the data directory, or reach the network.
. "$top_srcdir/tests/lib/testlib.sh"
set -e
pa_tmp

fx="$top_srcdir/tests/fixtures/results"
D="$T/data"
mkdir -p "$D/reports" "$D/rules/schema" "$T/outside"
# report validates its input against the results schema of the data directory
pa_copy "$top_srcdir/rules/schema/results.rng" "$D/rules/schema/"
echo '<s>SECRET-INSIDE</s>' >"$D/secret.xml"
echo '<s>SECRET-OUTSIDE</s>' >"$T/outside/secret.xml"
pa_copy "$top_srcdir/reports/common.xsl" "$T/outside/common.xsl"

sheet() {
	cat >"$D/reports/csv.xsl" <<XSL
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:exsl="http://exslt.org/common" extension-element-prefixes="exsl">
$1
<xsl:output method="text"/>
<xsl:template match="/">begin:$2:end</xsl:template>
</xsl:stylesheet>
XSL
}

run_csv() {
	set +e
	PACTAUDIT_DATADIR="$D" "$PACTAUDIT" report --format csv "$fx/clean.xml" >"$T/out" 2>"$T/err"
	rc=$?
	set -e
}

# the control: a harmless stylesheet from the data directory works
sheet '' 'ok'
run_csv
[ "$rc" -eq 0 ] && grep -q 'begin:ok:end' "$T/out" || pa_fail "a plain stylesheet did not run ($rc)"

# document() on a file, even inside the data directory: refused
for uri in "$D/secret.xml" "file://$D/secret.xml" "$T/outside/secret.xml" "http://127.0.0.1:9/x.xml"; do
	sheet '' "<xsl:value-of select=\"document('$uri')\"/>"
	run_csv
	[ "$rc" -eq 2 ] || pa_fail "document('$uri') was not refused (exit $rc)"
	if grep -q SECRET "$T/out" "$T/err"; then pa_fail "document('$uri') leaked the file"; fi
	assert_grep '^pactaudit: .*csv\.xsl: the transformation failed' "$T/err"
done

# writing a file (exsl:document): refused, nothing written
sheet '' "<exsl:document href=\"$T/written.txt\" method=\"text\">owned</exsl:document>"
run_csv
[ "$rc" -eq 2 ] || pa_fail "exsl:document was not refused (exit $rc)"
[ ! -e "$T/written.txt" ] || pa_fail "a stylesheet wrote $T/written.txt"

# xsl:import and xsl:include only from the data directory
sheet "<xsl:import href=\"$T/outside/common.xsl\"/>" 'x'
run_csv
[ "$rc" -eq 2 ] || pa_fail "an import from outside the data directory was allowed"
sheet "<xsl:include href=\"../../outside/common.xsl\"/>" 'x'
run_csv
[ "$rc" -eq 2 ] || pa_fail "a relative include leaving the data directory was allowed"
pa_copy "$top_srcdir/reports/common.xsl" "$D/reports/common.xsl"
sheet '<xsl:import href="common.xsl"/>' 'imported'
run_csv
[ "$rc" -eq 0 ] && grep -q 'begin:imported:end' "$T/out" || pa_fail "an import from the data directory failed"

# a stylesheet that does not compile cleanly is refused, not half run
sheet '' 'a<xsl:bogus/>b'
run_csv
[ "$rc" -eq 2 ] || pa_fail "a stylesheet with an unknown instruction ran (exit $rc)"
assert_grep 'not a usable stylesheet' "$T/err"
[ ! -s "$T/out" ] || pa_fail "a refused stylesheet wrote output"

# a stylesheet with a DOCTYPE (entities) is refused like any other XML
printf '<!DOCTYPE x [<!ENTITY s SYSTEM "%s">]>\n<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform"><xsl:template match="/">&s;</xsl:template></xsl:stylesheet>\n' \
    "$T/outside/secret.xml" >"$D/reports/csv.xsl"
run_csv
[ "$rc" -eq 2 ] || pa_fail "a stylesheet with a DOCTYPE was accepted"
if grep -q SECRET "$T/out"; then pa_fail "an entity leaked a file"; fi
exit 0

#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# pactaudit check: a results-cache entry larger than any dossier file may
# be (PA_LIMIT_XML_SIZE, 4 MiB) and than the cache's old entry limit
# (8 MiB) is stored, answered from the cache and byte-identical; a damaged
# large entry is still a miss.
. "$top_srcdir/tests/lib/testlib.sh"
set -e
pa_tmp
command -v git >/dev/null || pa_skip "git is not installed"

RULES="$T/rules"
mkdir -p "$RULES" "$T/src/docs"
# one finding per heading (1,000), each message 9,000 bytes of text and the
# heading: about 10 MiB of results
pad=$(awk 'BEGIN { while (n++ < 900) printf "padding. " }')
cat >"$RULES/large.xml" <<PACK
<?xml version="1.0" encoding="UTF-8"?>
<pack xmlns="urn:pactaudit:rules:1" id="large-test" version="1.0" title="Large results">
  <rule id="LRG-HEADING" severity="info">
    <title>Every heading</title>
    <ref article="4"/>
    <applies from="2024-08-01"/>
    <context>//e:doc/e:section</context>
    <assert>false()</assert>
    <message>$pad<value-of select="."/></message>
  </rule>
</pack>
PACK
cp -R "$top_srcdir/tests/fixtures/rules/dossier/." "$T/src/"
awk 'BEGIN { for (i = 0; i < 1000; i++) printf "# heading %04d\n\n", i }' \
    >"$T/src/docs/headings.md"
pa_repo "$T/d" "$T/src"
LOG="$T/log"

. "$top_srcdir/tests/cli/cache-common.sh"

check "$T/r1.xml" --as-of 2026-11-27
miss "first audit"
n=$(grep -c 'rule="LRG-HEADING"' "$T/r1.xml") || true
[ "$n" -eq 1000 ] || pa_fail "expected 1000 findings, got $n"
entry=
for f in "$XDG_CACHE_HOME"/pactaudit/results/*/*; do
	[ -f "$f" ] && entry=$f
done
[ -n "$entry" ] || pa_fail "no results cache entry was written"
size=$(wc -c <"$entry")
[ "$size" -gt $((8 * 1024 * 1024)) ] || pa_fail "the entry has $size bytes, not above 8 MiB"

check "$T/r2.xml" --as-of 2026-11-27
hit "an entry of $size bytes"
cmp -s "$T/r1.xml" "$T/r2.xml" || pa_fail "cached results differ from the fresh ones"

# damaged in its middle: its HMAC fails, a fresh audit, the same results
printf 'garbage' | dd of="$entry" bs=1 seek=$((size / 2)) conv=notrunc 2>/dev/null
check "$T/r3.xml" --as-of 2026-11-27
miss "a damaged large entry"
cmp -s "$T/r1.xml" "$T/r3.xml" || pa_fail "results after a damaged entry differ"
echo "check-cache-large: ok"

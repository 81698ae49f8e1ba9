#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# pactaudit check: the results cache.  A second audit of the same commit
# with the same rules, keyring and as-of date comes from the cache and is
# byte-identical; a new commit, other rules, another keyring or date, a
# working-tree audit and --no-cache are audited afresh.
. "$top_srcdir/tests/lib/testlib.sh"
set -e
pa_tmp
command -v git >/dev/null || pa_skip "git is not installed"
command -v xmllint >/dev/null || pa_skip "xmllint is not installed"

RULES="$T/rules"
pa_copy "$top_srcdir/tests/fixtures/rules/check" "$RULES"
pa_repo "$T/d" "$top_srcdir/tests/fixtures/rules/dossier"
LOG="$T/log"

. "$top_srcdir/tests/cli/cache-common.sh"

check "$T/r1.xml" --as-of 2026-11-27
miss "first audit"
check "$T/r2.xml" --as-of 2026-11-27
hit "same commit, rules and date"
cmp -s "$T/r1.xml" "$T/r2.xml" || pa_fail "cached results differ from the fresh ones"

# another date, then another commit: fresh
check "$T/r3.xml" --as-of 2027-12-02
miss "another as-of date"
echo "more" >"$T/d/notes.md"
pa_git -C "$T/d" add -A
pa_git -C "$T/d" commit -q -m "change"
check "$T/r4.xml" --as-of 2026-11-27
miss "a new commit"
new=$(pa_git -C "$T/d" rev-parse HEAD)
assert_xpath 1 "/r:results/r:dossier[@commit='$new']" "$T/r4.xml"

# a changed rule pack is used at once (its digest is in the results)
check "$T/r5.xml" --as-of 2026-11-27
hit "unchanged again"
sed -i 's/<title>/<title>Changed: /' "$RULES"/*.xml
check "$T/r6.xml" --as-of 2026-11-27
miss "changed rules"

# the working tree and --no-cache: fresh each time
check "$T/r8.xml" --as-of 2026-11-27 --worktree
miss "working tree (first)"
check "$T/r8.xml" --as-of 2026-11-27 --worktree
miss "working tree (second)"
check "$T/r9.xml" --as-of 2026-11-27 --no-cache
miss "--no-cache"

# a damaged entry is a miss, never an error
n=0
for f in "$XDG_CACHE_HOME"/pactaudit/results/*/*; do
	[ -f "$f" ] || continue
	printf 'garbage' >"$f"
	n=$((n + 1))
done
[ "$n" -gt 0 ] || pa_fail "no results cache entries to damage"
check "$T/r10.xml" --as-of 2026-11-27
miss "damaged entries"
cmp -s "$T/r5.xml" "$T/r6.xml" && pa_fail "changed rules did not change the results"

# the exit status of a cached audit is decided like that of a fresh one,
# at every --fail-on, in every format
for sev in blocker error warning info none; do
	for fmt in text junit; do
		set +e
		"$PACTAUDIT" check --no-cache --rules "$RULES" --as-of 2026-11-27 --fail-on "$sev" \
		    --format "$fmt" "$T/d" >"$T/fresh.out" 2>&1
		fresh=$?
		: >"$LOG"
		"$PACTAUDIT" --log "$LOG" check --rules "$RULES" --as-of 2026-11-27 --fail-on "$sev" \
		    --format "$fmt" "$T/d" >"$T/cached.out" 2>&1
		cached=$?
		set -e
		hit "--fail-on $sev --format $fmt"
		[ "$fresh" -eq "$cached" ] ||
		    pa_fail "--fail-on $sev: fresh audit exits $fresh, cached $cached"
		cmp -s "$T/fresh.out" "$T/cached.out" ||
		    pa_fail "--fail-on $sev --format $fmt: cached report differs"
	done
done
echo "check-cache: ok"

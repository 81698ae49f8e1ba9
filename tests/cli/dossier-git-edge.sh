#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Repositories that are not what the folder suggests: a .git file that
# points at another repository is reported; a shallow clone is audited and
# says "shallow clone: history incomplete" instead of failing on a missing
# object.
. "$top_srcdir/tests/lib/testlib.sh"
set -e
pa_tmp
command -v git >/dev/null || pa_skip "git is not installed"
command -v xmllint >/dev/null || pa_skip "xmllint is not installed"

AS_OF=2026-11-27
"$PACTAUDIT" init "$T/src" >/dev/null
pa_repo "$T/d" "$T/src"
for i in 2 3; do
	echo "edit $i" >>"$T/d/README.md"
	pa_git -C "$T/d" commit -q -a -m "edit $i"
done

# the repository's own folder: nothing to report
assert_exit 0 "$PACTAUDIT" evidence --as-of "$AS_OF" --no-cache -o "$T/own.xml" "$T/d"
assert_xpath 0 "//e:diag[@code='dossier-gitdir-elsewhere']" "$T/own.xml"

# a linked worktree: .git is a file naming the other repository
pa_git -C "$T/d" worktree add -q "$T/linked"
[ -f "$T/linked/.git" ] || pa_skip "git made no .git file for a linked worktree"
assert_exit 0 "$PACTAUDIT" evidence --as-of "$AS_OF" --no-cache -o "$T/linked.xml" "$T/linked"
assert_xpath 1 "//e:diag[@code='dossier-gitdir-elsewhere'][@severity='warning']" "$T/linked.xml"
assert_xpath 1 "//e:diag[@code='dossier-gitdir-elsewhere'][contains(., 'not this folder')]" \
    "$T/linked.xml"
# ... and a .git symlink to another repository's folder
mkdir "$T/viasym"
cp -R "$T/src"/. "$T/viasym"/
ln -s "$T/d/.git" "$T/viasym/.git"
assert_exit 0 "$PACTAUDIT" evidence --as-of "$AS_OF" --no-cache -o "$T/sym.xml" "$T/viasym"
assert_xpath 1 "//e:diag[@code='dossier-gitdir-elsewhere'][contains(., 'symbolic link')]" \
    "$T/sym.xml"
# check reports it as a finding
set +e
"$PACTAUDIT" check --as-of "$AS_OF" --no-cache --format xml -o "$T/linked-r.xml" "$T/linked"
rc=$?
set -e
[ "$rc" -ne 2 ] || pa_fail "check could not audit a linked worktree"
grep -q 'not this folder' "$T/linked-r.xml" || pa_fail "the .git file is not a finding"

# a shallow clone: audited, with the history reported as incomplete
git clone -q --depth 1 "file://$T/d" "$T/shallow"
[ -f "$T/shallow/.git/shallow" ] || pa_skip "git made no shallow clone"
set +e
"$PACTAUDIT" check --as-of "$AS_OF" --no-cache --format xml -o "$T/shallow.xml" "$T/shallow" \
    2>"$T/err"
rc=$?
set -e
[ "$rc" -ne 2 ] || pa_fail "a shallow clone could not be audited: $(cat "$T/err")"
assert_no_grep 'object not found' "$T/err"
grep -q 'shallow clone: history incomplete' "$T/shallow.xml" ||
    pa_fail "the results do not say the history is incomplete"
assert_exit 0 "$PACTAUDIT" evidence --as-of "$AS_OF" --no-cache -o "$T/shallow-e.xml" "$T/shallow"
assert_xpath 1 "//e:diag[@code='history-shallow']" "$T/shallow-e.xml"
# warm: the cached walk still says so, and is not the whole repository's
set +e
"$PACTAUDIT" check --as-of "$AS_OF" --format xml -o "$T/s1.xml" "$T/shallow" 2>/dev/null
"$PACTAUDIT" check --as-of "$AS_OF" --format xml -o "$T/s2.xml" "$T/shallow" 2>/dev/null
"$PACTAUDIT" check --as-of "$AS_OF" --format xml -o "$T/full.xml" "$T/d" 2>/dev/null
set -e
grep -q 'shallow clone: history incomplete' "$T/s2.xml" || pa_fail "a cached audit forgot the shallow clone"
assert_no_grep 'shallow clone' "$T/full.xml"

echo "dossier-git-edge: ok"

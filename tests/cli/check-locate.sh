#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# What `check` audits: a git dossier whose working tree differs from the
# audited commit says so (one stderr line and an info finding); run from a
# subfolder, the dossier root is found upwards as git finds its repository;
# a folder that is no dossier at all exits 2 with one line.
. "$top_srcdir/tests/lib/testlib.sh"
set -e
pa_tmp
command -v git >/dev/null || pa_skip "git is not installed"
command -v xmllint >/dev/null || pa_skip "xmllint is not installed"

AS_OF=2026-11-27
"$PACTAUDIT" init "$T/src" >/dev/null
pa_repo "$T/d" "$T/src"

# ---- a clean checkout: no line, no finding
set +e
"$PACTAUDIT" check --as-of "$AS_OF" --no-cache --format xml -o "$T/clean.xml" "$T/d" 2>"$T/err"
rc=$?
set -e
[ "$rc" -ne 2 ] || pa_fail "the clean dossier could not be audited: $(cat "$T/err")"
assert_no_grep 'uncommitted' "$T/err"
assert_xpath 0 "//r:finding[@rule='SIG-UNCOMMITTED']" "$T/clean.xml"

# ---- two changes: a tracked file edited, an untracked file (an ignored one does not count)
echo "edited" >>"$T/d/README.md"
echo "new" >"$T/d/notes.md"
printf 'scratch/\n' >"$T/d/.git/info/exclude"
mkdir "$T/d/scratch" && echo x >"$T/d/scratch/x"
set +e
"$PACTAUDIT" check --as-of "$AS_OF" --no-cache --format xml -o "$T/dirty.xml" "$T/d" 2>"$T/err"
rc=$?
set -e
[ "$rc" -ne 2 ] || pa_fail "the changed dossier could not be audited: $(cat "$T/err")"
[ "$(grep -c 'uncommitted' "$T/err")" -eq 1 ] || pa_fail "not one stderr line: $(cat "$T/err")"
assert_grep '2 uncommitted changes are not audited; --worktree audits them' "$T/err"
assert_xpath 1 "//r:finding[@rule='SIG-UNCOMMITTED'][@severity='info']" "$T/dirty.xml"
assert_xpath 1 "//r:finding[@rule='SIG-UNCOMMITTED'][contains(r:message, '2 uncommitted changes are not audited; --worktree audits them')]" "$T/dirty.xml"
# the result cache must not hand back the clean result for the changed tree
cache="$T/cache"
XDG_CACHE_HOME=$cache "$PACTAUDIT" check --as-of "$AS_OF" --format xml -o "$T/c1.xml" "$T/d" 2>/dev/null || true
pa_git -C "$T/d" stash -q -u
XDG_CACHE_HOME=$cache "$PACTAUDIT" check --as-of "$AS_OF" --format xml -o "$T/c2.xml" "$T/d" 2>"$T/err" || true
assert_xpath 0 "//r:finding[@rule='SIG-UNCOMMITTED']" "$T/c2.xml"
assert_no_grep 'uncommitted' "$T/err"
pa_git -C "$T/d" stash pop -q
# --worktree audits them: no such finding
set +e
"$PACTAUDIT" check --as-of "$AS_OF" --no-cache --worktree --format xml -o "$T/wt.xml" "$T/d" 2>"$T/err"
set -e
assert_xpath 0 "//r:finding[@rule='SIG-UNCOMMITTED']" "$T/wt.xml"
assert_no_grep 'uncommitted' "$T/err"

# ---- from a subfolder: the dossier above it is audited
mkdir -p "$T/d/docs/deeper"
set +e
(cd "$T/d/docs/deeper" && "$PACTAUDIT" check --as-of "$AS_OF" --no-cache --format xml -o "$T/sub.xml") 2>"$T/err"
rc=$?
set -e
[ "$rc" -ne 2 ] || pa_fail "check from a subfolder failed: $(cat "$T/err")"
assert_xpath 1 "//r:finding[@rule='SIG-UNCOMMITTED']" "$T/sub.xml"
assert_xpath 0 "//r:finding[@rule='INPUT-FILE-APPLICATION']" "$T/sub.xml"
# ... named on the command line, and in a plain (non-git) dossier too
set +e
"$PACTAUDIT" check --as-of "$AS_OF" --no-cache --format xml -o "$T/sub2.xml" "$T/src/models" 2>"$T/err"
rc=$?
set -e
[ "$rc" -ne 2 ] || pa_fail "check of a dossier's subfolder failed: $(cat "$T/err")"
assert_xpath 0 "//r:finding[@rule='INPUT-FILE-APPLICATION']" "$T/sub2.xml"
assert_xpath 1 "//r:finding[@rule='SIG-FOLDER']" "$T/sub2.xml"

# ---- a bare repository holds neither application.xml nor .git: still a dossier
git clone -q --bare "file://$T/d" "$T/bare.git"
set +e
"$PACTAUDIT" check --as-of "$AS_OF" --no-cache --format xml -o "$T/bare.xml" "$T/bare.git" 2>"$T/err"
rc=$?
set -e
[ "$rc" -ne 2 ] || pa_fail "a bare repository is refused: $(cat "$T/err")"
assert_xpath 0 "//r:finding[@rule='INPUT-FILE-APPLICATION']" "$T/bare.xml"

# ---- not a dossier at all: exit 2, one line, no results
mkdir -p "$T/nothing/here"
assert_exit 2 "$PACTAUDIT" check --as-of "$AS_OF" --no-cache "$T/nothing/here"
[ "$(wc -l <"$T/err")" -eq 1 ] || pa_fail "not one line on stderr: $(cat "$T/err")"
assert_grep 'is not a dossier' "$T/err"
[ ! -s "$T/out" ] || pa_fail "results were printed for a folder that is no dossier"
set +e
(cd "$T/nothing" && "$PACTAUDIT" check --as-of "$AS_OF" --no-cache) >"$T/out" 2>"$T/err"
rc=$?
set -e
[ "$rc" -eq 2 ] || pa_fail "check in a folder that is no dossier exited $rc"
[ "$(wc -l <"$T/err")" -eq 1 ] || pa_fail "not one line on stderr: $(cat "$T/err")"
# with another dossier on the command line: still refused, nothing audited
assert_exit 2 "$PACTAUDIT" check --as-of "$AS_OF" --no-cache "$T/d" "$T/nothing"
[ "$(wc -l <"$T/err")" -eq 1 ] || pa_fail "not one line on stderr: $(cat "$T/err")"
exit 0

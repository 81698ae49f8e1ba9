#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# pactaudit evidence on git dossiers: HEAD, --rev (commit, tag), --worktree, --path, bad revisions.
. "$top_srcdir/tests/lib/testlib.sh"
set -e
pa_tmp
command -v git >/dev/null || pa_skip "git is not installed"
command -v xmllint >/dev/null || pa_skip "xmllint is not installed"

R="$T/repo"
pa_repo "$R" "$top_srcdir/tests/fixtures/dossier/good"
first=$(git -C "$R" rev-parse HEAD)
pa_git -C "$R" tag -a -m "submission" submission
sed 's/Ranks job applications for recruiters./Second version./' "$R/application.xml" >"$T/a" && mv "$T/a" "$R/application.xml"
pa_git -C "$R" commit -q -a -m "second"
second=$(git -C "$R" rev-parse HEAD)
sed 's/Second version./Working draft./' "$R/application.xml" >"$T/a" && mv "$T/a" "$R/application.xml"
printf '# Draft\n' >"$R/docs/draft.md"

ev() {
	out=$1
	shift
	assert_exit 0 "$PACTAUDIT" evidence --as-of 2027-03-01 --no-cache "$@"
	cp "$T/out" "$out"
}

ev "$T/head.xml" "$R"
assert_xpath 1 "/e:evidence/e:dossier[@mode='git'][@rev='HEAD'][@commit='$second']" "$T/head.xml"
assert_xpath 1 "//e:system/e:purpose[.='Second version.']" "$T/head.xml"
assert_xpath 0 "//e:file[@path='docs/draft.md']" "$T/head.xml"
assert_xpath 6 "//e:file[string-length(@blob)=40]" "$T/head.xml"
assert_xpath 0 "/e:evidence/*[self::e:application or self::e:model or self::e:dataset or self::e:doc or self::e:pact or self::e:signers]/descendant-or-self::*[not(@src) or not(@line) or not(@blob)]" "$T/head.xml"
assert_no_grep 'Working draft' "$T/head.xml"

ev "$T/tag.xml" --rev submission "$R"
assert_xpath 1 "/e:evidence/e:dossier[@rev='submission'][@commit='$first']" "$T/tag.xml"
assert_xpath 1 "//e:system/e:purpose[.='Ranks job applications for recruiters.']" "$T/tag.xml"

ev "$T/old.xml" --rev "$first" "$R"
assert_xpath 1 "//e:system/e:purpose[.='Ranks job applications for recruiters.']" "$T/old.xml"
ev "$T/parent.xml" --rev HEAD~1 "$R"
assert_xpath 1 "/e:evidence/e:dossier[@commit='$first']" "$T/parent.xml"

ev "$T/wt.xml" --worktree "$R"
assert_xpath 1 "/e:evidence/e:dossier[@mode='worktree'][not(@commit)]" "$T/wt.xml"
assert_xpath 1 "//e:system/e:purpose[.='Working draft.']" "$T/wt.xml"
assert_xpath 1 "/e:evidence/e:doc[@path='docs/draft.md']/e:section[.='Draft']" "$T/wt.xml"
assert_xpath 0 "//e:file[starts-with(@path, '.git')]" "$T/wt.xml"

# --- bad revisions: exit 2 with one line saying what and where ------------------
for rev in nope v9.9 'HEAD~99' 'HEAD^{tree}'; do
	assert_exit 2 "$PACTAUDIT" evidence --rev "$rev" "$R"
	[ "$(wc -l <"$T/err")" -eq 1 ] || pa_fail "--rev $rev: expected one line on stderr: $(cat "$T/err")"
	assert_grep "^pactaudit: cannot resolve '" "$T/err"
	assert_grep " in $R" "$T/err"
	[ ! -s "$T/out" ] || pa_fail "--rev $rev: output written"
done

# --- a dossier in a folder of a larger repository (--path) -----------------------
M="$T/mono"
mkdir -p "$M/src" "$M/compute"
printf 'int main(void) { return 0; }\n' >"$M/src/main.c"
pa_copy "$top_srcdir/tests/fixtures/dossier/good" "$M/compute/dossier"
pa_repo "$M"
ev "$T/mono.xml" --path compute/dossier "$M"
assert_xpath 1 "/e:evidence/e:dossier[@subdir='compute/dossier']" "$T/mono.xml"
assert_xpath 6 "//e:file" "$T/mono.xml"
assert_xpath 1 "//e:file[@path='application.xml']" "$T/mono.xml"
assert_xpath 1 "/e:evidence/e:application[@valid='true'][@src='application.xml']" "$T/mono.xml"
assert_exit 2 "$PACTAUDIT" evidence --path nowhere "$M"
assert_grep "^pactaudit: no folder 'nowhere' at HEAD in " "$T/err"
assert_exit 2 "$PACTAUDIT" evidence --path ../x "$M"

# --- an empty repository --------------------------------------------------------
mkdir "$T/empty"
pa_git -C "$T/empty" init -q
assert_exit 2 "$PACTAUDIT" evidence "$T/empty"
assert_grep 'no commits yet' "$T/err"

echo "evidence-git: ok"

#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# pactaudit evidence on hostile dossiers: links, submodules, entities, size, control characters.
. "$top_srcdir/tests/lib/testlib.sh"
set -e
pa_tmp
command -v git >/dev/null || pa_skip "git is not installed"
command -v xmllint >/dev/null || pa_skip "xmllint is not installed"

R="$T/repo"
mkdir -p "$R"
pa_copy "$top_srcdir/tests/fixtures/dossier/good/." "$R/"
# a secret the dossier must never be able to pull into the evidence
printf 'PA-HOSTILE-SECRET-1234\n' >"$T/secret.txt"
rm "$R/docs/risk.md"
ln -s "$T/secret.txt" "$R/docs/risk.md"
ln -s /etc "$R/docs/etc"
rm "$R/datasets/cv-corpus/README.md"
ln -s /etc/passwd "$R/datasets/cv-corpus/README.md"
ln -s /etc/passwd "$R/pact/keys.asc"
ln -s "$T/secret.txt" "$R/pact/commitments.xml.asc"
cat >"$R/pact/commitments.xml" <<XML
<?xml version="1.0"?>
<!DOCTYPE commitments [ <!ENTITY s SYSTEM "file://$T/secret.txt"> ]>
<commitments xmlns="urn:pactaudit:pact:1" version="1"><organisation>&s;</organisation></commitments>
XML
# control characters in a heading, BiDi override in the application's text
printf '# Title \033[2J\033]0;owned\007 here\n' >"$R/docs/esc.md"
sed 's/Ranks job applications for recruiters./Ranks \xe2\x80\xaeslaer\xe2\x80\xac candidates \xc2\x9b31m./' \
    "$R/application.xml" >"$T/a" && mv "$T/a" "$R/application.xml"
head -c 4194305 /dev/zero | tr '\0' 'a' >"$R/docs/huge.md"
pa_repo "$R"
# a submodule (gitlink) in the commit
pa_git -C "$R" update-index --add --cacheinfo 160000,0123456789abcdef0123456789abcdef01234567,models/vendored
pa_git -C "$R" commit -q -m "gitlink"

for mode in git worktree; do
	if [ $mode = git ]; then
		assert_exit 0 "$PACTAUDIT" evidence --as-of 2027-03-01 --no-cache "$R"
	else
		assert_exit 0 "$PACTAUDIT" evidence --as-of 2027-03-01 --no-cache --worktree "$R"
	fi
	E="$T/$mode.xml"
	cp "$T/out" "$E"
	xmllint --noout "$E" || pa_fail "$mode: output is not well-formed"
	assert_no_grep 'PA-HOSTILE-SECRET' "$E"
	assert_no_grep 'root:' "$E"
	assert_xpath 1 "//e:file[@path='docs/risk.md'][@type='symlink']" "$E"
	assert_xpath 1 "//e:file[@path='docs/etc'][@type='symlink']" "$E"
	assert_xpath 0 "//e:file[starts-with(@path, 'docs/etc/')]" "$E"
	assert_xpath 5 "//e:diag[@code='dossier-symlink']" "$E"
	assert_xpath 1 "//e:file[@path='pact/keys.asc'][@type='symlink'][@kind='keys']" "$E"
	assert_xpath 0 "//e:doc[@path='docs/risk.md']/*" "$E"
	assert_xpath 0 "//e:dataset[@id='cv-corpus']/*" "$E"
	assert_xpath 1 "//e:diag[@code='xml-doctype'][@src='pact/commitments.xml'][@line='2']" "$E"
	assert_xpath 1 "/e:evidence/e:pact[@valid='false'][not(*)]" "$E"
	assert_xpath 1 "//e:diag[@code='dossier-file-too-large'][@src='docs/huge.md']" "$E"
	assert_xpath 1 "//e:file[@path='docs/huge.md'][@size='4194305']" "$E"
	# control characters are visible escapes; nothing raw reaches the output
	assert_xpath 1 "//e:doc[@path='docs/esc.md']/e:section[.='Title \\x1b[2J\\x1b]0;owned\\x07 here']" "$E"
	if LC_ALL=C grep -q "$(printf '\033')" "$E" || LC_ALL=C grep -q "$(printf '\007')" "$E"; then
		pa_fail "$mode: raw control characters in the output"
	fi
	if LC_ALL=C grep -q "$(printf '\342\200\256')" "$E" || LC_ALL=C grep -q "$(printf '\302\233')" "$E"; then
		pa_fail "$mode: raw BiDi or C1 control in the output"
	fi
	assert_grep 'Ranks &#x202E;slaer&#x202C; candidates &#x9B;31m\.' "$E"
done
assert_xpath 1 "//e:file[@path='models/vendored'][@type='submodule']" "$T/git.xml"
assert_xpath 1 "//e:diag[@code='dossier-submodule'][@src='models/vendored']" "$T/git.xml"

# a nested repository in a plain folder is a submodule too, never entered
F="$T/folder"
mkdir -p "$F/vendor/sub/.git" "$F/vendor/sub/docs"
printf 'ref: refs/heads/main\n' >"$F/vendor/sub/.git/HEAD"
printf '# PA-HOSTILE-SECRET-1234\n' >"$F/vendor/sub/docs/x.md"
assert_exit 0 "$PACTAUDIT" evidence --as-of 2027-03-01 "$F"
assert_no_grep 'PA-HOSTILE-SECRET' "$T/out"
cp "$T/out" "$T/folder.xml"
assert_xpath 1 "//e:file[@path='vendor/sub'][@type='submodule']" "$T/folder.xml"

echo "evidence-hostile: ok"

#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Regression: init followed a symlinked folder and wrote outside the
# dossier.  A folder or file of the skeleton that is a symlink is refused,
# with or without --force, and nothing is written anywhere.
. "$top_srcdir/tests/lib/testlib.sh"
set -e
pa_tmp

mkdir "$T/outside"
# a folder of the skeleton is a link to a folder elsewhere
mkdir "$T/d"
ln -s "$T/outside" "$T/d/models"
for force in "" --force; do
	assert_exit 2 "$PACTAUDIT" init $force "$T/d"
	assert_grep 'symbolic link' "$T/err"
	[ -z "$(ls -A "$T/outside")" ] || pa_fail "init $force wrote through a symlinked folder"
	[ ! -e "$T/d/application.xml" ] || pa_fail "init $force wrote half a skeleton"
	[ -L "$T/d/models" ] || pa_fail "init $force replaced the link"
done

# a deeper folder: pact/ itself is fine, docs/ is a link
mkdir "$T/e"
ln -s "$T/outside" "$T/e/docs"
assert_exit 2 "$PACTAUDIT" init "$T/e"
[ -z "$(ls -A "$T/outside")" ] || pa_fail "init wrote through a symlinked docs/"

# a file of the skeleton is a link to a file elsewhere: --force does not follow it
mkdir "$T/f"
printf 'precious\n' >"$T/victim"
ln -s "$T/victim" "$T/f/application.xml"
assert_exit 2 "$PACTAUDIT" init --force "$T/f"
assert_grep 'symbolic link' "$T/err"
[ "$(cat "$T/victim")" = precious ] || pa_fail "init --force wrote through a symlinked file"
[ -L "$T/f/application.xml" ] || pa_fail "init --force replaced the link"

# without links, the same folder is initialised (the test can fail the other way)
assert_exit 0 "$PACTAUDIT" init "$T/g"
[ -f "$T/g/models/example-model/README.md" ] || pa_fail "init wrote no model card"

echo "init-symlink: ok"

#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# -o never destroys what it names: a FIFO or device is written in place, a
# symlink is not followed, a replaced file keeps its mode, and /dev/null and
# /dev/stdout are what they were before (checked before and after, so even a
# broken build run as root is caught at once rather than leaving them replaced).
. "$top_srcdir/tests/lib/testlib.sh"
set -e
pa_tmp

fx="$top_srcdir/tests/fixtures/results"
report() {
	"$PACTAUDIT" report --format md "$fx/clean.xml" "$@"
}

# a FIFO in the test's folder: written through, still a FIFO
mkfifo "$T/fifo"
timeout 60 cat "$T/fifo" >"$T/from-fifo" &	# a broken build must not hang the test
reader=$!
assert_exit 0 report -o "$T/fifo"
wait "$reader" || true
[ -p "$T/fifo" ] || pa_fail "-o replaced the FIFO"
[ -s "$T/from-fifo" ] || pa_fail "nothing came through the FIFO"
assert_grep 'eligible' "$T/from-fifo"

# a symlink to a file: neither the file nor the link is replaced
printf 'precious\n' >"$T/victim"
ln -s "$T/victim" "$T/report.md"
assert_exit 2 report -o "$T/report.md"
assert_grep 'symbolic link' "$T/err"
[ "$(cat "$T/victim")" = precious ] || pa_fail "-o wrote through a symlink"
[ -L "$T/report.md" ] || pa_fail "-o replaced the symlink"

# a symlink to a FIFO is written through
mkfifo "$T/fifo2"
ln -s "$T/fifo2" "$T/to-fifo"
timeout 60 cat "$T/fifo2" >"$T/from-fifo2" &
reader=$!
assert_exit 0 report -o "$T/to-fifo"
wait "$reader" || true
[ -L "$T/to-fifo" ] && [ -p "$T/fifo2" ] || pa_fail "-o replaced the link or the FIFO"
assert_grep 'eligible' "$T/from-fifo2"

# a replaced file keeps its mode; no temporary file is left beside it
mkdir "$T/o"
printf 'old\n' >"$T/o/r.md"
chmod 640 "$T/o/r.md"
assert_exit 0 report -o "$T/o/r.md"
[ "$(stat -c %a "$T/o/r.md")" = 640 ] || pa_fail "-o changed the mode to $(stat -c %a "$T/o/r.md")"
assert_grep 'eligible' "$T/o/r.md"
[ "$(ls -A "$T/o" | wc -l)" -eq 1 ] || pa_fail "-o left files behind: $(ls -A "$T/o")"

# a folder is refused
mkdir "$T/dir"
assert_exit 2 report -o "$T/dir"
[ -d "$T/dir" ] || pa_fail "-o replaced a folder"

# /dev/null stays a character device (skip unless it is one now)
if [ -c /dev/null ]; then
	assert_exit 0 report -o /dev/null
	[ -c /dev/null ] || pa_fail "-o /dev/null replaced /dev/null"
	[ ! -s "$T/out" ] || pa_fail "-o /dev/null wrote to standard output"
fi

# /dev/stdout is standard output, whatever it is: here a file the shell opened
if [ -L /dev/stdout ]; then
	assert_exit 0 report -o /dev/stdout
	[ -L /dev/stdout ] || pa_fail "-o /dev/stdout replaced the /dev/stdout link"
	assert_grep 'eligible' "$T/out"
	report -o /dev/stdout | grep -q eligible || pa_fail "-o /dev/stdout into a pipe"
	[ -L /dev/stdout ] || pa_fail "-o /dev/stdout replaced the /dev/stdout link"
fi
[ -c /dev/null ] || pa_fail "/dev/null is no longer a character device"

echo "output-safety: ok"

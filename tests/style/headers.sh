#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Every header under src/ compiles on its own (it includes what it needs).
set -u
top="${top_srcdir:-$(cd "$(dirname "$0")/../.." && pwd)}"
build="${top_builddir:-$top}"
cc="${CC:-cc}"
flags="-std=c11 -Wall -Wextra -Werror -fsyntax-only -I$build -I$top/src \
$(pkg-config --cflags libxml-2.0 libxslt gpgme libgit2 yaml-0.1 jansson ncursesw 2>/dev/null)"
fail=0
n=0
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
for h in $(cd "$top/src" && find . -name '*.h' | sed 's|^\./||' | sort); do
	n=$((n + 1))
	printf '#include "config.h"\n#include "%s"\n#include "%s"\n' "$h" "$h" > "$tmp/t.c"
	# shellcheck disable=SC2086
	if ! $cc $flags -c "$tmp/t.c" -o "$tmp/t.o" 2>"$tmp/err"; then
		echo "headers: $h does not compile alone (or lacks an include guard):" >&2
		head -n 5 "$tmp/err" >&2
		fail=1
	fi
done
[ "$fail" -eq 0 ] && echo "headers: $n headers compile alone"
exit "$fail"

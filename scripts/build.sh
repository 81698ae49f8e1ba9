#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Configure and build pactaudit out of tree.
#   scripts/build.sh                 -> _build/src/pactaudit
#   scripts/build.sh --sanitizers    -> _build-asan/ (ASan + UBSan)
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
dir="$top/_build"
extra=
if [ "${1:-}" = "--sanitizers" ]; then
	dir="$top/_build-asan"
	extra=--enable-sanitizers
fi
jobs=$(nproc 2>/dev/null || echo 2)
[ -x "$top/configure" ] || (cd "$top" && ./autogen.sh >/dev/null)
mkdir -p "$dir"
cd "$dir"
[ -f Makefile ] || "$top/configure" -q $extra
make -s -j"$jobs"
echo "$dir"

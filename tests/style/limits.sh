#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# pactaudit-limits(7) documents every limit of src/util/limits.h with its value.
set -u
top="${top_srcdir:-$(dirname "$0")/../..}"
h="$top/src/util/limits.h"
man="$top/man/pactaudit-limits.7"
fail=0

names=$(sed -n 's/^#define \(PA_LIMIT_[A-Z0-9_]*\).*/\1/p' "$h")
[ -n "$names" ] || { echo "limits: no PA_LIMIT_ in $h" >&2; exit 1; }
for name in $names; do
	expr=$(sed -n "s/^#define ${name}[[:space:]]*\([^/]*\).*/\1/p" "$h" |
	    sed 's/\([0-9]\)[uUlL]*/\1/g')
	# shellcheck disable=SC2004 # $expr is an expression, not a number
	value=$(( $expr ))
	grep -q "^\.It Dv $name No = $value " "$man" || {
		echo "limits: $man does not give $name = $value" >&2
		fail=1
	}
done
for name in $(sed -n 's/^\.It Dv \(PA_LIMIT_[A-Z0-9_]*\).*/\1/p' "$man"); do
	echo "$names" | grep -qx "$name" || {
		echo "limits: $man documents $name, which limits.h does not define" >&2
		fail=1
	}
done
[ "$fail" -eq 0 ] && echo "limits: ok"
exit "$fail"

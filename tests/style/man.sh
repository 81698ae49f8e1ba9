#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Man pages: mandoc -Tlint is clean, and every option that a command's
# --help lists (from its option table) is documented in pactaudit-CMD(1).
set -u
top="${top_srcdir:-$(cd "$(dirname "$0")/../.." && pwd)}"
pa="${PACTAUDIT:-$top/src/pactaudit}"
fail=0
command -v mandoc >/dev/null 2>&1 || { echo "SKIP: mandoc not installed" >&2; exit 77; }
out=$(find "$top/man" -name '*.[1-8]' -exec mandoc -Tlint -W warning {} + 2>&1)
if [ -n "$out" ]; then
	echo "man: mandoc -Tlint:" >&2
	echo "$out" >&2
	fail=1
fi
# an example's last word that is a lone delimiter ("pactaudit check .") is
# taken by mdoc as punctuation and glued to the word before: write "\&."
bad=$(grep -nE '^\.Dl .* [.,;:?!)]( |$)' "$top"/man/*.[1-8] 2>/dev/null)
if [ -n "$bad" ]; then
	echo "man: .Dl example ends with a lone delimiter (write \\&.):" >&2
	echo "$bad" >&2
	fail=1
fi
cmds=$("$pa" --help | awk '/^commands:/ { on = 1; next } on && NF { print $1 } on && !NF { exit }')
[ -n "$cmds" ] || { echo "man: no commands listed by pactaudit --help" >&2; exit 1; }
for c in $cmds; do
	page="$top/man/pactaudit-$c.1"
	if [ ! -f "$page" ]; then
		echo "man: command '$c' has no page man/pactaudit-$c.1" >&2
		fail=1
		continue
	fi
	grep -q "pactaudit-$c" "$top/man/pactaudit.1" 2>/dev/null ||
	    { echo "man: pactaudit(1) does not mention pactaudit-$c" >&2; fail=1; }
	for o in $("$pa" "$c" --help | grep -oE -- '--[a-z][a-z0-9-]*' | sort -u); do
		# --help and --verbose are every command's (pactaudit(1))
		[ "$o" = "--help" ] || [ "$o" = "--verbose" ] && continue
		name=${o#--}
		# mdoc writes long options as ".Fl \-name" or "Fl -name"
		if ! grep -qE "Fl (\\\\-|-)$name\b" "$page"; then
			echo "man: $o of '$c' is not documented in pactaudit-$c.1" >&2
			fail=1
		fi
	done
done
[ "$fail" -eq 0 ] && echo "man: ok"
exit "$fail"

#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Regenerate man/pactaudit-coverage.7 and man/pactaudit-vocabulary.7 from the rule packs.
#   scripts/gen-coverage.sh [SRCDIR [OUTDIR]]   (default: the source tree, its man/)
set -eu
src=$(cd "${1:-$(dirname "$0")/..}" && pwd)
out=${2:-$src/man}
rules=$src/rules
packs=$(for f in "$rules"/*.xml; do printf '%s ' "$f"; done)
# .Dd from the newest pack version (YYYY.MM), so the pages change only with the packs
ver=$(sed -n 's/.*<pack [^>]*version="\([0-9]\{4\}\)\.\([0-9]\{2\}\)".*/\1-\2/p; s/^ *<pack .*//' $packs |
    grep -E '^[0-9]{4}-[0-9]{2}$' | sort | tail -n 1)
[ -n "$ver" ] || ver=$(xmllint --xpath "string(//*[local-name()='pack']/@version)" "$rules"/input.xml | tr . -)
date=$(LC_ALL=C date -u -d "$ver-01" '+%B %-d, %Y')
xsltproc --nonet --stringparam packs "$packs" --stringparam date "$date" \
    "$rules/coverage.xsl" "$rules/vocab/provisions.xml" >"$out/pactaudit-coverage.7.tmp"
xsltproc --nonet --stringparam page vocabulary --stringparam date "$date" \
    --stringparam vocabdir "$rules/vocab/" --stringparam packs "$packs" \
    "$rules/coverage.xsl" "$rules/vocab/provisions.xml" >"$out/pactaudit-vocabulary.7.tmp"
mv "$out/pactaudit-coverage.7.tmp" "$out/pactaudit-coverage.7"
mv "$out/pactaudit-vocabulary.7.tmp" "$out/pactaudit-vocabulary.7"

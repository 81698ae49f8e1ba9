#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# pactaudit report --format sarif: every fixture validates against the SARIF 2.1.0 schema.
. "$top_srcdir/tests/lib/testlib.sh"
set -e
pa_tmp

pa_sarif_setup
validate() {
	pa_sarif_valid "$1"
}

fx="$top_srcdir/tests/fixtures/results"
for f in "$fx"/*.xml; do
	assert_exit 0 "$PACTAUDIT" report --format sarif -o "$T/out.sarif" "$f"
	validate "$T/out.sarif" 2>"$T/why" || { cat "$T/why" >&2; pa_fail "$(basename "$f"): invalid SARIF"; }
done
assert_exit 0 "$PACTAUDIT" report --format sarif -o "$T/all.sarif" "$fx"/*.xml
validate "$T/all.sarif" || pa_fail "several dossiers: invalid SARIF"
[ "$("$PY" -c 'import json,sys; print(len(json.load(open(sys.argv[1]))["runs"]))' "$T/all.sarif")" -eq 7 ] ||
    pa_fail "expected one run per dossier (7)"

# the validator does reject a broken log (so the loop above can fail)
sed 's/"level": "error"/"level": "fatal"/' "$T/all.sarif" >"$T/bad.sarif"
if validate "$T/bad.sarif" 2>/dev/null; then pa_fail "the schema check accepts an invalid level"; fi
exit 0

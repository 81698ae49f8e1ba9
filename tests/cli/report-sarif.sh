#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# pactaudit report --format sarif: every fixture validates against the SARIF 2.1.0 schema.
. "$top_srcdir/tests/lib/testlib.sh"
set -e
pa_tmp

schema="$top_srcdir/tests/fixtures/schemas/sarif-2.1.0-rtm.5.json"
[ -f "$schema" ] || schema="$top_srcdir/../shared/schemas/sarif-2.1.0-rtm.5.json"
[ -f "$schema" ] || pa_fail "no SARIF schema"
py=/usr/bin/python3
[ -x "$py" ] && "$py" -c 'import jsonschema' 2>/dev/null ||
    pa_skip "Debian's python3-jsonschema is not installed"

validate() {
	"$py" -c 'import json,sys,jsonschema; jsonschema.validate(json.load(open(sys.argv[2])), json.load(open(sys.argv[1])))' \
	    "$schema" "$1"
}

fx="$top_srcdir/tests/fixtures/results"
for f in "$fx"/*.xml; do
	assert_exit 0 "$PACTAUDIT" report --format sarif -o "$T/out.sarif" "$f"
	validate "$T/out.sarif" 2>"$T/why" || { cat "$T/why" >&2; pa_fail "$(basename "$f"): invalid SARIF"; }
done
assert_exit 0 "$PACTAUDIT" report --format sarif -o "$T/all.sarif" "$fx"/*.xml
validate "$T/all.sarif" || pa_fail "several dossiers: invalid SARIF"
[ "$("$py" -c 'import json,sys; print(len(json.load(open(sys.argv[1]))["runs"]))' "$T/all.sarif")" -eq 7 ] ||
    pa_fail "expected one run per dossier (7)"

# the validator does reject a broken log (so the loop above can fail)
sed 's/"level": "error"/"level": "fatal"/' "$T/all.sarif" >"$T/bad.sarif"
if validate "$T/bad.sarif" 2>/dev/null; then pa_fail "the schema check accepts an invalid level"; fi
exit 0

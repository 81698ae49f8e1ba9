#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# check --format sarif: the log of a self-assessment, of a --path dossier and
# of a call of several dossiers passes the SARIF 2.1.0 schema and GitHub code
# scanning's documented upload rules (checked by upload_rules below).
. "$top_srcdir/tests/lib/testlib.sh"
set -e
pa_tmp
command -v git >/dev/null || pa_skip "git is not installed"
pa_sarif_setup

# GitHub's rules for an uploaded SARIF file, from its documentation:
# - "SARIF support for code scanning" (docs.github.com/en/code-security/
#   code-scanning/integrating-with-code-scanning/sarif-support-for-code-scanning):
#   every result needs a location (an upload with a result without one is
#   rejected: "locationFromSarifResult: expected at least one location");
#   artifactLocation.uri is relative to the repository root (uriBaseId is not
#   resolved) and is not an absolute URI; runs of one tool in one file need
#   distinct categories (runAutomationDetails.id up to its last '/');
#   ruleIndex points into tool.driver.rules and a rule has an id.
# - "SARIF results exceed limit" (.../troubleshooting-sarif-uploads/
#   results-exceed-limit): at most 20 runs per file, 25,000 results and
#   25,000 rules per run, 1,000 locations per result, 20 tags per rule;
#   "SARIF file is too large": at most 10 MB gzip-compressed.
upload_rules() {
	"$PY" - "$1" "$2" <<'PY'
import gzip, json, re, sys
path, prefix = sys.argv[1], sys.argv[2]
raw = open(path, "rb").read()
log = json.loads(raw)
bad = []
def fail(msg):
    bad.append(msg)
if len(gzip.compress(raw)) > 10 * 1024 * 1024:
    fail("larger than 10 MB gzip-compressed")
runs = log.get("runs", [])
if not 1 <= len(runs) <= 20:
    fail("%d runs (1 to 20)" % len(runs))
cats = []
for n, run in enumerate(runs):
    rid = run.get("automationDetails", {}).get("id")
    cats.append((run["tool"]["driver"]["name"], rid.rsplit("/", 1)[0] if rid else None))
    rules = run["tool"]["driver"].get("rules", [])
    if len(rules) > 25000:
        fail("run %d: %d rules" % (n, len(rules)))
    for r in rules:
        if not r.get("id"):
            fail("run %d: a rule without an id" % n)
        if len(r.get("properties", {}).get("tags", [])) > 20:
            fail("rule %s: more than 20 tags" % r.get("id"))
        for key in ("name", "shortDescription", "fullDescription", "help"):
            if key not in r:
                fail("rule %s: no %s" % (r.get("id"), key))
        if "markdown" not in r.get("help", {}):
            fail("rule %s: help has no markdown" % r.get("id"))
    results = run.get("results", [])
    if len(results) > 25000:
        fail("run %d: %d results" % (n, len(results)))
    inv = run.get("invocations", [])
    if len(inv) != 1 or "executionSuccessful" not in inv[0] or "exitCode" not in inv[0]:
        fail("run %d: no invocation with exitCode and executionSuccessful" % n)
    for res in results:
        locs = res.get("locations", [])
        if not 1 <= len(locs) <= 1000:
            fail("result %s: %d locations" % (res.get("ruleId"), len(locs)))
        if "ruleIndex" in res and (res["ruleIndex"] >= len(rules) or
                rules[res["ruleIndex"]]["id"] != res.get("ruleId")):
            fail("result %s: ruleIndex points elsewhere" % res.get("ruleId"))
        for loc in locs:
            uri = loc["physicalLocation"]["artifactLocation"]["uri"]
            # RFC 3986: a scheme is ALPHA *( ALPHA / DIGIT / "+" / "-" / "." ) ":"
            if re.match(r"^[A-Za-z][A-Za-z0-9+.-]*:", uri) or uri.startswith("/"):
                fail("result %s: URI %r is not relative" % (res.get("ruleId"), uri))
            if not uri.startswith(prefix):
                fail("result %s: URI %r is not under %r" % (res.get("ruleId"), uri, prefix))
            if re.search(r"[^A-Za-z0-9\-._~!$&'()*+,;=@/%]", uri):
                fail("result %s: URI %r is not percent-encoded" % (res.get("ruleId"), uri))
if len(set(cats)) != len(cats):
    fail("two runs share a category: %r" % cats)
for b in bad:
    print(b, file=sys.stderr)
sys.exit(1 if bad else 0)
PY
}

validate() {
	pa_sarif_valid "$1" || pa_fail "$1: not valid SARIF 2.1.0"
}

# jq-like: print the value of a Python expression over the log
q() {
	"$PY" -c 'import json,sys; log=json.load(open(sys.argv[1])); print(eval(sys.argv[2]))' "$1" "$2"
}

ex="$top_srcdir/examples/src/aurore"
check() {
	"$PACTAUDIT" check --as-of 2026-11-27 --no-cache "$@"
}

# --- a self-assessment (working files, unsigned): dossier-wide findings
# (signatures, the self-declared trust note) are anchored to a file
pa_repo "$T/self" "$ex"
assert_exit 1 check --worktree --format sarif -o "$T/self.sarif" "$T/self"
validate "$T/self.sarif"
upload_rules "$T/self.sarif" "" || pa_fail "self-assessment: refused by the upload rules"
[ "$(q "$T/self.sarif" 'sum(1 for r in log["runs"][0]["results"] if r["ruleId"].startswith("SIG-"))')" -gt 0 ] ||
    pa_fail "the self-assessment has no signature finding to anchor"
[ "$(q "$T/self.sarif" 'sorted({r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in log["runs"][0]["results"] if r["ruleId"].startswith("SIG-")})')" = \
    "['pact/signers.xml']" ] || pa_fail "signature findings are not anchored to pact/signers.xml"
[ "$(q "$T/self.sarif" 'log["runs"][0]["automationDetails"]["id"]')" = "pactaudit/" ] ||
    pa_fail "one dossier: automationDetails.id is not pactaudit/"
[ "$(q "$T/self.sarif" 'log["runs"][0]["invocations"][0]["exitCode"]')" = 1 ] ||
    pa_fail "invocation exit code is not 1"
# rules: the title, the legal reference and where to read it
q "$T/self.sarif" '[r for r in log["runs"][0]["tool"]["driver"]["rules"] if r.get("helpUri","").startswith("https://eur-lex.europa.eu/eli/reg/2024/1689/oj/eng#art_")][0]["shortDescription"]["text"]' \
    >"$T/title" 2>/dev/null || pa_fail "no rule links its article on EUR-Lex"
[ -s "$T/title" ] && ! grep -q '^[A-Z0-9-]*$' "$T/title" || pa_fail "shortDescription is not the rule's title"

# --- a dossier in a folder of a larger repository (--path): URIs from the
# repository root; the folder's name would be a URI scheme if left alone
mkdir -p "$T/mono-src/javascript:alert(1)" "$T/mono-src/src"
cp -R "$ex"/. "$T/mono-src/javascript:alert(1)"/
echo 'int main(void) { return 0; }' >"$T/mono-src/src/main.c"
pa_repo "$T/mono" "$T/mono-src"
assert_exit 1 check --path 'javascript:alert(1)' --format sarif -o "$T/path.sarif" "$T/mono"
validate "$T/path.sarif"
upload_rules "$T/path.sarif" 'javascript%3Aalert(1)/' || pa_fail "--path: refused by the upload rules"
grep -qF '"uri": "javascript%3Aalert(1)/application.xml"' "$T/path.sarif" || pa_fail "--path: the application's URI is not from the repository root"

# --- a call of several dossiers, one of them missing: one run per dossier
# named, distinct categories, the missing one with its reason
pa_repo "$T/b" "$ex"
assert_exit 2 check --format sarif -o "$T/call.sarif" "$T/self" "$T/missing" "$T/b" "$T/self"
validate "$T/call.sarif"
upload_rules "$T/call.sarif" "" || pa_fail "several dossiers: refused by the upload rules"
[ "$(q "$T/call.sarif" 'len(log["runs"])')" = 4 ] || pa_fail "not one run per dossier named"
[ "$(q "$T/call.sarif" '[r["invocations"][0]["executionSuccessful"] for r in log["runs"]]')" = \
    "[True, False, True, True]" ] || pa_fail "the missing dossier's run does not say it failed"
q "$T/call.sarif" 'log["runs"][1]["invocations"][0]["toolExecutionNotifications"][0]["message"]["text"]' \
    | grep -q 'missing' || pa_fail "the failed run does not say why"
[ "$(q "$T/call.sarif" 'log["runs"][1]["invocations"][0]["exitCode"]')" = 2 ] ||
    pa_fail "the failed run's exit code is not 2"

# --- the checker itself rejects what GitHub rejects
"$PY" -c 'import json,sys; l=json.load(open(sys.argv[1])); del l["runs"][0]["results"][0]["locations"]; json.dump(l, open(sys.argv[2],"w"))' \
    "$T/self.sarif" "$T/noloc.sarif"
if upload_rules "$T/noloc.sarif" "" 2>/dev/null; then pa_fail "a result without a location passes"; fi
sed 's|"uri": "application.xml"|"uri": "javascript:alert(1)"|' "$T/self.sarif" >"$T/scheme.sarif"
if upload_rules "$T/scheme.sarif" "" 2>/dev/null; then pa_fail "an absolute URI passes"; fi
"$PY" -c 'import json,sys; l=json.load(open(sys.argv[1])); l["runs"][3]["automationDetails"]["id"]=l["runs"][0]["automationDetails"]["id"]; json.dump(l, open(sys.argv[2],"w"))' \
    "$T/call.sarif" "$T/samecat.sarif"
if upload_rules "$T/samecat.sarif" "" 2>/dev/null; then pa_fail "two runs of one category pass"; fi
exit 0

#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# The sample call: make-call.sh builds signed repositories, and pactaudit
# says about each dossier what examples/README.md promises.
. "$top_srcdir/tests/lib/testlib.sh"
set -e
pa_tmp
command -v gpg >/dev/null && command -v gpgconf >/dev/null || pa_skip "GnuPG is not installed"
command -v xmllint >/dev/null || pa_skip "xmllint is not installed"

ex="$top_srcdir/examples"
schemas="$top_srcdir/rules/schema"
C="$T/call"
ASOF=2027-12-02
dossiers="arkisto talentra aurore voxara sentimetria"

# xp FILE XPATH: string value of an XPath on a dossier file (any namespace)
xp() {
	xmllint --xpath "string($2)" "$1" 2>/dev/null || true
}

# assert_min N XPATH FILE: at least N nodes match (prefixes r and e bound)
assert_min() {
	got=$(printf 'setns r=urn:pactaudit:results:1\nsetns e=urn:pactaudit:evidence:1\nxpath count(%s)\n' "$2" |
	    xmllint --shell "$3" 2>/dev/null | sed -n 's/.*Object is a number : *//p' | head -n 1)
	[ "${got:-0}" -ge "$1" ] 2>/dev/null || pa_fail "count($2) in $3 is '$got', expected at least $1"
}

# --- the sources never hold key material -------------------------------
if grep -rl 'BEGIN PGP' "$ex/src"; then
	pa_fail "key or signature material under examples/src"
fi
[ -z "$(find "$ex/src" -name '*.asc' -o -name 'signers.xml' -o -name 'keys.asc')" ] ||
    pa_fail "examples/src holds files that make-call.sh must generate"

# --- build the call ------------------------------------------------------
mkdir -p "$T/tmp"
TMPDIR="$T/tmp" sh "$ex/make-call.sh" "$C" >"$T/out" 2>"$T/err" ||
    { cat "$T/err" >&2; pa_fail "make-call.sh failed"; }
[ "$(wc -l <"$T/out")" -eq 6 ] || { cat "$T/out" >&2; pa_fail "expected one line per dossier and a summary"; }
[ -z "$(ls -A "$T/tmp")" ] || pa_fail "make-call.sh left its temporary GnuPG home behind: $(ls "$T/tmp")"
if ps -eo args 2>/dev/null | grep -F "$T/tmp/pactaudit-call-gnupg" | grep -v grep >/dev/null; then
	pa_fail "a gpg-agent of make-call.sh is still running"
fi
[ -s "$C/keyring.asc" ] || pa_fail "no keyring.asc"
if grep -rl 'PRIVATE KEY' "$C" >/dev/null; then pa_fail "secret key material in the call"; fi

# an independent GnuPG home that knows only the exported public keys
pa_gpg_home
gpg --batch --quiet --import "$C/keyring.asc" 2>/dev/null || pa_fail "keyring.asc does not import"
[ "$(gpg --batch --with-colons --list-keys | grep -c '^pub:')" -eq 5 ] ||
    pa_fail "keyring.asc does not hold five keys"
[ "$(gpg --batch --with-colons --list-secret-keys | grep -c '^sec:')" -eq 0 ] ||
    pa_fail "keyring.asc holds a secret key"

for d in $dossiers; do
	D="$C/$d"
	[ -d "$D/.git" ] || pa_fail "$d is not a git repository"
	[ -z "$(git -C "$D" status --porcelain)" ] || pa_fail "$d has uncommitted files"
	n=$(git -C "$D" rev-list --count HEAD)
	[ "$n" -ge 3 ] || pa_fail "$d has $n commits, expected a few"
	[ "$(git -C "$D" cat-file -t submission)" = tag ] || pa_fail "$d: no annotated tag 'submission'"
	[ "$(git -C "$D" rev-parse 'submission^{commit}')" = "$(git -C "$D" rev-parse HEAD)" ] ||
	    pa_fail "$d: the submission tag is not on HEAD"
	git -C "$D" verify-tag submission 2>/dev/null || pa_fail "$d: tag signature does not verify"
	for c in $(git -C "$D" rev-list HEAD); do
		git -C "$D" verify-commit "$c" 2>/dev/null || pa_fail "$d: commit $c is not signed"
	done
	for f in application.xml README.md pact/commitments.xml pact/commitments.xml.asc \
	    pact/signers.xml pact/keys.asc; do
		git -C "$D" cat-file -e "HEAD:$f" 2>/dev/null || pa_fail "$d: $f is not committed"
	done
	[ "$(git -C "$D" ls-tree -r --name-only HEAD models | grep -c '/README.md$')" -ge 1 ] ||
	    pa_fail "$d: no model card"
	[ "$(git -C "$D" ls-tree -r --name-only HEAD datasets | grep -c '/README.md$')" -ge 1 ] ||
	    pa_fail "$d: no dataset card"

	# one key: the signer of the commits, the policy, the application,
	# the pledge and pact/keys.asc agree
	fpr=$(git -C "$D" log -1 --format=%GF HEAD)
	[ -n "$fpr" ] || pa_fail "$d: HEAD has no signer"
	[ "$(xp "$D/pact/signers.xml" '//*[local-name()="signer"]/@fingerprint')" = "$fpr" ] ||
	    pa_fail "$d: signers.xml does not name the signing key"
	[ "$(xp "$D/pact/signers.xml" '//*[local-name()="signer"]/@rights')" = "commit pact tag signers" ] ||
	    pa_fail "$d: signers.xml rights"
	[ "$(xp "$D/application.xml" '//*[local-name()="signatory"][1]/*[local-name()="fingerprint"]')" = "$fpr" ] ||
	    pa_fail "$d: application.xml signatory fingerprint"
	[ "$(xp "$D/pact/commitments.xml" '//*[local-name()="signatory"][1]/@fingerprint')" = "$fpr" ] ||
	    pa_fail "$d: commitments.xml signatory fingerprint"
	gpg --batch --with-colons --show-keys "$D/pact/keys.asc" 2>/dev/null | grep -q "^fpr:.*:$fpr:" ||
	    pa_fail "$d: pact/keys.asc is not the signing key"
	if grep -rn '@FINGERPRINT@' "$D"/*.xml "$D"/pact; then pa_fail "$d: placeholder left"; fi

	# the detached signature covers the committed bytes, made at the fixed date
	git -C "$D" show HEAD:pact/commitments.xml >"$T/c.xml"
	git -C "$D" show HEAD:pact/commitments.xml.asc >"$T/c.asc"
	gpg --batch --status-fd 1 --verify "$T/c.asc" "$T/c.xml" >"$T/status" 2>/dev/null ||
	    pa_fail "$d: pact/commitments.xml.asc does not verify"
	grep -q "^\[GNUPG:\] VALIDSIG $fpr 2026-1[01]-" "$T/status" ||
	    pa_fail "$d: the pact signature is not by $fpr in October or November 2026"

	# every XML file validates against its schema (once the schemas exist)
	for pair in application.xml:application.rng pact/commitments.xml:commitments.rng \
	    pact/signers.xml:signers.rng; do
		f=${pair%%:*}
		rng="$schemas/${pair#*:}"
		xmllint --noout "$D/$f" 2>/dev/null || pa_fail "$d: $f is not well-formed"
		[ -f "$rng" ] || continue
		xmllint --noout --relaxng "$rng" "$D/$f" 2>"$T/err" ||
		    { cat "$T/err" >&2; pa_fail "$d: $f does not validate"; }
	done
done

# fixed dates: the histories read the same on every run
[ "$(git -C "$C/arkisto" log --reverse --format=%aI | head -n 1)" = "2026-10-01T10:00:00+00:00" ] ||
    pa_fail "arkisto's first commit is not dated 2026-10-01T10:00"
[ "$(git -C "$C/sentimetria" log -1 --format='%cI %s' submission)" = \
    "2026-11-04T16:05:00+00:00 Sign the AI Pact commitments" ] ||
    pa_fail "sentimetria's last commit date or message"
git -C "$C/talentra" log --format='%s' >"$T/log1"
fpr1=$(git -C "$C/talentra" log -1 --format=%GF)

# --- rebuilding: idempotent, with fresh keys; never deletes a foreign folder
TMPDIR="$T/tmp" sh "$ex/make-call.sh" "$C" >/dev/null 2>"$T/err" ||
    { cat "$T/err" >&2; pa_fail "make-call.sh failed on the second run"; }
git -C "$C/talentra" log --format='%s' >"$T/log2"
cmp -s "$T/log1" "$T/log2" || pa_fail "the rebuilt history differs"
[ "$(git -C "$C/talentra" log -1 --format=%GF)" != "$fpr1" ] || pa_fail "a key was reused"
mkdir -p "$T/mine"
echo precious >"$T/mine/notes.txt"
assert_exit 2 sh "$ex/make-call.sh" "$T/mine"
assert_grep 'not removing' "$T/err"
[ -f "$T/mine/notes.txt" ] || pa_fail "make-call.sh removed a foreign folder"

# --- what pactaudit says (examples/README.md) -------------------------------
# check DOSSIER EXIT: results of the submission tag in $T/DOSSIER.xml
check() {
	assert_exit "$2" "$PACTAUDIT" check --format xml --keyring "$C/keyring.asc" \
	    --as-of "$ASOF" --rev submission "$C/$1"
	cp "$T/out" "$T/$1.xml"
	assert_xpath 1 '/r:results/r:verdict' "$T/$1.xml"
	assert_xpath 0 "//r:signature[@status != 'good']" "$T/$1.xml"
	assert_xpath 1 "//r:signature[@object = 'pact/commitments.xml'][@status = 'good']" "$T/$1.xml"
}
# art SEVERITY-TEST ARTICLE: XPath step for open findings whose legal reference is ARTICLE
art() {
	printf "r:finding[@status = 'open'][%s][@ref = 'Art. %s' or starts-with(@ref, 'Art. %s(') or starts-with(@ref, 'Art. %s ') or starts-with(@ref, 'Art. %s;') or starts-with(@ref, 'Art. %s,')]" \
	    "$1" "$2" "$2" "$2" "$2" "$2"
}
ERR="@severity = 'error' or @severity = 'blocker'"

check arkisto 0
assert_xpath 1 "/r:results[r:verdict = 'eligible']" "$T/arkisto.xml"
assert_xpath 1 "/r:results/r:system[@id = 'arkisto-llm'][@tier = 'minimal']" "$T/arkisto.xml"
assert_xpath 1 "/r:results/r:system[@id = 'haku'][@tier = 'limited']" "$T/arkisto.xml"
assert_xpath 1 "/r:results/r:model[@id = 'arkisto-fi-1.7b'][@gpai = 'none']" "$T/arkisto.xml"
assert_xpath 0 "//r:finding[@status = 'open'][$ERR or @severity = 'warning']" "$T/arkisto.xml"

check talentra 1
assert_xpath 1 "/r:results[r:verdict = 'needs-changes']" "$T/talentra.xml"
assert_xpath 1 "/r:results/r:system[@id = 'talentra-match'][@tier = 'high']" "$T/talentra.xml"
for a in 9 11 14; do
	assert_min 1 "//$(art "$ERR" "$a")" "$T/talentra.xml"
done
assert_xpath 0 "//r:finding[@status = 'open'][@severity = 'blocker']" "$T/talentra.xml"
for a in 10 12 13 15; do
	assert_xpath 0 "//$(art "$ERR" "$a")" "$T/talentra.xml"
done

check aurore 1
assert_xpath 1 "/r:results[r:verdict = 'needs-changes']" "$T/aurore.xml"
assert_xpath 1 "/r:results/r:model[@id = 'aurore-400b'][@gpai = 'systemic']" "$T/aurore.xml"
assert_min 1 "//$(art "$ERR" 52)" "$T/aurore.xml"
# placed on 1 July 2028: Art. 53 and 55 bind from then, reported as info with the date
assert_xpath 0 "//$(art "$ERR" 55)" "$T/aurore.xml"
assert_xpath 1 "//r:finding[@rule = 'AIA-GPAI-BEFORE-PLACING'][@severity = 'info'][contains(r:message, '2028-07-01')][contains(r:message, 'systemic-risk-assessment')]" "$T/aurore.xml"
assert_xpath 0 "//r:finding[@status = 'open'][@severity = 'blocker']" "$T/aurore.xml"

check voxara 1
assert_xpath 1 "/r:results[r:verdict = 'needs-changes']" "$T/voxara.xml"
assert_xpath 1 "/r:results/r:system[@id = 'voxara-subtitles'][@tier = 'minimal']" "$T/voxara.xml"
assert_min 1 "//r:finding[@status = 'open'][$ERR][@path = 'datasets/parlato-it/README.md']" \
    "$T/voxara.xml"
assert_xpath 0 "//r:finding[@status = 'open'][$ERR][starts-with(@path, 'datasets/') and @path != 'datasets/parlato-it/README.md']" \
    "$T/voxara.xml"

check sentimetria 1
assert_xpath 1 "/r:results[r:verdict = 'ineligible']" "$T/sentimetria.xml"
assert_xpath 1 "/r:results/r:system[@id = 'pulso'][@tier = 'prohibited']" "$T/sentimetria.xml"
assert_min 1 "//r:finding[@status = 'open'][@severity = 'blocker'][starts-with(@ref, 'Art. 5(1)(f)')]" \
    "$T/sentimetria.xml"

# before Chapter III applies to Annex III systems, Talentra's gaps are
# reported as not yet in force, and do not block
assert_exit 0 "$PACTAUDIT" check --format xml --keyring "$C/keyring.asc" \
    --as-of 2027-01-15 "$C/talentra"
cp "$T/out" "$T/talentra-2027.xml"
assert_xpath 1 "/r:results[r:verdict = 'eligible']" "$T/talentra-2027.xml"
assert_xpath 0 "//$(art "$ERR" 9)" "$T/talentra-2027.xml"
assert_min 3 "//r:finding[@in-force = 'false'][@severity = 'info']" "$T/talentra-2027.xml"

# --- the evidence shows every card, licence, commitment and signer with src and line
for d in $dossiers; do
	D="$C/$d"
	assert_exit 0 "$PACTAUDIT" evidence --rev submission --keyring "$C/keyring.asc" "$D"
	E="$T/$d-evidence.xml"
	cp "$T/out" "$E"
	# signatures: the pact, every commit and the tag, good and authorised
	assert_xpath 1 "/e:evidence/e:signatures[@history = 'authenticated']" "$E"
	assert_xpath 0 "//e:signature[@status != 'good' or @authorised != 'true']" "$E"
	assert_xpath 1 "//e:signature[@object = 'pact/commitments.xml'][@kind = 'detached'][@src = 'pact/commitments.xml.asc']" "$E"
	assert_xpath "$(git -C "$D" rev-list --count HEAD)" "//e:signature[@kind = 'commit']" "$E"
	assert_xpath 1 "//e:signature[@kind = 'tag'][@object = 'refs/tags/submission']" "$E"
	nm=$(git -C "$D" ls-tree -d --name-only HEAD models/ | wc -l)
	nd=$(git -C "$D" ls-tree -d --name-only HEAD datasets/ | wc -l)
	assert_xpath "$nm" '/e:evidence/e:model' "$E"
	assert_xpath "$nd" '/e:evidence/e:dataset' "$E"
	assert_xpath "$nm" "/e:evidence/e:model[starts-with(@src, 'models/')][@line > 0]/e:license[@src = ../@src][@line > 0]" "$E"
	assert_xpath "$nd" "/e:evidence/e:dataset[starts-with(@src, 'datasets/')][@line > 0]/e:license[@src = ../@src][@line > 0]" "$E"
	for m in $(git -C "$D" ls-tree -d --name-only HEAD models/); do
		assert_xpath 1 "/e:evidence/e:model[@src = '$m/README.md']" "$E"
	done
	assert_xpath 3 "/e:evidence/e:pact/e:core[@src = 'pact/commitments.xml'][@line > 0]" "$E"
	assert_xpath 3 "/e:evidence/e:pact/e:core[@id = 'ai-governance-strategy' or @id = 'high-risk-mapping' or @id = 'ai-literacy']" "$E"
	assert_xpath 1 "/e:evidence/e:signers/e:signer[@src = 'pact/signers.xml'][@line > 0]" "$E"
	assert_xpath 1 "/e:evidence/e:application[@src = 'application.xml'][@line > 0]" "$E"
	assert_xpath 0 "//e:diagnostics/e:diag[@severity = 'error' or @severity = 'warning']" "$E"
	# the results carry the same datasets, licences and commitments
	R="$T/$d.xml"
	assert_xpath "$nd" '/r:results/r:dataset[@license-status]' "$R"
	assert_xpath "$nm" '/r:results/r:model[@license-status]' "$R"
	for ds in $(xmllint --xpath "//*[local-name()='dataset']/@id" "$E" | sed 's/ *id="\([^"]*\)"/\1 /g'); do
		lic=$(xmllint --xpath "string(//*[local-name()='dataset'][@id='$ds']/*[local-name()='license']/@status)" "$E")
		assert_xpath 1 "/r:results/r:dataset[@id = '$ds'][@license-status = '$lic']" "$R"
	done
	ncore=$(xmllint --xpath "count(/*/*[local-name()='pact']/*[local-name()='core'])" "$E")
	npledge=$(xmllint --xpath "count(/*/*[local-name()='pact']/*[local-name()='pledge'])" "$E")
	assert_xpath "$ncore" "/r:results/r:pact[@state = 'valid']/r:commitment[@kind = 'core'][string-length(@text) > 0]" "$R"
	assert_xpath "$npledge" "/r:results/r:pact/r:commitment[@kind = 'pledge']" "$R"
done
# JSON carries them too (datasets, licences, the pact)
if command -v jq >/dev/null; then
	assert_exit 0 "$PACTAUDIT" report --format json "$T/arkisto.xml"
	jq -e '(.datasets | length) == 3 and (.datasets | all(.license_status == "valid"))
	    and (.models | all(.license != null)) and .pact.state == "valid"
	    and .pact.organisation == "Arkisto AI Oy"
	    and ([.pact.commitments[] | select(.kind == "core")] | length) == 3
	    and ([.pact.commitments[] | select(.kind == "pledge")] | all(.article != null))' \
	    "$T/out" >/dev/null || { cat "$T/out" >&2; pa_fail "JSON datasets, licences or pact"; }
fi
# the licence that decides voxara's verdict is seen as non-commercial
assert_xpath 1 "/e:evidence/e:dataset[@src = 'datasets/parlato-it/README.md']/e:license[@non-commercial = 'true']" \
    "$T/voxara-evidence.xml"
echo "examples: ok"

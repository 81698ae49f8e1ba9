#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# --registry FILE: the auditor's trust root and pinned keys (pactaudit-registry(5)).
. "$top_srcdir/tests/cli/trust-common.sh"

A=$(pa_gpg_key "Alice Owner")
B=$(pa_gpg_key "Bob Committer")
K=$T/keyring.asc
D=$T/acme

new_dossier "$D" "$A"
root=$(rev "$D")
signers "$D/pact/signers.xml" "$A" Alice "commit pact tag signers" "$B" Bob commit
commit_as "$A" "$D" "Bob may commit"
echo "x" > "$D/x.md"
commit_as "$B" "$D" "work"
gpg --batch --armor --export "$A" "$B" > "$D/pact/keys.asc"
commit_as "$A" "$D" "publish keys"
keyring "$K"

registry() {	# registry FILE ROOT FPR [valid-from] [valid-until] [dossier]
	{
		echo '<registry xmlns="urn:pactaudit:registry:1" version="1">'
		printf '  <applicant id="acme" root="%s"%s%s%s>\n' "$2" \
		    "${4:+ valid-from=\"$4\"}" "${5:+ valid-until=\"$5\"}" "${6:+ dossier=\"$6\"}"
		printf '    <key fingerprint="%s" name="Registered signer" rights="commit pact tag signers"/>\n' "$3"
		echo '  </applicant>'
		echo '</registry>'
	} > "$1"
}

# ---- the registry's root and pinned key ----
registry "$T/reg.xml" "$root" "$A" 2026-01-01 2030-12-31 acme
verify 0 "$D" --keyring "$K" --registry "$T/reg.xml" --as-of 2026-06-01
summary "[@trust='registry'][@applicant='acme'][@root='$root'][@history='authenticated'][@pact-signed='true']"
sig "$root" "[@root='true'][@status='good'][@authorised='true'][@policy='registry']"
assert_exit 0 "$PACTAUDIT" pact verify "$D" --keyring "$K" --registry "$T/reg.xml" --as-of 2026-06-01
assert_grep '^trust: registry' "$T/out"

# matched by its root commit when no dossier folder is given
registry "$T/reg-root.xml" "$root" "$A"
verify 0 "$D" --keyring "$K" --registry "$T/reg-root.xml"
summary "[@trust='registry'][@history='authenticated']"

# a later root: commits before it are not walked
later=$(rev "$D" HEAD~1)
registry "$T/reg-later.xml" "$later" "$B"
verify 0 "$D" --keyring "$K" --registry "$T/reg-later.xml"
assert_xpath 2 "/e:evidence/e:signatures/e:signature[@kind='commit']" "$T/ev.xml"
sig "$later" "[@root='true'][@authorised='true']"
assert_xpath 0 "//e:signature[@object='$root']" "$T/ev.xml"

# ---- the root signed by a key the registry did not pin ----
registry "$T/reg-pin.xml" "$root" "$B"
verify 1 "$D" --keyring "$K" --registry "$T/reg-pin.xml"
sig "$root" "[@root='true'][@status='untrusted-signer'][@authorised='false'][contains(@reason, 'pinned keys')]"
summary "[@history='unauthenticated'][@pact-signed='false']"

# ---- outside the entry's validity period ----
registry "$T/reg-old.xml" "$root" "$A" 2020-01-01 2021-12-31 acme
verify 1 "$D" --keyring "$K" --registry "$T/reg-old.xml" --as-of 2026-06-01
summary "[@trust='none'][@history='unauthenticated'][contains(@reason, 'valid from 2020-01-01 until 2021-12-31')]"

# ---- no entry for this dossier ----
registry "$T/reg-other.xml" "0123456789abcdef0123456789abcdef01234567" "$A" "" "" elsewhere
verify 1 "$D" --keyring "$K" --registry "$T/reg-other.xml"
summary "[@trust='none'][@history='unauthenticated'][contains(@reason, 'no applicant')]"

# ---- a registry root that is not an ancestor ----
pa_git -C "$D" checkout -q -b other "$root"
echo o > "$D/o.md"
commit_as "$A" "$D" "elsewhere"
elsewhere=$(rev "$D")
pa_git -C "$D" checkout -q -
registry "$T/reg-anc.xml" "$elsewhere" "$A" "" "" acme
verify 1 "$D" --keyring "$K" --registry "$T/reg-anc.xml"
summary "[@trust='registry'][@history='unauthenticated'][contains(@reason, 'not the audited commit or an ancestor')]"

# ---- with a registry, the dossier's own keys are not used ----
registry "$T/reg.xml" "$root" "$A" "" "" acme
verify 1 "$D" --registry "$T/reg.xml" --no-cache
sig "$root" "[@status='unknown-key']"
verify 0 "$D" --no-cache	# self-assessment reads pact/keys.asc
summary "[@trust='self-declared'][@history='authenticated']"

# ---- a malformed registry is an error with its line ----
printf '<registry xmlns="urn:pactaudit:registry:1">\n  <applicant id="x" root="nothex">\n' > "$T/bad1.xml"
printf '<registry xmlns="urn:pactaudit:registry:1">\n<applicant id="x" root="%s">\n<key fingerprint="12"/>\n</applicant>\n</registry>\n' "$root" > "$T/bad2.xml"
printf '<registry xmlns="urn:pactaudit:registry:1">\n<applicant id="x" root="%s" valid-until="soon">\n<key fingerprint="%s"/>\n</applicant>\n</registry>\n' "$root" "$A" > "$T/bad3.xml"
printf '<registry xmlns="urn:pactaudit:registry:1">\n<applicant id="x" root="%s">\n<key fingerprint="%s" rights="commit everything"/>\n</applicant>\n</registry>\n' "$root" "$A" > "$T/bad4.xml"
printf '<!DOCTYPE r [<!ENTITY e SYSTEM "file:///etc/passwd">]>\n<registry xmlns="urn:pactaudit:registry:1">&e;</registry>\n' > "$T/bad5.xml"
printf '<other/>\n' > "$T/bad6.xml"
for i in 1 2 3 4 5 6; do
	assert_exit 2 "$PACTAUDIT" pact verify "$D" --keyring "$K" --registry "$T/bad$i.xml"
	assert_grep "^pactaudit: $T/bad$i.xml" "$T/err"
done
assert_grep 'bad6.xml: the root element must be <registry' "$T/err"
assert_exit 2 "$PACTAUDIT" pact verify "$D" --keyring "$K" --registry "$T/bad4.xml"
assert_grep "bad4.xml:3: unknown right 'everything'" "$T/err"
assert_exit 2 "$PACTAUDIT" pact verify "$D" --keyring "$K" --registry "$T/nonexistent.xml"

# ---- the results name the registry entry (pactaudit-registry(5), pactaudit-results(5)) ----
registry "$T/reg.xml" "$root" "$A" "" "" acme
"$PACTAUDIT" check "$D" --keyring "$K" --registry "$T/reg.xml" --no-cache --format xml \
    -o "$T/reg-results.xml" 2>"$T/err" || true
assert_grep '<applicant [^>]*registry-id="acme"' "$T/reg-results.xml"
"$PACTAUDIT" check "$D" --keyring "$K" --no-cache --format xml -o "$T/noreg-results.xml" \
    2>"$T/err" || true
if grep -q 'registry-id=' "$T/noreg-results.xml"; then
	pa_fail "a registry id without --registry"
fi
exit 0

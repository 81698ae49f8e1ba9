#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# librnp (the default verifier) against GPGME (--verifier gpgme, the
# reference): the scenarios the other trust tests do not make (a signing
# subkey, RSA 3072, several signatures in one .asc, a signature that is not
# OpenPGP at all).  Every `verify` below runs both verifiers and requires
# the same document (trust-common.sh).
. "$top_srcdir/tests/cli/trust-common.sh"

A=$(pa_gpg_key "Alice Owner")
R=$(pa_gpg_key "Rita Rsa" rsa3072)
U=$(pa_gpg_key "Una Unknown")
# a certify-only primary key with an ed25519 signing subkey
gpg --batch --passphrase '' --quick-generate-key "Sue Subkey <sue@example.org>" ed25519 cert never \
    >/dev/null 2>&1 || pa_fail "cannot create Sue's key"
P=$(gpg --batch --with-colons --list-keys sue@example.org | awk -F: '/^fpr:/ { print $10; exit }')
gpg --batch --passphrase '' --quick-add-key "$P" ed25519 sign never >/dev/null 2>&1 ||
    pa_fail "cannot add Sue's signing subkey"
SUB=$(gpg --batch --with-colons --list-keys sue@example.org | awk -F: '/^fpr:/ { n++ } /^fpr:/ && n == 2 { print $10; exit }')
[ -n "$SUB" ] && [ "$SUB" != "$P" ] || pa_fail "no subkey fingerprint"
K=$T/keyring.asc
D=$T/d

new_dossier "$D" "$A"
signers "$D/pact/signers.xml" "$A" Alice "commit pact tag signers" "$R" Rita "commit pact" \
    "$P" Sue "commit pact tag"
commit_as "$A" "$D" "Rita and Sue may sign"
gpg --batch --armor --export "$A" "$R" "$P" > "$K"	# not Una's key

# ---- a commit and the pact signed by a subkey: judged by its primary key ----
echo x > "$D/x"
detach_sign "$SUB!" "$D"
commit_as "$SUB!" "$D" "signed by Sue's subkey"
verify 0 "$D" --keyring "$K"
sig "$(rev "$D")" "[@status='good'][@fingerprint='$P'][@signer='Sue'][@authorised='true']"
sig "pact/commitments.xml" "[@status='good'][@fingerprint='$P']"

# ---- RSA 3072 ----
echo y > "$D/y"
detach_sign "$R" "$D"
commit_as "$R" "$D" "signed by Rita (RSA)"
verify 0 "$D" --keyring "$K"
sig "$(rev "$D")" "[@status='good'][@fingerprint='$R'][@signer='Rita']"
sig "pact/commitments.xml" "[@status='good'][@fingerprint='$R']"

# ---- several signatures in one .asc, each reported: good, unknown key, good ----
for k in "$A" "$U" "$R"; do
	gpg --batch --yes -u "$k" --armor --detach-sign -o - "$D/pact/commitments.xml" 2>/dev/null
done > "$T/three.asc"
cp "$T/three.asc" "$D/pact/commitments.xml.asc"
commit_as "$A" "$D" "three signatures"
verify 0 "$D" --keyring "$K"
assert_xpath 3 "/e:evidence/e:signatures/e:signature[@kind='detached']" "$T/ev.xml"
sig "pact/commitments.xml" "[@status='unknown-key'][@fingerprint='$U']"
assert_xpath 1 "/e:evidence/e:signatures/e:signature[@kind='detached'][@status='good'][@fingerprint='$A']" "$T/ev.xml"
assert_xpath 1 "/e:evidence/e:signatures/e:signature[@kind='detached'][@status='good'][@fingerprint='$R']" "$T/ev.xml"

# ---- a bad first signature (over an older text) does not hide a good second one ----
cp "$D/pact/commitments.xml" "$T/old.xml"
gpg --batch --yes -u "$A" --armor --detach-sign -o "$T/old.asc" "$T/old.xml" 2>/dev/null
commitments "$D" "Acme SAS, new text"
gpg --batch --yes -u "$A" --armor --detach-sign -o - "$T/old.xml" 2>/dev/null > "$T/bad-first.asc"
gpg --batch --yes -u "$R" --armor --detach-sign -o - "$D/pact/commitments.xml" 2>/dev/null >> "$T/bad-first.asc"
cp "$T/bad-first.asc" "$D/pact/commitments.xml.asc"
commit_as "$A" "$D" "new text signed by Rita; Alice's old signature left in"
verify 0 "$D" --keyring "$K"
assert_xpath 2 "/e:evidence/e:signatures/e:signature[@kind='detached']" "$T/ev.xml"
sig "pact/commitments.xml" "[@status='bad'][@fingerprint='$A']"
sig "pact/commitments.xml" "[@status='good'][@fingerprint='$R'][@authorised='true']"
summary "[@pact-signed='true']"
# the same two signatures in one armoured block
gpg --batch --yes -u "$R" --detach-sign -o "$T/r.sig" "$D/pact/commitments.xml" 2>/dev/null
gpg --batch --yes -u "$A" --detach-sign -o "$T/a-old.sig" "$T/old.xml" 2>/dev/null
cat "$T/a-old.sig" "$T/r.sig" | gpg --enarmor 2>/dev/null |
    sed 's/ARMORED FILE/SIGNATURE/' > "$D/pact/commitments.xml.asc"
commit_as "$A" "$D" "both in one block"
verify 0 "$D" --keyring "$K"
sig "pact/commitments.xml" "[@status='bad'][@fingerprint='$A']"
sig "pact/commitments.xml" "[@status='good'][@fingerprint='$R']"

# ---- a clearsigned or inline-signed file is not a detached signature: bad, not missing ----
gpg --batch --yes -u "$A" --clearsign -o "$D/pact/commitments.xml.asc" "$D/pact/commitments.xml" 2>/dev/null
commit_as "$A" "$D" "clearsigned instead of detached"
verify 1 "$D" --keyring "$K"
sig "pact/commitments.xml" "[@status='bad'][contains(@reason, 'not a detached signature')]"
gpg --batch --yes -u "$A" --armor --sign -o "$D/pact/commitments.xml.asc" "$D/pact/commitments.xml" 2>/dev/null
commit_as "$A" "$D" "inline-signed instead of detached"
verify 1 "$D" --keyring "$K"
sig "pact/commitments.xml" "[@status='bad'][contains(@reason, 'not a detached signature')]"

# ---- a .asc that holds no OpenPGP signature, and one that is damaged ----
printf 'not a signature at all\n' > "$D/pact/commitments.xml.asc"
commit_as "$A" "$D" "junk signature"
verify 1 "$D" --keyring "$K"
sig "pact/commitments.xml" "[@status='missing']"

# ---- the name inside the signed tag object must match the ref (a moved tag) ----
pa_git -C "$D" -c gpg.program=gpg -c user.signingkey="$A" tag -s -m "draft" draft
pa_git -C "$D" -c gpg.program=gpg -c user.signingkey="$A" tag -s -m "submission" submission
verify 1 "$D" --keyring "$K" --rev submission	# (the .asc above is junk: exit 1 either way)
sig "refs/tags/submission" "[@status='good'][@authorised='true']"
pa_git -C "$D" update-ref refs/tags/submission "$(pa_git -C "$D" rev-parse draft)"
verify 1 "$D" --keyring "$K" --rev submission
sig "refs/tags/submission" "[@status='good'][@authorised='false'][contains(@reason, \"named 'draft', not 'submission'\")]"

# ---- an unknown verifier is a usage error ----
assert_exit 2 "$PACTAUDIT" pact verify "$D" --verifier openpgp-js
assert_grep "verifier" "$T/err"
exit 0

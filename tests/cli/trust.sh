#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# The signing policy, commit by commit from the trust root: rights per file,
# no self-authorisation, merges, tags, SSH signatures, with real keys.
. "$top_srcdir/tests/cli/trust-common.sh"

A=$(pa_gpg_key "Alice Owner")			# every right
B=$(pa_gpg_key "Bob Committer" rsa2048)		# commit only
O=$(pa_gpg_key "Oscar Outsider")		# not in the policy
K=$T/keyring.asc
D=$T/d

new_dossier "$D" "$A"
root=$(rev "$D")
signers "$D/pact/signers.xml" "$A" Alice "commit pact tag signers" "$B" Bob "commit"
commit_as "$A" "$D" "Bob may commit"
echo "# Risk" > "$D/risk.md"
commit_as "$B" "$D" "Bob commits a document"
good=$(rev "$D")
keyring "$K"

# ---- an authenticated history ----
verify 0 "$D" --keyring "$K"
summary "[@trust='self-declared'][@root='$root'][@history='authenticated'][@pact-signed='true']"
sig "$root" "[@kind='commit'][@status='good'][@root='true'][@authorised='true'][@authenticated='true']"
sig "$good" "[@status='good'][@fingerprint='$B'][@right='commit'][@authorised='true'][@authenticated='true'][@policy]"
sig "pact/commitments.xml" "[@kind='detached'][@status='good'][@fingerprint='$A'][@right='pact'][@authorised='true'][@src='pact/commitments.xml.asc']"
assert_xpath 3 "/e:evidence/e:signatures/e:signature[@kind='commit']" "$T/ev.xml"
assert_xpath 3 "/e:evidence/e:git/e:commit" "$T/ev.xml"
assert_xpath 1 "/e:evidence/e:git/e:commit[@id='$root'][@changes='commitments pact-signature signers'][@parents='']" "$T/ev.xml"
assert_xpath 1 "/e:evidence/e:git/e:commit[@id='$good'][@parents='$(rev "$D" HEAD~1)'][@changes='']" "$T/ev.xml"
assert_xpath 1 "//e:signature[@object='$good'][contains(@uid, 'Bob Committer')]" "$T/ev.xml"
# the text report says the same
assert_exit 0 "$PACTAUDIT" pact verify "$D" --keyring "$K"
assert_grep '^history: authenticated' "$T/out"
assert_grep 'signed by an authorised signer' "$T/out"

# ---- a change to pact/commitments.xml by a key with commit but not pact ----
git_branch() { pa_git -C "$D" checkout -q -B "$1" "$2"; }
git_branch pactchange "$good"
commitments "$D" "Acme SAS, amended by Bob"
detach_sign "$A" "$D"
commit_as "$B" "$D" "Bob changes the commitments"
c=$(rev "$D")
verify 1 "$D" --keyring "$K"
sig "$c" "[@status='good'][@fingerprint='$B'][@right='commit pact'][@authorised='false'][@missing-right='pact'][@authenticated='false'][@policy='$good']"
summary "[@history='unauthenticated'][@pact-signed='false'][contains(@reason, '$(printf %.12s "$c")')]"
assert_exit 1 "$PACTAUDIT" pact verify "$D" --keyring "$K"
assert_grep "lacks the right 'pact'" "$T/out"

# ---- a commit that adds its own signer to pact/signers.xml ----
git_branch selfadd "$good"
signers "$D/pact/signers.xml" "$A" Alice "commit pact tag signers" "$B" Bob "commit" \
    "$O" Oscar "commit pact tag signers"
commit_as "$O" "$D" "Oscar adds himself"
c=$(rev "$D")
echo more >> "$D/risk.md"
commit_as "$O" "$D" "Oscar, now in the policy, commits again"
c2=$(rev "$D")
verify 1 "$D" --keyring "$K"
sig "$c" "[@status='untrusted-signer'][@fingerprint='$O'][@right='commit signers'][@missing-right='commit signers'][@authorised='false']"
# the next commit passes its parent's (forged) policy, but the chain is broken
sig "$c2" "[@status='good'][@authorised='true'][@authenticated='false'][contains(@reason, 'is not authenticated')]"

# ---- Bob (commit only) changes the policy ----
git_branch bobsigners "$good"
signers "$D/pact/signers.xml" "$A" Alice "commit pact tag signers" "$B" Bob "commit pact"
commit_as "$B" "$D" "Bob gives himself pact"
c=$(rev "$D")
verify 1 "$D" --keyring "$K"
sig "$c" "[@status='good'][@right='commit signers'][@missing-right='signers'][@authorised='false']"

# ---- the submission tag: signed by a tag signer, then by an outsider; lightweight ----
git_branch tags "$good"
pa_git -C "$D" -c gpg.program=gpg -c user.signingkey="$A" tag -s -m "submission" submission
pa_git -C "$D" -c gpg.program=gpg -c user.signingkey="$O" tag -s -m "submission" outsider-tag
pa_git -C "$D" -c gpg.program=gpg -c user.signingkey="$B" tag -s -m "submission" bob-tag
pa_git -C "$D" tag lightweight
verify 0 "$D" --keyring "$K" --rev submission
sig "refs/tags/submission" "[@kind='tag'][@status='good'][@fingerprint='$A'][@right='tag'][@authorised='true']"
assert_xpath 1 "/e:evidence/e:git/e:tag[@name='submission'][@target='$good'][@annotated='true'][@id]" "$T/ev.xml"
verify 0 "$D" --keyring "$K" --rev outsider-tag	# the pact and history are fine; the tag is not
sig "refs/tags/outsider-tag" "[@status='untrusted-signer'][@fingerprint='$O'][@authorised='false'][@missing-right='tag']"
assert_exit 1 "$PACTAUDIT" pact verify "$D" --keyring "$K" --rev outsider-tag
assert_grep 'untrusted-signer +tag' "$T/out"
verify 0 "$D" --keyring "$K" --rev bob-tag
sig "refs/tags/bob-tag" "[@status='good'][@authorised='false'][@missing-right='tag']"
verify 0 "$D" --keyring "$K" --rev lightweight
sig "refs/tags/lightweight" "[@status='missing'][@authorised='false'][contains(@reason, 'lightweight')]"
assert_xpath 1 "/e:evidence/e:git/e:tag[@name='lightweight'][@annotated='false']" "$T/ev.xml"

# ---- an unsigned commit after the signed tag ----
echo "late change" >> "$D/risk.md"
commit_unsigned "$D" "unsigned change after the submission tag"
c=$(rev "$D")
verify 1 "$D" --keyring "$K"
sig "$c" "[@status='missing'][@format='none'][@authorised='false'][@authenticated='false'][@reason='not signed']"
assert_xpath 0 "/e:evidence/e:signatures/e:signature[@kind='tag']" "$T/ev.xml"
verify 0 "$D" --keyring "$K" --rev submission	# the tag itself still authenticates
summary "[@history='authenticated']"

# ---- a merge with one unauthenticated parent ----
git_branch side "$good"
echo "side" > "$D/side.md"
commit_unsigned "$D" "unsigned side work"
s=$(rev "$D")
git_branch mergemain "$good"
echo "main" > "$D/main.md"
commit_as "$A" "$D" "main work"
pa_git -C "$D" -c gpg.program=gpg -c user.signingkey="$A" merge -q --no-ff -S -m "merge side" side
m=$(rev "$D")
verify 1 "$D" --keyring "$K"
sig "$s" "[@status='missing'][@authorised='false']"
sig "$m" "[@status='good'][@authorised='true'][@authenticated='false'][contains(@reason, 'parent $(printf %.12s "$s") is not authenticated')]"
assert_xpath 1 "/e:evidence/e:git/e:commit[@id='$m'][contains(@parents, '$s')]" "$T/ev.xml"

# a merge of two authenticated parents authenticates
git_branch side2 "$good"
echo "side2" > "$D/side2.md"
commit_as "$B" "$D" "signed side work"
git_branch merge2 "$good"
echo "main2" > "$D/main2.md"
commit_as "$B" "$D" "main work"
pa_git -C "$D" -c gpg.program=gpg -c user.signingkey="$B" merge -q --no-ff -S -m "merge side2" side2
verify 0 "$D" --keyring "$K"
sig "$(rev "$D")" "[@authorised='true'][@authenticated='true']"

# a merge of an unrelated history: that parent does not descend from the root
pa_git -C "$D" checkout -q --orphan stranger
pa_git -C "$D" rm -q -rf .
echo "x" > "$D/x.md"
commit_as "$A" "$D" "unrelated history"
git_branch mergeunrelated "$good"
pa_git -C "$D" -c gpg.program=gpg -c user.signingkey="$A" merge -q --no-ff -S \
    --allow-unrelated-histories -m "merge unrelated" stranger
verify 1 "$D" --keyring "$K"
sig "$(rev "$D")" "[@authorised='true'][@authenticated='false'][contains(@reason, 'does not descend from the trust root')]"
assert_xpath 0 "//e:signature[@object='$(rev "$D" stranger)']" "$T/ev.xml"

# ---- an SSH-signed commit: reported, not verified, no crash ----
if command -v ssh-keygen >/dev/null 2>&1; then
	git_branch ssh "$good"
	ssh-keygen -q -t ed25519 -N '' -C "ssh signer" -f "$T/id_ssh"
	echo "ssh" > "$D/ssh.md"
	pa_git -C "$D" add -A
	pa_git -C "$D" -c gpg.format=ssh -c user.signingkey="$T/id_ssh.pub" commit -q -S -m "ssh signed"
	c=$(rev "$D")
	pa_git -C "$D" cat-file commit "$c" | grep -q 'BEGIN SSH SIGNATURE' || pa_fail "git did not SSH-sign"
	verify 1 "$D" --keyring "$K"
	sig "$c" "[@status='missing'][@format='ssh'][@authorised='false'][contains(@reason, 'unsupported signature type (ssh)')]"
	assert_exit 1 "$PACTAUDIT" pact verify "$D" --keyring "$K"
	assert_grep 'unsupported signature type' "$T/out"
fi

# ---- an X.509 (gpgsm) signature, written by hand: reported, not verified ----
git_branch x509 "$good"
x509=$(printf 'tree %s\nparent %s\nauthor A <a@example.org> 1767225600 +0000\ncommitter A <a@example.org> 1767225600 +0000\ngpgsig -----BEGIN SIGNED MESSAGE-----\n MIAGCSqGSIb3DQEHAqCAMIACAQExDzANBglghkgBZQMEAgEFADCABgkqhkiG9w0B\n -----END SIGNED MESSAGE-----\n\nx509 signed\n' \
    "$(pa_git -C "$D" rev-parse "$good^{tree}")" "$good" | pa_git -C "$D" hash-object -t commit -w --stdin)
pa_git -C "$D" update-ref refs/heads/x509 "$x509"
verify 1 "$D" --keyring "$K"
sig "$x509" "[@status='missing'][@format='x509'][contains(@reason, 'unsupported signature type (x509)')]"

# ---- a commit whose signature no longer matches it ----
git_branch tamper "$good"
echo "t" > "$D/t.md"
commit_as "$A" "$D" "original message"
forged=$(pa_git -C "$D" cat-file commit HEAD | sed 's/^original message$/forged message/' |
    pa_git -C "$D" hash-object -t commit -w --stdin)
pa_git -C "$D" update-ref refs/heads/tamper "$forged"
verify 1 "$D" --keyring "$K"
sig "$forged" "[@status='bad'][@authorised='false']"

# ---- a key the keyrings do not hold ----
git_branch unknown "$good"
U=$(pa_gpg_key "Una Unknown")
echo "u" > "$D/u.md"
commit_as "$U" "$D" "signed by a key nobody gave us"
verify 1 "$D" --keyring "$K"
sig "$(rev "$D")" "[@status='unknown-key'][@fingerprint='$U'][@authorised='false']"

# ---- a commit too large to verify: a bad signature, not a failed audit ----
git_branch huge "$good"
awk 'BEGIN { for (i = 0; i < 100000; i++) print "padding line " i " of a very long commit message" }' > "$T/msg"
pa_git -C "$D" -c gpg.program=gpg -c user.signingkey="$A" commit -q -S --allow-empty -F "$T/msg"
verify 1 "$D" --keyring "$K"
sig "$(rev "$D")" "[@status='bad'][@authorised='false'][contains(@reason, 'larger than')]"

# ---- bad input: no crash, clear errors ----
assert_exit 2 "$PACTAUDIT" pact verify "$T/nonexistent" --keyring "$K"
assert_grep '^pactaudit: ' "$T/err"
echo "not a key" > "$T/junk.asc"
pa_git -C "$D" checkout -q main 2>/dev/null || pa_git -C "$D" checkout -q master
assert_exit 2 "$PACTAUDIT" pact verify "$D" --keyring "$T/junk.asc" --no-cache
assert_grep 'holds no OpenPGP key' "$T/err"
assert_exit 2 "$PACTAUDIT" pact verify "$D" --keyring "$T/missing.asc"
assert_exit 2 "$PACTAUDIT" pact verify "$D" --as-of 2026-13-45
assert_exit 2 "$PACTAUDIT" pact verify "$D" --bogus
exit 0

#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# pactaudit pact sign|verify: detached signatures of pact/commitments.xml
# (several signatories; over the exact bytes audited), with real keys.
. "$top_srcdir/tests/cli/trust-common.sh"

A=$(pa_gpg_key "Alice Owner")			# every right
B=$(pa_gpg_key "Bob Committer" rsa2048)		# commit only
U=$(pa_gpg_key "Una Unknown")			# in nobody's keyring
S=$(past_key "Sam Shortsig" 20250101T000000 never)
K=$T/keyring.asc
D=$T/d

# ---- usage ----
assert_exit 0 "$PACTAUDIT" pact --help
assert_grep 'pact sign' "$T/out"
assert_exit 2 "$PACTAUDIT" pact
assert_exit 2 "$PACTAUDIT" pact frobnicate
assert_exit 2 "$PACTAUDIT" pact sign --keyring "$K"
assert_grep "for 'pact verify'" "$T/err"
assert_exit 2 "$PACTAUDIT" pact verify --key "$A"
assert_exit 2 "$PACTAUDIT" pact sign --dossier "$T/none"
assert_exit 2 "$PACTAUDIT" pact verify -j 0 .

# ---- pact sign: the user's own key, armoured, detached ----
mkdir -p "$D"
pa_git -C "$D" init -q
signers "$D/pact/signers.xml" "$A" Alice "commit pact tag signers" "$B" Bob commit
commitments "$D" "Acme SAS"
assert_exit 0 "$PACTAUDIT" pact sign --key "$A" --dossier "$D"
assert_grep "with key $A" "$T/out"
assert_no_grep 'warning' "$T/err"
assert_grep '^-----BEGIN PGP SIGNATURE-----' "$D/pact/commitments.xml.asc"
gpg --batch --verify "$D/pact/commitments.xml.asc" "$D/pact/commitments.xml" 2>/dev/null ||
    pa_fail "gpg does not accept the signature pact sign made"
commit_as "$A" "$D" "signed dossier"
gpg --batch --armor --export "$A" "$B" "$S" > "$K"	# not Una's key
verify 0 "$D" --keyring "$K"
sig "pact/commitments.xml" "[@kind='detached'][@status='good'][@format='openpgp'][@fingerprint='$A'][@authorised='true'][@signer='Alice'][@created]"
summary "[@pact-signed='true']"

# the dossier is an operand as for the other commands; once only
assert_exit 2 "$PACTAUDIT" pact sign --key "$B" --dossier "$D" "$D"
assert_grep 'give the dossier once' "$T/err"
assert_exit 2 "$PACTAUDIT" pact sign --key "$B" "$D" "$D"
# a second signatory is added, not swapped in; Bob has no pact right (warned)
assert_exit 0 "$PACTAUDIT" pact sign --key "$B" "$D"
assert_grep "warning: key $B has no 'pact' right" "$T/err"
[ "$(grep -c 'BEGIN PGP SIGNATURE' "$D/pact/commitments.xml.asc")" -eq 2 ] ||
    pa_fail "pact sign did not add a second signature"
commit_as "$A" "$D" "second signatory"
verify 0 "$D" --keyring "$K"
assert_xpath 2 "/e:evidence/e:signatures/e:signature[@kind='detached'][@status='good']" "$T/ev.xml"
sig "pact/commitments.xml" "[@fingerprint='$B'][@authorised='false'][@missing-right='pact']"
summary "[@pact-signed='true']"	# one authorised signatory is enough

# --replace keeps only the new one
assert_exit 0 "$PACTAUDIT" pact sign --key "$B" --dossier "$D" --replace
[ "$(grep -c 'BEGIN PGP SIGNATURE' "$D/pact/commitments.xml.asc")" -eq 1 ] || pa_fail "--replace kept old signatures"
commit_as "$A" "$D" "only Bob"
verify 1 "$D" --keyring "$K"
summary "[@pact-signed='false']"
assert_exit 1 "$PACTAUDIT" pact verify "$D" --keyring "$K"
assert_grep 'NOT signed by an authorised signer' "$T/out"
# -o FILE: the same report in the file (the exit status unchanged), nothing on standard output
cp "$T/out" "$T/verify.txt"
assert_exit 1 "$PACTAUDIT" pact verify "$D" --keyring "$K" -o "$T/verify-o.txt"
[ ! -s "$T/out" ] || pa_fail "pact verify -o also wrote to standard output"
cmp -s "$T/verify.txt" "$T/verify-o.txt" || pa_fail "pact verify -o wrote another report"
assert_exit 1 "$PACTAUDIT" pact verify "$D" --keyring "$K" --xml -o "$T/verify-o.xml"
assert_xpath 1 "/e:evidence/e:signatures" "$T/verify-o.xml"
assert_exit 2 "$PACTAUDIT" pact sign -o "$T/x" "$D"
assert_grep "for 'pact verify'" "$T/err"

# no secret key for the one asked for: an error, the file untouched
cp "$D/pact/commitments.xml.asc" "$T/asc.before"
assert_exit 2 "$PACTAUDIT" pact sign --key 0000000000000000000000000000000000000000 --dossier "$D"
assert_grep '^pactaudit: no secret key' "$T/err"
cmp -s "$T/asc.before" "$D/pact/commitments.xml.asc" || pa_fail "a failed sign changed the .asc"

# ---- the exact bytes audited ----
assert_exit 0 "$PACTAUDIT" pact sign --key "$A" --dossier "$D" --replace
commit_as "$A" "$D" "Alice signs again"
printf '<!-- one more byte -->\n' >> "$D/pact/commitments.xml"
commit_as "$A" "$D" "commitments edited after signing"
verify 1 "$D" --keyring "$K"
sig "pact/commitments.xml" "[@status='bad'][@authorised='false'][contains(@reason, 'does not match')]"
# the worktree is what is audited with --worktree: restoring it there makes it good again
pa_git -C "$D" show HEAD~1:pact/commitments.xml > "$D/pact/commitments.xml"
verify 0 "$D" --keyring "$K" --worktree
sig "pact/commitments.xml" "[@status='good']"
summary "[@history='skipped'][@skipped]"
assert_xpath 1 "/e:evidence/e:git[@skipped]" "$T/ev.xml"
commit_as "$A" "$D" "commitments restored"
verify 0 "$D" --keyring "$K"

# a signature over another file
echo "something else" > "$T/other.txt"
gpg --batch --yes -u "$A" --armor --detach-sign -o "$D/pact/commitments.xml.asc" "$T/other.txt"
commit_as "$A" "$D" "signature of another file"
verify 1 "$D" --keyring "$K"
sig "pact/commitments.xml" "[@status='bad'][@fingerprint]"

# a key nobody gave us
detach_sign "$U" "$D"
commit_as "$A" "$D" "signed by an unknown key"
verify 1 "$D" --keyring "$K"
sig "pact/commitments.xml" "[@status='unknown-key'][@fingerprint='$U'][@authorised='false']"

# a signature that expired (made on 2025-01-01, valid one day), judged at two dates
gpg --batch --yes --faked-system-time 20250101T010000 -u "$S" --default-sig-expire 1d \
    --armor --detach-sign -o "$D/pact/commitments.xml.asc" "$D/pact/commitments.xml" 2>/dev/null
signers "$D/pact/signers.xml" "$A" Alice "commit pact tag signers" "$S" Sam "pact"
commit_as "$A" "$D" "Sam's short-lived signature"
verify 1 "$D" --keyring "$K"
sig "pact/commitments.xml" "[@status='expired-signature'][@fingerprint='$S'][@created='2025-01-01T01:00:00Z']"
verify 0 "$D" --keyring "$K" --as-of 2025-01-01
sig "pact/commitments.xml" "[@status='good'][@authorised='true']"
# judged at the end of the as-of day: the day before it was made it was not yet
# expired either; a date that is no day is refused (exit 2), a bad --verifier first
verify 0 "$D" --keyring "$K" --as-of 2024-12-31
sig "pact/commitments.xml" "[@status='good']"
verify 1 "$D" --keyring "$K" --as-of 2025-01-03
sig "pact/commitments.xml" "[@status='expired-signature']"
for bad in 2025-02-29 2025-1-01 2025-01-01x 2025-13-01 ""; do
	assert_exit 2 "$PACTAUDIT" pact verify "$D" --keyring "$K" --as-of "$bad"
	assert_grep "^pactaudit: as-of date '$bad' is not YYYY-MM-DD\$" "$T/err"
	[ ! -s "$T/out" ] || pa_fail "pact verify --as-of '$bad' wrote a report"
done
assert_exit 2 "$PACTAUDIT" pact verify "$D" --verifier nope --as-of 2025-02-29
assert_grep "'rnp' or 'gpgme'" "$T/err"

# not a signature at all, and no signature file
echo "hello" > "$D/pact/commitments.xml.asc"
commit_as "$A" "$D" "garbage signature file"
verify 1 "$D" --keyring "$K"
sig "pact/commitments.xml" "[@status='missing'][contains(@reason, 'holds no OpenPGP signature')]"
rm "$D/pact/commitments.xml.asc"
commit_as "$A" "$D" "no signature file"
verify 1 "$D" --keyring "$K"
sig "pact/commitments.xml" "[@status='missing'][@format='none'][contains(@reason, 'is missing')]"

# ---- a plain folder: the signature is checked, git checks are skipped ----
F=$T/folder
mkdir -p "$F/pact"
signers "$F/pact/signers.xml" "$A" Alice "commit pact tag signers"
commitments "$F" "Folder SAS"
assert_exit 0 "$PACTAUDIT" pact sign --key "$A" --dossier "$F"
verify 0 "$F" --keyring "$K"
summary "[@trust='self-declared'][@history='skipped'][@skipped='not a git dossier'][@pact-signed='true']"
sig "pact/commitments.xml" "[@status='good'][@authorised='true']"
assert_xpath 1 "/e:evidence/e:git[@skipped='not a git dossier']" "$T/ev.xml"
assert_xpath 0 "//e:signature[@kind='commit']" "$T/ev.xml"

# ---- dossier strings never reach the terminal raw ----
E=$(pa_gpg_key "$(printf 'Evil\033[31mRed')")
signers "$F/pact/signers.xml" "$E" "Eve" "commit pact tag signers"
assert_exit 0 "$PACTAUDIT" pact sign --key "$E" --dossier "$F" --replace
gpg --batch --armor --export "$E" > "$K"
assert_exit 0 "$PACTAUDIT" pact verify "$F" --keyring "$K"
if grep -q "$(printf '\033')" "$T/out" "$T/err"; then
	pa_fail "an escape sequence from a key reached the terminal"
fi
assert_grep 'Evil\\x1b\[31mRed' "$T/out"
assert_exit 0 "$PACTAUDIT" pact verify --xml "$F" --keyring "$K"
! grep -q "$(printf '\033')" "$T/out" || pa_fail "an escape sequence reached the terminal in --xml"
exit 0

#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Soft and hard revocation (pactaudit-trust(7)), with real keys revoked by
# `gpg --gen-revoke` with a reason code: a key revoked as superseded or
# retired after a signature was made leaves that signature good (reported
# with the revocation); a signature made after it is revoked-key; a key
# revoked as compromised, or without a reason, voids every signature.  Every
# `verify` runs both verifiers (librnp and GPGME) and requires the same
# document (trust-common.sh).
. "$top_srcdir/tests/cli/trust-common.sh"

A=$(pa_gpg_key "Alice Owner")
S=$(past_key "Sam Superseded" 20250101T000000 never)
R=$(past_key "Ria Retired" 20250101T000000 never)
C=$(past_key "Cid Compromised" 20250101T000000 never)
N=$(past_key "Ned Noreason" 20250101T000000 never)
K=$T/keyring.asc
D=$T/d

# gpg for git with the clock set to June 2025 (signatures made before any revocation)
printf '#!/bin/sh\nexec gpg --faked-system-time 20250601T000000 "$@"\n' > "$T/gpg-past"
chmod +x "$T/gpg-past"

# revoke KEY MENU-CHOICE: a revocation certificate with that reason, made on
# 1 July 2025 (after the June signatures), not imported yet (gpg refuses to
# sign with a revoked key, and one signature must come after it).
# gpg's menu: 0 no reason, 1 compromised, 2 superseded, 3 no longer used.
revoke() {
	printf 'y\n%s\nrevoked by the test\n\ny\n' "$2" |
	    gpg --faked-system-time 20250701T000000 --no-batch --no-tty --command-fd 0 \
	    --pinentry-mode loopback --passphrase '' \
	    --yes -a -o "$T/rev-$1.asc" --gen-revoke "$1" >/dev/null 2>&1 ||
	    pa_fail "cannot make a revocation certificate for $1"
}

new_dossier "$D" "$A"
signers "$D/pact/signers.xml" "$A" Alice "commit pact tag signers" "$S" Sam "commit pact" \
    "$R" Ria "commit" "$C" Cid "commit" "$N" Ned "commit"
commit_as "$A" "$D" "four more signers"
for k in S R C N; do
	eval "fpr=\$$k"
	echo "$k" > "$D/$k.txt"
	GPG_PROGRAM=$T/gpg-past commit_as "$fpr" "$D" "signed by $k in June 2025"
	eval "c_$k=\$(rev \"\$D\")"
done
revoke "$S" 2
revoke "$R" 3
revoke "$C" 1
revoke "$N" 0
# a pact signature by Sam in August 2025, after his key was superseded
rm -f "$D/pact/commitments.xml.asc"
gpg --faked-system-time 20250801T000000 --batch --yes -u "$S" --armor --detach-sign \
    -o "$D/pact/commitments.xml.asc" "$D/pact/commitments.xml" 2>/dev/null || pa_fail "cannot sign as Sam"
commit_as "$A" "$D" "Sam signs the pact after his revocation"
for k in "$S" "$R" "$C" "$N"; do
	gpg --batch --import "$T/rev-$k.asc" 2>/dev/null || pa_fail "cannot import the revocation of $k"
done
# the gpg reason codes: 01 superseded, 03 retired, 02 compromised, 00 none
gpg --batch --with-colons --list-sigs "$S" | grep -q '^rev:.*:20x,01:' || pa_fail "no superseded revocation on $S"
gpg --batch --with-colons --list-sigs "$C" | grep -q '^rev:.*:20x,02:' || pa_fail "no compromised revocation on $C"
gpg --batch --armor --export "$A" "$S" "$R" "$C" "$N" > "$K"

verify 1 "$D" --keyring "$K"
# soft, after the signature: good, and reported so
sig "$c_S" "[@status='good'][@fingerprint='$S'][@authorised='true'][@key-revoked='superseded'][@key-revoked-at]"
sig "$c_R" "[@status='good'][@fingerprint='$R'][@authorised='true'][@key-revoked='retired'][@key-revoked-at]"
# soft, before the signature: revoked
sig "pact/commitments.xml" "[@status='revoked-key'][@fingerprint='$S'][@key-revoked='superseded'][contains(@reason, 'before this signature')]"
# hard: every signature void, however old
sig "$c_C" "[@status='revoked-key'][@fingerprint='$C'][@key-revoked='compromised or without a reason'][not(@key-revoked-at)]"
sig "$c_N" "[@status='revoked-key'][@fingerprint='$N'][@key-revoked='compromised or without a reason']"
# a key never revoked says nothing of it
sig "$(rev "$D")" "[@status='good'][@fingerprint='$A'][not(@key-revoked)]"

# the cache keeps the difference (a warm run gives the same document)
cp "$T/ev.xml" "$T/cold.xml"
verify 1 "$D" --keyring "$K"
cmp -s "$T/ev.xml" "$T/cold.xml" || pa_fail "a warm run judged the revocations differently"
exit 0

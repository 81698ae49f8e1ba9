# SPDX-License-Identifier: GPL-3.0-or-later
# Helpers for the trust and pact tests (sourced, not a test): real GnuPG
# keys, signed git histories and XPath checks on `pact verify --xml`.
. "$top_srcdir/tests/lib/testlib.sh"
set -e
pa_tmp
pa_gpg_home
command -v gpg >/dev/null 2>&1 || pa_skip "gpg is not installed"

# past_key NAME WHEN EXPIRE: a key created at WHEN (e.g. 20250101T000000); prints its fingerprint.
past_key() {
	email=$(printf '%s' "$1" | tr 'A-Z ' 'a-z.')@example.org
	gpg --faked-system-time "$2" --batch --passphrase '' --quick-generate-key \
	    "$1 <$email>" ed25519 sign "$3" >/dev/null 2>&1 || pa_fail "cannot create key $1"
	gpg --batch --with-colons --list-keys "$email" | awk -F: '/^fpr:/ { print $10; exit }'
}

# signers FILE FPR NAME RIGHTS [FPR NAME RIGHTS...]: write a pact/signers.xml.
signers() {
	out=$1
	shift
	mkdir -p "$(dirname "$out")"
	{
		echo '<signers xmlns="urn:pactaudit:signers:1" version="1">'
		while [ $# -ge 3 ]; do
			printf '  <signer fingerprint="%s" name="%s" rights="%s"/>\n' "$1" "$2" "$3"
			shift 3
		done
		echo '</signers>'
	} > "$out"
}

# commitments DIR TEXT: write pact/commitments.xml.
commitments() {
	mkdir -p "$1/pact"
	printf '<commitments xmlns="urn:pactaudit:pact:1" version="1">\n  <organisation>%s</organisation>\n</commitments>\n' \
	    "$2" > "$1/pact/commitments.xml"
}

# detach_sign KEY DIR: sign DIR/pact/commitments.xml into its .asc (replacing it).
detach_sign() {
	rm -f "$2/pact/commitments.xml.asc"
	gpg --batch --yes -u "$1" --armor --detach-sign -o "$2/pact/commitments.xml.asc" \
	    "$2/pact/commitments.xml" 2>/dev/null || pa_fail "cannot sign with $1"
}

# commit_as KEY DIR MESSAGE: commit every change of DIR, signed by KEY.
commit_as() {
	key=$1
	dir=$2
	shift 2
	pa_git -C "$dir" add -A
	pa_git -C "$dir" -c gpg.program="${GPG_PROGRAM:-gpg}" -c user.signingkey="$key" \
	    commit -q -S --allow-empty -m "$*" || pa_fail "cannot commit '$*' as $key"
}

# commit_unsigned DIR MESSAGE
commit_unsigned() {
	dir=$1
	shift
	pa_git -C "$dir" add -A
	pa_git -C "$dir" commit -q --allow-empty -m "$*"
}

# new_dossier DIR KEY: a repository whose first commit, signed by KEY, holds a
# policy giving KEY every right and a commitments file KEY signed.
new_dossier() {
	mkdir -p "$1"
	pa_git -C "$1" init -q
	signers "$1/pact/signers.xml" "$2" "Owner" "commit pact tag signers"
	commitments "$1" "Acme SAS"
	detach_sign "$2" "$1"
	commit_as "$2" "$1" "dossier with its signing policy"
}

rev() {
	pa_git -C "$1" rev-parse "${2:-HEAD}"
}

# keyring FILE: export every public key (with revocations) of the test home.
keyring() {
	gpg --batch --armor --export > "$1" 2>/dev/null
}

# verify WANT_EXIT DOSSIER [ARGS...]: pact verify --xml; the document goes to $T/ev.xml.
# Differential: every call is made with librnp (the default verifier) and
# again with GPGME (--verifier gpgme, the reference), and the two documents
# must be the same byte for byte (status, fingerprint, time of every
# signature, and everything judged from them).  A deliberate difference is
# policy in pactaudit-trust(7); a test that shows one sets
# VERIFIERS_DIFFER=1 around its call.
verify() {
	want=$1
	shift
	assert_exit "$want" "$PACTAUDIT" pact verify --xml "$@"
	cp "$T/out" "$T/ev.xml"
	xmllint --noout "$T/ev.xml" || pa_fail "pact verify --xml printed malformed XML"
	[ -n "${VERIFIERS_DIFFER:-}" ] && return 0
	assert_exit "$want" "$PACTAUDIT" pact verify --xml --verifier gpgme "$@"
	if ! cmp -s "$T/out" "$T/ev.xml"; then
		diff "$T/out" "$T/ev.xml" >&2 || true
		pa_fail "GPGME (<) and librnp (>) disagree on: pact verify $*"
	fi
}

# sig OBJECT PREDICATE: exactly one <signature> for OBJECT matching [PREDICATE] in $T/ev.xml.
sig() {
	assert_xpath 1 "/e:evidence/e:signatures/e:signature[@object='$1']$2" "$T/ev.xml"
}

# summary PREDICATE: the <signatures> element matches it.
summary() {
	assert_xpath 1 "/e:evidence/e:signatures$1" "$T/ev.xml"
}

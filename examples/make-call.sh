#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Build the sample call: every dossier source under examples/src/ becomes a
# signed git repository in OUTDIR (default: examples/call), signed with
# throwaway OpenPGP keys made for this run only and never stored anywhere
# but in a temporary GnuPG home that is deleted at the end.
#
#   examples/make-call.sh [OUTDIR]
#
# OUTDIR/<dossier>/   a git repository: four signed commits and a signed
#                     tag "submission"; pact/commitments.xml.asc,
#                     pact/signers.xml and pact/keys.asc made from the key
# OUTDIR/keyring.asc  the public keys of all dossiers (for --keyring)
#
# Running it again removes OUTDIR and builds it anew (only if OUTDIR is
# empty or was made by this script).  Commit, tag and signature dates are
# fixed, so the histories read the same on every run; the keys, and hence
# the commit ids, differ.
set -eu

here=$(cd "$(dirname "$0")" && pwd)
src="$here/src"
out=${1:-$here/call}
marker=.pactaudit-sample-call
call=2026-12

# dossier:first day.  Commits on days 0, 6, 13 and 20, the tag on day 21;
# the key is made the day before.
dossiers="arkisto:2026-10-01 talentra:2026-10-05 aurore:2026-10-08 voxara:2026-10-12 sentimetria:2026-10-15"

die() {
	echo "make-call.sh: $*" >&2
	exit 2
}

for tool in git gpg gpgconf date sed awk; do
	command -v "$tool" >/dev/null 2>&1 || die "'$tool' is needed"
done
[ -d "$src" ] || die "no dossier sources in $src"

# never delete a folder this script did not make
if [ -e "$out" ]; then
	[ -d "$out" ] || die "'$out' exists and is not a folder"
	if [ ! -f "$out/$marker" ] && [ -n "$(ls -A "$out")" ]; then
		die "'$out' is not empty and was not made by make-call.sh; not removing it"
	fi
	rm -rf "$out"
fi
mkdir -p "$out"
out=$(cd "$out" && pwd)
echo "sample call built by examples/make-call.sh; safe to remove" >"$out/$marker"

# a private, temporary GnuPG home; its agent is stopped and the folder
# (with the secret keys) removed whatever happens
GNUPGHOME=$(mktemp -d "${TMPDIR:-/tmp}/pactaudit-call-gnupg.XXXXXX")
export GNUPGHOME
unset GPG_AGENT_INFO 2>/dev/null || true
cleanup() {
	gpgconf --homedir "$GNUPGHOME" --kill all >/dev/null 2>&1 || true
	rm -rf "$GNUPGHOME"
}
trap cleanup EXIT
trap 'exit 1' INT TERM HUP
chmod 700 "$GNUPGHOME"
printf 'allow-loopback-pinentry\n' >"$GNUPGHOME/gpg-agent.conf"
printf 'batch\nno-tty\npinentry-mode loopback\n' >"$GNUPGHOME/gpg.conf"
printf 'no-auto-key-retrieve\nno-auto-key-locate\nno-auto-check-trustdb\nquiet\n' >>"$GNUPGHOME/gpg.conf"

# gpg at a fixed time: git calls this for commits and tags
gpg_at="$GNUPGHOME/gpg-at"
cat >"$gpg_at" <<'EOF'
#!/bin/sh
exec gpg --faked-system-time "${PA_SIGN_TIME:?}!" "$@"
EOF
chmod 755 "$gpg_at"

# git without the user's configuration, hooks or templates
export GIT_CONFIG_NOSYSTEM=1 GIT_CONFIG_GLOBAL=/dev/null
unset GIT_DIR GIT_WORK_TREE GIT_INDEX_FILE GIT_TEMPLATE_DIR 2>/dev/null || true
export TZ=UTC

day() {	# day FIRST N -> YYYY-MM-DD
	date -u -d "$1 + $2 days" +%Y-%m-%d
}

at() {	# at YYYY-MM-DD HH:MM -> set commit dates and gpg's clock
	GIT_AUTHOR_DATE="${1}T$2:00Z"
	GIT_COMMITTER_DATE=$GIT_AUTHOR_DATE
	PA_SIGN_TIME=$(date -u -d "$1 $2" +%s)
	export GIT_AUTHOR_DATE GIT_COMMITTER_DATE PA_SIGN_TIME
}

# the first signatory of application.xml: "name|email"
signatory() {
	awk '
		/<signatory>/ { in_sig = 1 }
		in_sig && /<name>/ && name == "" { name = $0; sub(/.*<name>/, "", name); sub(/<\/name>.*/, "", name) }
		in_sig && /<email>/ && email == "" { email = $0; sub(/.*<email>/, "", email); sub(/<\/email>.*/, "", email) }
		/<\/signatory>/ { exit }
		END { print name "|" email }
	' "$1"
}

fill() {	# fill FILE FINGERPRINT: put the fingerprint in place of @FINGERPRINT@
	sed "s/@FINGERPRINT@/$2/g" "$1" >"$1.tmp" && mv "$1.tmp" "$1"
}

g() {
	git -c init.defaultBranch=main -c gpg.program="$gpg_at" \
	    -c user.signingkey="$fpr" -c commit.gpgSign=true -c tag.gpgSign=true \
	    -c core.hooksPath=/dev/null -c core.autocrlf=false "$@"
}

commit() {	# commit DATE TIME MESSAGE PATH...
	at "$1" "$2"
	msg=$3
	shift 3
	g -C "$dest" add -- "$@"
	g -C "$dest" commit -q -S -m "$msg"
}

for entry in $dossiers; do
	name=${entry%%:*}
	first=${entry#*:}
	[ -f "$src/$name/application.xml" ] || die "no $src/$name/application.xml"
	who=$(signatory "$src/$name/application.xml")
	signer=${who%%|*}
	email=${who#*|}
	if [ -z "$signer" ] || [ -z "$email" ]; then
		die "$name: no signatory in application.xml"
	fi

	# the signatory's key, made the day before the first commit
	at "$(day "$first" -1)" 09:00
	gpg --faked-system-time "$PA_SIGN_TIME!" --passphrase '' \
	    --quick-generate-key "$signer <$email>" ed25519 sign never 2>/dev/null ||
	    die "$name: cannot make a key"
	fpr=$(gpg --with-colons --list-keys "<$email>" | awk -F: '/^fpr:/ { print $10; exit }')
	[ -n "$fpr" ] || die "$name: no fingerprint for the new key"

	dest="$out/$name"
	mkdir -p "$dest"
	cp -R "$src/$name/." "$dest/"
	chmod -R u+w "$dest"	# the source of a release is read-only; cp keeps the mode
	find "$dest" -name '*.xml' | while IFS= read -r f; do
		fill "$f" "$fpr"
	done
	! grep -rl '@FINGERPRINT@' "$dest" >/dev/null || die "$name: a fingerprint was not filled in"
	cat >"$dest/pact/signers.xml" <<EOF
<?xml version="1.0" encoding="UTF-8"?>
<!-- Who may sign what in this dossier (made by examples/make-call.sh). -->
<signers xmlns="urn:pactaudit:signers:1" version="1">
  <signer fingerprint="$fpr"
          name="$signer" email="$email"
          rights="commit pact tag signers"/>
</signers>
EOF
	gpg --armor --export "$fpr" >"$dest/pact/keys.asc"

	export GIT_AUTHOR_NAME="$signer" GIT_AUTHOR_EMAIL="$email"
	export GIT_COMMITTER_NAME="$signer" GIT_COMMITTER_EMAIL="$email"
	g init -q "$dest"
	commit "$first" 10:00 "Start the dossier: application and signing policy" \
	    README.md application.xml pact/signers.xml pact/keys.asc
	commit "$(day "$first" 6)" 14:30 "Add model and dataset cards" models datasets
	commit "$(day "$first" 13)" 11:15 "Add technical documentation and policies" docs

	at "$(day "$first" 20)" 16:00
	gpg --faked-system-time "$PA_SIGN_TIME!" --local-user "$fpr" --armor \
	    --detach-sign --output "$dest/pact/commitments.xml.asc" \
	    "$dest/pact/commitments.xml" 2>/dev/null || die "$name: cannot sign the commitments"
	commit "$(day "$first" 20)" 16:05 "Sign the AI Pact commitments" \
	    pact/commitments.xml pact/commitments.xml.asc

	at "$(day "$first" 21)" 09:30
	g -C "$dest" tag -s -m "Submission to the AI Factories access call $call" submission

	[ -z "$(g -C "$dest" status --porcelain)" ] || die "$name: files left uncommitted"
	printf '%-12s %s  %s <%s>\n' "$name" "$fpr" "$signer" "$email"
done

gpg --armor --export >"$out/keyring.asc"
echo "sample call in $out; public keys in $out/keyring.asc"

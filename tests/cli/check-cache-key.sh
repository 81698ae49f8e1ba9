#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# The results-cache key covers everything an audit reads: each input is
# changed in turn (the tag object, the commit, the keyring, the registry,
# the rules, the as-of date, the revision and --path), and the audit with
# the cache must then give what an audit without it gives.
. "$top_srcdir/tests/cli/trust-common.sh"
command -v xmllint >/dev/null || pa_skip "xmllint is not installed"

A=$(pa_gpg_key "Alice Owner")
B=$(pa_gpg_key "Bob Other")
D=$T/acme
K=$T/keyring.asc
RULES=$T/rules
LOG=$T/log
pa_copy "$top_srcdir/rules" "$RULES"

new_dossier "$D" "$A"
root=$(rev "$D")
gpg --batch --armor --export "$A" >"$D/pact/keys.asc"
commit_as "$A" "$D" "publish keys"
pa_git -C "$D" -c gpg.program=gpg -c user.signingkey="$A" tag -s -m "submission" submission ||
    pa_fail "cannot sign the tag"
gpg --batch --armor --export "$A" >"$K"

# same NAME [ARGS...]: audit with the cache (twice) and without it; all three agree
n=0
same() {
	name=$1
	shift
	set +e
	: >"$LOG"
	"$PACTAUDIT" --log "$LOG" check --format xml -o "$T/cached.xml" "$@" "$D" 2>"$T/err1"
	rc1=$?
	"$PACTAUDIT" --log "$LOG" check --format xml -o "$T/again.xml" "$@" "$D" 2>"$T/err2"
	rc2=$?
	"$PACTAUDIT" check --no-cache --format xml -o "$T/fresh.xml" "$@" "$D" 2>"$T/err3"
	rc3=$?
	set -e
	[ "$rc3" -le 1 ] || { cat "$T/err3" >&2; pa_fail "$name: the audit failed ($rc3)"; }
	grep -q "from the cache" "$LOG" || pa_fail "$name: the second audit was not a cache hit"
	[ "$rc1" -eq "$rc3" ] && [ "$rc2" -eq "$rc3" ] ||
	    pa_fail "$name: exit $rc1/$rc2 with the cache, $rc3 without"
	cmp -s "$T/cached.xml" "$T/fresh.xml" && cmp -s "$T/again.xml" "$T/fresh.xml" || {
		diff "$T/fresh.xml" "$T/cached.xml" >&2 || true
		pa_fail "$name: the cache gave other results than a fresh audit"
	}
	n=$((n + 1))
	cp "$T/fresh.xml" "$T/last.xml"
	cp "$T/fresh.xml" "$T/$n.xml"
}
# changed NAME: the results differ from the previous step's (so the step tests something)
changed() {
	prev=$((n - 1))
	! cmp -s "$T/$prev.xml" "$T/$n.xml" || pa_fail "$1: the change did not change the results"
}
tagsig() {	# the status of the tag's signature in the last results
	xmllint --xpath 'string(//*[local-name()="signature"][@kind="tag"]/@status)' "$T/last.xml" 2>/dev/null
}

base="--rules $RULES --keyring $K --rev submission --as-of 2026-11-27"
# shellcheck disable=SC2086
same "signed tag" $base
[ "$(tagsig)" = good ] || pa_fail "the signed tag is not good: $(tagsig)"

# the signed tag replaced by an unsigned one at the same commit
pa_git -C "$D" tag -f -a -m "submission" submission >/dev/null
# shellcheck disable=SC2086
same "unsigned tag" $base
changed "unsigned tag"
[ "$(tagsig)" != good ] || pa_fail "an unsigned tag is still good"

# ... and by a lightweight tag, then the signed tag again
pa_git -C "$D" tag -f submission >/dev/null
# shellcheck disable=SC2086
same "lightweight tag" $base
pa_git -C "$D" -c gpg.program=gpg -c user.signingkey="$A" tag -f -s -m "submission" submission \
    >/dev/null || pa_fail "cannot sign the tag again"
# shellcheck disable=SC2086
same "signed again" $base
[ "$(tagsig)" = good ] || pa_fail "the signed tag is not good again"

# a tag signed by a key the keyring does not hold
pa_git -C "$D" -c gpg.program=gpg -c user.signingkey="$B" tag -f -s -m "submission" submission \
    >/dev/null || pa_fail "cannot sign the tag as B"
# shellcheck disable=SC2086
same "tag by another key" $base
changed "tag by another key"

# the keyring's content (same file name): now it knows B
gpg --batch --armor --export "$A" "$B" >"$K"
# shellcheck disable=SC2086
same "keyring content" $base
changed "keyring content"

# a registry, then its content
registry() {	# registry FILE ROOT FPR
	{
		echo '<registry xmlns="urn:pactaudit:registry:1" version="1">'
		printf '  <applicant id="acme" root="%s">\n' "$2"
		printf '    <key fingerprint="%s" name="Registered" rights="commit pact tag signers"/>\n' "$3"
		echo '  </applicant>'
		echo '</registry>'
	} >"$1"
}
registry "$T/reg.xml" "$root" "$A"
# shellcheck disable=SC2086
same "registry" $base --registry "$T/reg.xml"
changed "registry"
registry "$T/reg.xml" "$root" "$B"
# shellcheck disable=SC2086
same "registry content" $base --registry "$T/reg.xml"
changed "registry content"

# a new commit under the same tag name
echo "more" >"$D/notes.md"
commit_as "$A" "$D" "more notes"
pa_git -C "$D" -c gpg.program=gpg -c user.signingkey="$A" tag -f -s -m "submission" submission \
    >/dev/null || pa_fail "cannot move the tag"
# shellcheck disable=SC2086
same "new commit" $base
changed "new commit"

# the rules (same folder), the date, the revision
sed -i 's/severity="info"/severity="warning"/' "$RULES/signatures.xml"
# shellcheck disable=SC2086
same "rules" $base
changed "rules"
# shellcheck disable=SC2086
same "as-of" --rules "$RULES" --keyring "$K" --rev submission --as-of 2027-12-02
changed "as-of"
# shellcheck disable=SC2086
same "revision" --rules "$RULES" --keyring "$K" --rev HEAD~1 --as-of 2027-12-02
changed "revision"
echo "check-cache-key: $n audits agree with and without the cache"

# SPDX-License-Identifier: GPL-3.0-or-later
# Shared helpers for shell tests (sourced).  A fixed environment, a private
# temporary folder, real git repositories and real GnuPG keys made at test
# time, and assertions that say what they expected.
#
#   . "$top_srcdir/tests/lib/testlib.sh"
#   pa_tmp                      # $T: a fresh folder, removed at exit
#   pa_copy SRC DEST            # cp -R, the copy writable (a release's source is read-only)
#   pa_repo DIR SRC             # git repo in DIR with SRC's files committed
#   pa_gpg_home                 # $GNUPGHOME in $T, batch, no agent prompts
#   pa_gpg_key NAME [ALGO] [EXPIRE]   # prints the new key's fingerprint
#   assert_exit N CMD...        # run CMD, expect exit N; output in $T/out, $T/err
#   assert_xpath COUNT XPATH FILE      # count of XPath matches (prefixes r/e bound)
#   assert_grep PATTERN FILE / assert_no_grep PATTERN FILE
set -u

: "${top_srcdir:=$(cd "$(dirname "$0")/../.." && pwd)}"
: "${PACTAUDIT:=$top_srcdir/src/pactaudit}"
: "${PACTAUDIT_DATADIR:=$top_srcdir}"
export PACTAUDIT_DATADIR
# every evidence document a test builds is checked against rules/schema/evidence.rng
PACTAUDIT_CHECK_EVIDENCE=1
export PACTAUDIT_CHECK_EVIDENCE

export TZ=UTC LC_ALL=C.UTF-8 NO_COLOR=1
# the global git config is a file in the test's folder (set by pa_tmp), never
# /dev/null: git replaces a config file by rename, which as root would
# replace /dev/null itself
export GIT_CONFIG_NOSYSTEM=1
unset GIT_CONFIG_GLOBAL 2>/dev/null || true
export GIT_AUTHOR_NAME="Test Author" GIT_AUTHOR_EMAIL="author@example.org"
export GIT_COMMITTER_NAME="Test Committer" GIT_COMMITTER_EMAIL="committer@example.org"
export GIT_AUTHOR_DATE="2026-01-01T00:00:00Z" GIT_COMMITTER_DATE="2026-01-01T00:00:00Z"
unset GIT_DIR GIT_WORK_TREE 2>/dev/null || true

pa_fail() {
	echo "FAIL: $*" >&2
	exit 1
}

pa_skip() {
	echo "SKIP: $*" >&2
	exit 77
}

pa_tmp() {
	T=$(mktemp -d "${TMPDIR:-/tmp}/pa-test.XXXXXX")
	export HOME="$T/home" XDG_CACHE_HOME="$T/cache" XDG_CONFIG_HOME="$T/config"
	export GIT_CONFIG_GLOBAL="$T/gitconfig"
	mkdir -p "$HOME"
	trap 'pa_cleanup' EXIT
}

pa_cleanup() {
	if [ -n "${GNUPGHOME:-}" ] && [ -d "${GNUPGHOME:-}" ]; then
		gpgconf --homedir "$GNUPGHOME" --kill all >/dev/null 2>&1 || true
	fi
	[ -n "${T:-}" ] && { chmod -R u+w "$T" 2>/dev/null; rm -rf "$T"; }
}

# pa_copy SRC DEST: cp -R SRC DEST, and the copy writable by its owner.  A
# release's source tree is read-only (make distcheck) and cp keeps the mode.
pa_copy() {
	cp -R "$1" "$2" && chmod -R u+w "$2"
}

pa_git() {
	git -c init.defaultBranch=main -c user.name="Test Committer" \
	    -c user.email=committer@example.org -c commit.gpgsign=false \
	    -c tag.gpgsign=false "$@"
}

# pa_check_dossier NAME SED-SCRIPT: $T/NAME, a git dossier made from
# tests/fixtures/rules/dossier (for the rules of tests/fixtures/rules/check)
# with application.xml edited by SED-SCRIPT; $T/src-NAME is the same as a folder.
pa_check_dossier() {
	mkdir -p "$T/src-$1"
	pa_copy "$top_srcdir/tests/fixtures/rules/dossier"/. "$T/src-$1"/
	sed "$2" "$top_srcdir/tests/fixtures/rules/dossier/application.xml" >"$T/src-$1/application.xml"
	pa_repo "$T/$1" "$T/src-$1"
}

# pa_repo DIR SRC: a repository in DIR whose first commit holds SRC's files.
pa_repo() {
	mkdir -p "$1"
	[ -n "${2:-}" ] && pa_copy "$2"/. "$1"/
	pa_git -C "$1" init -q
	pa_git -C "$1" add -A
	pa_git -C "$1" commit -q --allow-empty -m "initial dossier"
}

pa_gpg_home() {
	GNUPGHOME="$T/gnupg"
	export GNUPGHOME
	mkdir -p "$GNUPGHOME"
	chmod 700 "$GNUPGHOME"
	printf 'allow-loopback-pinentry\n' > "$GNUPGHOME/gpg-agent.conf"
	printf 'pinentry-mode loopback\nbatch\nno-tty\n' > "$GNUPGHOME/gpg.conf"
}

# pa_gpg_key NAME [ALGO] [EXPIRE]: new key without passphrase; prints its fingerprint.
pa_gpg_key() {
	name=$1
	algo=${2:-ed25519}
	expire=${3:-never}
	email=$(printf '%s' "$name" | tr 'A-Z ' 'a-z.')@example.org
	gpg --batch --passphrase '' --quick-generate-key "$name <$email>" \
	    "$algo" sign "$expire" >/dev/null 2>&1 || pa_fail "cannot create key $name"
	gpg --batch --with-colons --list-keys "$email" |
	    awk -F: '/^fpr:/ { print $10; exit }'
}

# pa_init_key DIR FPR: put the key FPR in place of the placeholder
# fingerprint of a `pactaudit init` skeleton, and its public key in
# DIR/pact/keys.asc (the dossier README's first step).
pa_init_key() {
	for f in application.xml pact/signers.xml pact/commitments.xml; do
		sed "s/0000000000000000000000000000000000000000/$2/" "$1/$f" >"$1/$f.tmp"
		mv "$1/$f.tmp" "$1/$f"
	done
	gpg --batch --armor --export "$2" >"$1/pact/keys.asc"
}

assert_exit() {
	want=$1
	shift
	set +e
	"$@" >"$T/out" 2>"$T/err"
	got=$?
	set -e 2>/dev/null || true
	if [ "$got" -ne "$want" ]; then
		echo "--- stdout" >&2; head -c 4000 "$T/out" >&2
		echo "--- stderr" >&2; head -c 4000 "$T/err" >&2
		pa_fail "'$*' exited $got, expected $want"
	fi
}

# assert_xpath COUNT XPATH FILE: prefixes r (results), e (evidence),
# a (application), k (rules) are bound.
assert_xpath() {
	want=$1
	xp=$2
	file=$3
	got=$(printf 'setns r=urn:pactaudit:results:1\nsetns e=urn:pactaudit:evidence:1\nsetns a=urn:pactaudit:application:1\nsetns k=urn:pactaudit:rules:1\nxpath count(%s)\n' "$xp" |
	    xmllint --shell "$file" 2>/dev/null |
	    sed -n 's/.*Object is a number : *//p' | head -n 1)
	[ "$got" = "$want" ] || pa_fail "count($xp) in $file is '$got', expected $want"
}

assert_grep() {
	grep -qE -- "$1" "$2" || pa_fail "'$1' not found in $2"
}

assert_no_grep() {
	! grep -qE -- "$1" "$2" || pa_fail "'$1' unexpectedly found in $2"
}

# pa_sarif_setup: $SARIF_SCHEMA (the SARIF 2.1.0 schema) and $PY (Debian's
# python3 with jsonschema), or skip; then pa_sarif_valid FILE checks a log.
pa_sarif_setup() {
	SARIF_SCHEMA="$top_srcdir/tests/fixtures/schemas/sarif-2.1.0-rtm.5.json"
	[ -f "$SARIF_SCHEMA" ] || SARIF_SCHEMA="$top_srcdir/../shared/schemas/sarif-2.1.0-rtm.5.json"
	[ -f "$SARIF_SCHEMA" ] || pa_fail "no SARIF schema"
	PY=/usr/bin/python3
	[ -x "$PY" ] && "$PY" -c 'import jsonschema' 2>/dev/null ||
	    pa_skip "Debian's python3-jsonschema is not installed"
}

pa_sarif_valid() {
	"$PY" -c 'import json,sys,jsonschema; jsonschema.validate(json.load(open(sys.argv[2])), json.load(open(sys.argv[1])))' \
	    "$SARIF_SCHEMA" "$1"
}

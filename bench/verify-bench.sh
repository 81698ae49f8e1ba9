#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Signature verification benchmark (DESIGN.md section 6): builds a signed
# history of N commits (default 2000, ed25519) and times, on the same
# repository in the same run, `git log --show-signature` against
# `pactaudit pact verify` with a cold and a warm verification cache.
#
#   bench/verify-bench.sh [-n COMMITS] [-r RUNS] [-j JOBS] [-k] [PACTAUDIT]
#
# -k keeps the work folder (printed) to rerun by hand.  PACTAUDIT defaults to
# the build tree's src/pactaudit or the one on PATH.  Everything happens in
# a temporary folder with its own GnuPG home: your keyring is not touched.
set -eu

n=2000
runs=3
jobs=
keep=0
while getopts n:r:j:k opt; do
	case $opt in
	n) n=$OPTARG ;;
	r) runs=$OPTARG ;;
	j) jobs=$OPTARG ;;
	k) keep=1 ;;
	*) echo "usage: $0 [-n COMMITS] [-r RUNS] [-j JOBS] [-k] [PACTAUDIT]" >&2; exit 2 ;;
	esac
done
shift $((OPTIND - 1))
here=$(cd "$(dirname "$0")" && pwd)
pa=${1:-}
if [ -z "$pa" ]; then
	for c in "$here/../src/pactaudit" "$(command -v pactaudit 2>/dev/null || true)"; do
		[ -n "$c" ] && [ -x "$c" ] && { pa=$c; break; }
	done
fi
[ -n "$pa" ] && [ -x "$pa" ] || { echo "$0: no pactaudit binary; pass its path" >&2; exit 2; }
: "${PACTAUDIT_DATADIR:=$here/..}"
export PACTAUDIT_DATADIR

work=$(mktemp -d "${TMPDIR:-/tmp}/pa-verify-bench.XXXXXX")
cleanup() {
	gpgconf --homedir "$work/gnupg" --kill all >/dev/null 2>&1 || true
	[ "$keep" -eq 1 ] && echo "kept: $work" || rm -rf "$work"
}
trap cleanup EXIT
export GNUPGHOME="$work/gnupg" XDG_CACHE_HOME="$work/cache" HOME="$work/home"
export TZ=UTC LC_ALL=C GIT_CONFIG_NOSYSTEM=1 GIT_CONFIG_GLOBAL=/dev/null
mkdir -p "$GNUPGHOME" "$HOME"
chmod 700 "$GNUPGHOME"
printf 'allow-loopback-pinentry\n' > "$GNUPGHOME/gpg-agent.conf"
printf 'pinentry-mode loopback\nbatch\nno-tty\n' > "$GNUPGHOME/gpg.conf"
gpg --batch --passphrase '' --quick-generate-key "Bench Signer <bench@example.org>" \
    ed25519 sign never >/dev/null 2>&1
fpr=$(gpg --with-colons --list-keys bench@example.org | awk -F: '/^fpr:/ { print $10; exit }')
gpg --export --armor "$fpr" > "$work/keyring.asc"

now_ms() {
	t=$(date +%s%N)
	echo $((t / 1000000))
}

# ---- the signed history ----
repo="$work/dossier"
mkdir -p "$repo/pact" "$repo/docs"
cat > "$repo/pact/signers.xml" <<EOF
<signers xmlns="urn:pactaudit:signers:1" version="1">
  <signer fingerprint="$fpr" name="Bench Signer" email="bench@example.org"
          rights="commit pact tag signers"/>
</signers>
EOF
cat > "$repo/pact/commitments.xml" <<EOF
<commitments xmlns="urn:pactaudit:pact:1" version="1">
  <organisation>Bench SAS</organisation>
</commitments>
EOF
gpg --armor --detach-sign -o "$repo/pact/commitments.xml.asc" "$repo/pact/commitments.xml"
g() {
	git -C "$repo" -c user.name=Bench -c user.email=bench@example.org \
	    -c user.signingkey="$fpr" -c gpg.program=gpg -c commit.gpgsign=true "$@"
}
g init -q
echo "# log" > "$repo/docs/log.md"
g add -A
g commit -q -m "dossier with its signing policy"
t0=$(now_ms)
i=1
while [ "$i" -lt "$n" ]; do
	echo "entry $i" >> "$repo/docs/log.md"
	g commit -q -a -m "entry $i"
	i=$((i + 1))
done
g gc -q
echo "built $n signed commits in $(( ($(now_ms) - t0) / 1000 )) s: $repo"

# ---- timings: best of $runs for each ----
best() {
	b=
	for _ in $(seq "$runs"); do
		[ -n "${pre:-}" ] && eval "$pre"
		s=$(now_ms)
		"$@" >/dev/null 2>&1 || true
		e=$(now_ms)
		d=$((e - s))
		if [ -z "$b" ] || [ "$d" -lt "$b" ]; then b=$d; fi
	done
	echo "$b"
}
jflag=
[ -n "$jobs" ] && jflag="-j $jobs"
# check the tool's answer once, so a broken build is not timed
"$pa" pact verify "$repo" --keyring "$work/keyring.asc" --no-cache $jflag > "$work/verify.out" 2>&1 ||
    { cat "$work/verify.out" >&2; echo "$0: pactaudit did not authenticate the history" >&2; exit 1; }
checked=$(sed -n 's/^commits: \([0-9]*\) checked, \([0-9]*\) authenticated$/\2/p' "$work/verify.out")
git_sigs=$(git -C "$repo" log --show-signature 2>&1 | grep -c 'Good signature' || true)
echo "pactaudit authenticated ${checked:-0} commits; git log --show-signature reported $git_sigs good signatures"

pre=
t_git=$(best git -C "$repo" log --show-signature)
pre="rm -rf '$XDG_CACHE_HOME'"
t_cold=$(best "$pa" pact verify "$repo" --keyring "$work/keyring.asc" $jflag)
pre=
"$pa" pact verify "$repo" --keyring "$work/keyring.asc" $jflag >/dev/null 2>&1 || true
t_warm=$(best "$pa" pact verify "$repo" --keyring "$work/keyring.asc" $jflag)
t_one=
if [ -z "$jobs" ]; then
	pre="rm -rf '$XDG_CACHE_HOME'"
	t_one=$(best "$pa" pact verify "$repo" --keyring "$work/keyring.asc" -j 1)
	pre=
fi

ratio() {
	awk -v a="$1" -v b="$2" 'BEGIN { if (b <= 0) b = 1; printf "%.1f", a / b }'
}
cores=$(getconf _NPROCESSORS_ONLN 2>/dev/null || echo '?')
echo "commits: $n   cores: $cores   runs: best of $runs   $(gpg --version | head -n 1)"
printf '%-44s %8s ms\n' "git log --show-signature" "$t_git"
printf '%-44s %8s ms   %sx faster than git\n' "pactaudit pact verify, cold cache${jobs:+ -j $jobs}" \
    "$t_cold" "$(ratio "$t_git" "$t_cold")"
[ -n "$t_one" ] && printf '%-44s %8s ms   %sx\n' "pactaudit pact verify, cold cache -j 1" \
    "$t_one" "$(ratio "$t_git" "$t_one")"
printf '%-44s %8s ms   %sx faster than git\n' "pactaudit pact verify, warm cache" \
    "$t_warm" "$(ratio "$t_git" "$t_warm")"
echo "targets (DESIGN.md section 6): cold >= 1.9x on 2 cores, warm >= 300x"

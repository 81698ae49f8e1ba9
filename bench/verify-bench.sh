#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Signature verification benchmark (DESIGN.md section 6): builds a signed
# history of N commits (default 2000, ed25519) and times, on the same
# repository in the same run, `git log --show-signature` against
# `pactaudit pact verify` with a cold and a warm verification cache.
#
#   bench/verify-bench.sh [-n COMMITS] [-r RUNS] [-j JOBS] [-k] [-w DIR] [PACTAUDIT]
#
# -k keeps the work folder (printed); -w DIR reuses one kept before instead
# of building the history again (2,000 signed commits take a minute or two).
# PACTAUDIT defaults to the build tree's src/pactaudit, then the one on PATH.
# Everything happens in that folder with its own GnuPG home and cache: your
# keyring and your cache are not touched.
set -eu

n=2000
runs=3
jobs=
keep=0
reuse=
while getopts n:r:j:kw: opt; do
	case $opt in
	n) n=$OPTARG ;;
	r) runs=$OPTARG ;;
	j) jobs=$OPTARG ;;
	k) keep=1 ;;
	w) reuse=$OPTARG; keep=1 ;;
	*) echo "usage: $0 [-n COMMITS] [-r RUNS] [-j JOBS] [-k] [-w DIR] [PACTAUDIT]" >&2; exit 2 ;;
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

if [ -n "$reuse" ]; then
	work=$(cd "$reuse" && pwd)
	[ -d "$work/dossier" ] && [ -f "$work/keyring.asc" ] ||
	    { echo "$0: $reuse is not a folder kept by -k" >&2; exit 2; }
else
	work=$(mktemp -d "${TMPDIR:-/tmp}/pa-verify-bench.XXXXXX")
fi
cleanup() {
	gpgconf --homedir "$work/gnupg" --kill all >/dev/null 2>&1 || true
	if [ "$keep" -eq 1 ]; then echo "kept: $work"; else rm -rf "$work"; fi
}
trap cleanup EXIT
export GNUPGHOME="$work/gnupg" XDG_CACHE_HOME="$work/cache" HOME="$work/home"
export TZ=UTC LC_ALL=C GIT_CONFIG_NOSYSTEM=1 GIT_CONFIG_GLOBAL="$work/gitconfig"
repo="$work/dossier"

now_ms() {
	t=$(date +%s%N)
	echo $((t / 1000000))
}

g() {
	git -C "$repo" -c user.name=Bench -c user.email=bench@example.org \
	    -c user.signingkey="$fpr" -c gpg.program=gpg -c commit.gpgsign=true "$@"
}

# ---- a key and the signed history ----
build() {
	mkdir -p "$GNUPGHOME" "$HOME" "$repo/pact" "$repo/docs"
	chmod 700 "$GNUPGHOME"
	printf 'allow-loopback-pinentry\n' > "$GNUPGHOME/gpg-agent.conf"
	printf 'pinentry-mode loopback\nbatch\nno-tty\n' > "$GNUPGHOME/gpg.conf"
	gpg --batch --passphrase '' --quick-generate-key "Bench Signer <bench@example.org>" \
	    ed25519 sign never >/dev/null 2>&1
	fpr=$(gpg --with-colons --list-keys bench@example.org | awk -F: '/^fpr:/ { print $10; exit }')
	gpg --export --armor "$fpr" > "$work/keyring.asc"
	printf '%s\n' '<signers xmlns="urn:pactaudit:signers:1" version="1">' \
	    "  <signer fingerprint=\"$fpr\" name=\"Bench Signer\" rights=\"commit pact tag signers\"/>" \
	    '</signers>' > "$repo/pact/signers.xml"
	printf '%s\n' '<commitments xmlns="urn:pactaudit:pact:1" version="1">' \
	    '  <organisation>Bench SAS</organisation>' '</commitments>' > "$repo/pact/commitments.xml"
	gpg --armor --detach-sign -o "$repo/pact/commitments.xml.asc" "$repo/pact/commitments.xml"
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
}

if [ -z "$reuse" ]; then
	build 2>/dev/null
else
	fpr=$(gpg --with-colons --list-keys bench@example.org | awk -F: '/^fpr:/ { print $10; exit }')
	n=$(git -C "$repo" rev-list --count HEAD)
	echo "reusing $n signed commits: $repo"
fi

# ---- timings ----
# best COUNT CMD...: the fastest of $runs samples, each COUNT runs of CMD
# (averaged, so that starting `date` does not weigh on short runs); $pre
# runs before each run.
best() {
	count=$1
	shift
	b=
	for _ in $(seq "$runs"); do
		total=0
		for _ in $(seq "$count"); do
			[ -n "${pre:-}" ] && eval "$pre"
			s=$(date +%s%N)
			"$@" >/dev/null 2>&1 || true
			e=$(date +%s%N)
			total=$((total + (e - s) / 1000))
		done
		d=$((total / count))
		if [ -z "$b" ] || [ "$d" -lt "$b" ]; then b=$d; fi
	done
	awk -v us="$b" 'BEGIN { printf "%.1f", us / 1000 }'
}
jflag=
[ -n "$jobs" ] && jflag="-j $jobs"
# check the answers once, so that a broken build is not timed
"$pa" pact verify "$repo" --keyring "$work/keyring.asc" --no-cache $jflag > "$work/verify.out" 2>&1 ||
    { cat "$work/verify.out" >&2; echo "$0: pactaudit did not authenticate the history" >&2; exit 1; }
checked=$(sed -n 's/^commits: \([0-9]*\) checked, \([0-9]*\) authenticated$/\2/p' "$work/verify.out")
git_sigs=$(git -C "$repo" log --show-signature 2>&1 | grep -c 'Good signature' || true)
echo "pactaudit authenticated ${checked:-0} commits; git log --show-signature found $git_sigs good signatures"

pre=
t_git=$(best 1 git -C "$repo" log --show-signature)
pre="rm -rf '$XDG_CACHE_HOME'"
t_cold=$(best 1 "$pa" pact verify "$repo" --keyring "$work/keyring.asc" $jflag)
t_one=
[ -z "$jobs" ] && t_one=$(best 1 "$pa" pact verify "$repo" --keyring "$work/keyring.asc" -j 1)
pre=
"$pa" pact verify "$repo" --keyring "$work/keyring.asc" $jflag >/dev/null 2>&1 || true
t_warm=$(best 10 "$pa" pact verify "$repo" --keyring "$work/keyring.asc" $jflag)
t_start=$(best 10 "$pa" pact verify --no-such-option)

ratio() {
	awk -v a="$1" -v b="$2" 'BEGIN { if (b <= 0) b = 1; printf "%.1f", a / b }'
}
cores=$(getconf _NPROCESSORS_ONLN 2>/dev/null || echo '?')
echo "commits: $n   cores: $cores   best of $runs   $(gpg --version | head -n 1)   load: $(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo '?')"
printf '%-46s %9s ms\n' "git log --show-signature" "$t_git"
printf '%-46s %9s ms   %sx faster than git\n' "pactaudit pact verify, cold cache${jobs:+ -j $jobs}" \
    "$t_cold" "$(ratio "$t_git" "$t_cold")"
[ -n "$t_one" ] && printf '%-46s %9s ms   %sx\n' "pactaudit pact verify, cold cache, -j 1" \
    "$t_one" "$(ratio "$t_git" "$t_one")"
printf '%-46s %9s ms   %sx faster than git\n' "pactaudit pact verify, warm cache" \
    "$t_warm" "$(ratio "$t_git" "$t_warm")"
printf '%-46s %9s ms\n' "  of which starting pactaudit (bad option)" "$t_start"
echo "targets (DESIGN.md section 6): cold >= 1.9x on 2 cores, warm >= 300x"

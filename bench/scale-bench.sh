#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Memory and scale benchmark: peak memory and wall time of `pactaudit check`
# (cold: empty cache; warm: the cache it filled) on
#   (a) one dossier with N signed commits (default 1000, 10000, 100000),
#   (b) one dossier with K dataset cards (default 1000, 20000),
#   (c) a call of D dossiers (default 1000), each with 5 model cards,
#       20 dataset cards and 100 signed commits,
# against `git log --show-signature` over the same repositories.  It fits
# the bytes of peak memory per commit and per card from two sizes and
# prints how time grows.
#
#   bench/scale-bench.sh [-c "N..."] [-k "K..."] [-d D] [-g MAX] [-G S] [-j JOBS]
#                        [-s a,b,c] [-w DIR] [PACTAUDIT]
#
# -g MAX: run `git log --show-signature` only on histories of at most MAX
#   commits (default 10000; it starts one gpg per commit, minutes at 100k).
# -G S: for the call, time git log over the first S dossiers (default 20)
#   and scale it to D.
# -s: which parts to run (default a,b,c).  -w DIR: keep everything in DIR
#   (made if missing; reused if it holds the repositories already), so a
#   second binary can be measured on the very same repositories.
# -j: pactaudit's workers (default: pactaudit's own default).
#
# Commits are written by bench/signed-history.py (one process for all): every commit has its own
# ed25519 signature made in Python (python3-cryptography), so 100,000
# commits take a minute, not hours of `git commit -S`.  Each of the D
# dossiers of the call is generated with its own name and history (no
# copies: copies would share cache entries).  Peak memory is GNU time's
# maximum resident set size (%M).  Everything lives in the work folder with
# its own GnuPG home and cache; your keyring and cache are untouched.
set -eu

commits="1000 10000 100000"
cards="1000 20000"
call=1000
gitmax=10000
gitcall=20
jobs=
parts=a,b,c
work=
while getopts c:k:d:g:G:j:s:w: opt; do
	case $opt in
	c) commits=$OPTARG ;;
	k) cards=$OPTARG ;;
	d) call=$OPTARG ;;
	g) gitmax=$OPTARG ;;
	G) gitcall=$OPTARG ;;
	j) jobs=$OPTARG ;;
	s) parts=$OPTARG ;;
	w) work=$OPTARG ;;
	*) sed -n '/^#   bench/,/^#  *\[-s/p' "$0" >&2; exit 2 ;;
	esac
done
shift $((OPTIND - 1))
here=$(cd "$(dirname "$0")" && pwd)
pa=${1:-$here/../src/pactaudit}
[ -x "$pa" ] || { echo "$0: no pactaudit binary at $pa; pass its path" >&2; exit 2; }
pa=$(cd "$(dirname "$pa")" && pwd)/$(basename "$pa")
[ -x /usr/bin/time ] || { echo "$0: needs GNU time (/usr/bin/time, package 'time')" >&2; exit 2; }
/usr/bin/python3 -c 'import cryptography' 2>/dev/null ||
    { echo "$0: needs python3-cryptography" >&2; exit 2; }
: "${PACTAUDIT_DATADIR:=$here/..}"
export PACTAUDIT_DATADIR

keep=1
if [ -z "$work" ]; then
	work=$(mktemp -d "${TMPDIR:-/tmp}/pa-scale-bench.XXXXXX")
	keep=0
fi
mkdir -p "$work"
work=$(cd "$work" && pwd)
cleanup() {
	gpgconf --homedir "$work/gnupg" --kill all >/dev/null 2>&1 || true
	if [ "$keep" -eq 0 ]; then rm -rf "$work"; fi
}
trap cleanup EXIT
export GNUPGHOME="$work/gnupg" XDG_CACHE_HOME="$work/cache" HOME="$work/home"
export TZ=UTC LC_ALL=C GIT_CONFIG_NOSYSTEM=1 GIT_CONFIG_GLOBAL="$work/gitconfig"
jflag=
[ -n "$jobs" ] && jflag="-j $jobs"

# ---- the key ----
if [ ! -f "$work/secret.gpg" ]; then
	mkdir -p "$GNUPGHOME" "$HOME"
	chmod 700 "$GNUPGHOME"
	printf 'pinentry-mode loopback\nbatch\nno-tty\n' > "$GNUPGHOME/gpg.conf"
	# made in the past: the commits are dated from 2026-01-01, a minute apart
	gpg --batch --passphrase '' --faked-system-time 20250101T000000! \
	    --quick-generate-key "Bench <bench@example.org>" \
	    ed25519 sign never >/dev/null 2>&1
	gpg --export-secret-keys bench@example.org > "$work/secret.gpg"
	gpg --export --armor bench@example.org > "$work/keyring.asc"
	printf '[user]\n\tname = Bench\n\temail = bench@example.org\n[init]\n\tdefaultBranch = main\n' \
	    > "$work/gitconfig"
fi
fpr=$(gpg --with-colons --list-keys bench@example.org | awk -F: '/^fpr:/ { print $10; exit }')

# ---- dossiers ----
# template DIR MODELS DATASETS: the init skeleton with its cards copied,
# signed by the bench key (files only, no repository yet)
template() {
	"$pa" init "$1" --name "Bench SAS" --country FR >/dev/null
	i=1
	while [ "$i" -lt "$2" ]; do
		cp -R "$1/models/example-model" "$1/models/model-$i"
		i=$((i + 1))
	done
	i=1
	while [ "$i" -lt "$3" ]; do
		cp -R "$1/datasets/example-dataset" "$1/datasets/dataset-$i"
		i=$((i + 1))
	done
	sed -i "s/0\{40\}/$fpr/g" "$1/pact/signers.xml" "$1/pact/commitments.xml" "$1/application.xml"
	cp "$work/keyring.asc" "$1/pact/keys.asc"
}
# prepare DIR [NAME]: DIR becomes a repository with the dossier's tree and
# no commit (NAME, if given, replaces the organisation's name first); its
# git folder and tree go to $work/list for signed-history.py
prepare() {
	if [ $# -gt 1 ]; then
		sed -i "s/Bench SAS/$2/g" "$1/application.xml" "$1/pact/commitments.xml"
	fi
	gpg --armor --detach-sign -o "$1/pact/commitments.xml.asc" "$1/pact/commitments.xml"
	echo "entry $((n - 1))" > "$1/docs/bench-log.md"
	git -C "$1" init -q
	git -C "$1" add -A
	echo "$1/.git $(git -C "$1" write-tree)" >> "$work/list"
}
# sign COMMITS: write the histories of every repository of $work/list
sign() {
	/usr/bin/python3 "$here/signed-history.py" "$work/secret.gpg" "$fpr" "$1" < "$work/list"
	rm -f "$work/list"
}

# one DIR DATASETS COMMITS WHAT: a packed single-dossier repository
one() {
	rm -rf "$1"
	t0=$(date +%s)
	template "$1" 1 "$2"
	n=$3
	prepare "$1"
	sign "$3"
	git -C "$1" repack -adq
	echo "  built $4 in $(( $(date +%s) - t0 )) s"
}

# ---- measuring ----
load() { cut -d' ' -f1-3 /proc/loadavg; }
# check LABEL DOSSIER...: one `pactaudit check` (JSON to $work/out.json),
# "LABEL|seconds|peak KiB" appended to $work/times
check() {
	l=$1
	shift
	/usr/bin/time -f '%e %M' -o "$work/time.out" "$pa" check --keyring "$work/keyring.asc" \
	    --as-of 2027-12-02 $jflag --format json -o "$work/out.json" "$@" \
	    >/dev/null 2>"$work/stderr" || true
	set -- $(tail -n 1 "$work/time.out")
	printf '%-44s %9s s %9s KiB   load %s\n' "$l" "$1" "$2" "$(load)"
	echo "$l|$1|$2" >> "$work/times"
}
# audit LABEL DOSSIER...: cold (empty cache), then warm
audit() {
	a=$1
	shift
	rm -rf "$XDG_CACHE_HOME"
	check "$a cold" "$@"
	cp "$work/out.json" "$work/cold.json"
	check "$a warm" "$@"
	cmp -s "$work/out.json" "$work/cold.json" || echo "  warning: warm results differ from cold" >&2
}
gitlog() {
	label=$1
	shift
	/usr/bin/time -f '%e %M' -o "$work/time.out" sh -c \
	    'for r; do git -C "$r" log --show-signature >/dev/null 2>&1; done' sh "$@" || true
	set -- $(tail -n 1 "$work/time.out")
	printf '%-44s %9s s %9s KiB   load %s\n' "$label git log --show-signature" "$1" "$2" "$(load)"
	echo "$label git|$1|$2" >> "$work/times"
}
field() { awk -F'|' -v l="$1" -v f="$2" '$1 == l { v = $f } END { print v }' "$work/times"; }
slope() {	# slope LABEL_A SIZE_A LABEL_B SIZE_B UNIT
	a=$(field "$1" 3)
	b=$(field "$3" 3)
	ta=$(field "$1" 2)
	tb=$(field "$3" 2)
	awk -v a="$a" -v b="$b" -v na="$2" -v nb="$4" -v ta="$ta" -v tb="$tb" -v u="$5" 'BEGIN {
		s = (b - a) * 1024 / (nb - na)
		printf "  peak memory: %.0f bytes per %s (%.1f MiB + %.0f B x n); ", s, u, (a * 1024 - s * na) / 1048576, s
		printf "time x%.1f for size x%.1f\n", tb / (ta > 0 ? ta : 0.01), nb / na
	}'
}

echo "pactaudit: $pa"
echo "machine: $(nproc) cores, $(awk '/MemTotal/ { printf "%.0f MiB", $2 / 1024 }' /proc/meminfo), load $(load)"
: > "$work/times"

case ",$parts," in *,a,*)
	echo "== (a) one dossier, N signed commits"
	prev=
	for n in $commits; do
		d="$work/commits-$n"
		[ -d "$d/.git" ] || one "$d" 1 "$n" "$n commits"
		audit "commits $n" "$d"
		grep -q '"status": *"good"' "$work/out.json" ||
		    echo "  warning: no good signature in the results" >&2
		[ "$n" -le "$gitmax" ] && gitlog "commits $n" "$d"
		[ -n "$prev" ] && slope "commits $prev cold" "$prev" "commits $n cold" "$n" commit
		prev=$n
	done ;;
esac

case ",$parts," in *,b,*)
	echo "== (b) one dossier, K dataset cards"
	prev=
	for k in $cards; do
		d="$work/cards-$k"
		[ -d "$d/.git" ] || one "$d" "$k" 1 "$k cards"
		audit "cards $k" "$d"
		[ -n "$prev" ] && slope "cards $prev cold" "$prev" "cards $k cold" "$k" card
		prev=$k
	done ;;
esac

case ",$parts," in *,c,*)
	echo "== (c) a call of $call dossiers (5 models, 20 datasets, 100 commits each)"
	c="$work/call-$call"
	if [ ! -f "$c/.complete" ]; then
		rm -rf "$c" "$work/call-template"
		t0=$(date +%s)
		template "$work/call-template" 5 20
		mkdir -p "$c"
		i=1
		n=100
		while [ "$i" -le "$call" ]; do
			d=$(printf '%s/d%04d' "$c" "$i")
			cp -R "$work/call-template" "$d"
			prepare "$d" "Bench $i SAS"
			i=$((i + 1))
		done
		sign 100	# loose objects: a repack each would take longer than the rest
		touch "$c/.complete"
		echo "  built $call dossiers in $(( $(date +%s) - t0 )) s"
	fi
	audit "call $call" "$c"/d*
	# git log over every dossier would start 100 gpg processes per dossier
	# (an hour for 1,000 under load): time the first $gitcall and scale
	sample=$gitcall
	[ "$sample" -gt "$call" ] && sample=$call
	gitlog "call $sample" $(ls -d "$c"/d* | head -n "$sample")
	awk -F'|' -v s="$sample" -v d="$call" '$1 == "call " s " git" {
		printf "call %d git|%.2f|%s\n", d, $2 * d / s, $3 }' "$work/times" > "$work/times.x"
	cat "$work/times.x" >> "$work/times"
	echo "  (git log over all $call dossiers: $(cut -d'|' -f2 "$work/times.x") s, scaled from $sample)"
	half=$((call / 2))
	audit "call $half" $(ls -d "$c"/d* | head -n "$half")
	slope "call $half cold" "$half" "call $call cold" "$call" dossier
	slope "call $half warm" "$half" "call $call warm" "$call" dossier ;;
esac

echo "== ratios against git log --show-signature (git seconds / pactaudit seconds)"
awk -F'|' '
	{ t[$1] = $2 }
	END {
		for (k in t) if (k ~ / git$/) {
			b = substr(k, 1, length(k) - 4)
			if ((b " cold") in t && t[b " cold"] > 0)
				printf "  %-20s cold %6.1fx   warm %7.1fx\n", b, t[k] / t[b " cold"],
				    t[k] / (t[b " warm"] > 0 ? t[b " warm"] : 0.01)
		}
	}' "$work/times" | sort

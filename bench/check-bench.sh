#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Warm `check` benchmark (DESIGN.md section 6): a typical dossier (5 model
# cards, 20 dataset cards, 100 signed commits) audited with a warm
# verification cache, against one `gpg --verify` of its pact signature,
# timed side by side in one run.  Target: the warm check costs less.
#
#   bench/check-bench.sh [-m MODELS] [-d DATASETS] [-c COMMITS] [-r RUNS] [PACTAUDIT]
#
# Everything happens in a temporary folder with its own GnuPG home and
# cache; your keyring and cache are not touched.
set -eu

models=5
datasets=20
commits=100
runs=10
while getopts m:d:c:r: opt; do
	case $opt in
	m) models=$OPTARG ;;
	d) datasets=$OPTARG ;;
	c) commits=$OPTARG ;;
	r) runs=$OPTARG ;;
	*) echo "usage: $0 [-m MODELS] [-d DATASETS] [-c COMMITS] [-r RUNS] [PACTAUDIT]" >&2; exit 2 ;;
	esac
done
shift $((OPTIND - 1))
here=$(cd "$(dirname "$0")" && pwd)
pa=${1:-$here/../src/pactaudit}
[ -x "$pa" ] || { echo "$0: no pactaudit binary at $pa; pass its path" >&2; exit 2; }
: "${PACTAUDIT_DATADIR:=$here/..}"
export PACTAUDIT_DATADIR

work=$(mktemp -d "${TMPDIR:-/tmp}/pa-check-bench.XXXXXX")
trap 'gpgconf --homedir "$work/gnupg" --kill all >/dev/null 2>&1 || true; rm -rf "$work"' EXIT
export GNUPGHOME="$work/gnupg" XDG_CACHE_HOME="$work/cache" HOME="$work/home"
export TZ=UTC LC_ALL=C GIT_CONFIG_NOSYSTEM=1 GIT_CONFIG_GLOBAL="$work/gitconfig"
repo="$work/dossier"
mkdir -p "$GNUPGHOME" "$HOME"
chmod 700 "$GNUPGHOME"
printf 'pinentry-mode loopback\nbatch\nno-tty\n' > "$GNUPGHOME/gpg.conf"
gpg --batch --passphrase '' --quick-generate-key "Bench Signer <bench@example.org>" \
    ed25519 sign never >/dev/null 2>&1
fpr=$(gpg --with-colons --list-keys bench@example.org | awk -F: '/^fpr:/ { print $10; exit }')
gpg --export --armor "$fpr" > "$work/keyring.asc"

g() {
	git -C "$repo" -c user.name=Bench -c user.email=bench@example.org \
	    -c user.signingkey="$fpr" -c gpg.program=gpg -c commit.gpgsign=true "$@"
}

# ---- the dossier: the init skeleton, its cards copied, signed by the bench key ----
"$pa" init "$repo" --name "Bench SAS" --country FR >/dev/null
i=1
while [ "$i" -lt "$models" ]; do
	cp -R "$repo/models/example-model" "$repo/models/model-$i"
	i=$((i + 1))
done
i=1
while [ "$i" -lt "$datasets" ]; do
	cp -R "$repo/datasets/example-dataset" "$repo/datasets/dataset-$i"
	i=$((i + 1))
done
sed -i "s/0\{40\}/$fpr/g" "$repo/pact/signers.xml" "$repo/pact/commitments.xml" "$repo/application.xml"
gpg --armor --detach-sign -o "$repo/pact/commitments.xml.asc" "$repo/pact/commitments.xml"
gpg --export --armor "$fpr" > "$repo/pact/keys.asc"
g init -q
g add -A
g commit -q -m "dossier"
i=1
while [ "$i" -lt "$commits" ]; do
	echo "entry $i" >> "$repo/docs/risk-management.md"
	g commit -q -a -m "entry $i"
	i=$((i + 1))
done

# mean of $runs runs of CMD, in ms
mean() {
	total=0
	for _ in $(seq "$runs"); do
		s=$(date +%s%N)
		"$@" >/dev/null 2>&1 || true
		e=$(date +%s%N)
		total=$((total + (e - s) / 1000))
	done
	awk -v us="$total" -v n="$runs" 'BEGIN { printf "%.1f", us / n / 1000 }'
}

"$pa" check --keyring "$work/keyring.asc" --format xml -o "$work/results.xml" "$repo" || true
good=$(grep -c 'status="good"' "$work/results.xml" || true)
echo "dossier: $models model cards, $datasets dataset cards, $commits signed commits;" \
    "$good good signatures in the results"
echo "cores: $(nproc)   load: $(cut -d' ' -f1-3 /proc/loadavg)   $(gpg --version | head -n 1)"
warm=$(mean "$pa" check --keyring "$work/keyring.asc" --format xml "$repo")
verify=$(mean gpg --verify "$repo/pact/commitments.xml.asc" "$repo/pact/commitments.xml")
start=$(mean "$pa" check --no-such-option)
printf '%-40s %8s ms\n' "pactaudit check, warm cache" "$warm" \
    "gpg --verify (one detached signature)" "$verify" \
    "  starting pactaudit (bad option)" "$start"
awk -v w="$warm" -v v="$verify" 'BEGIN { printf "warm check / gpg --verify = %.2f (target: below 1)\n", w / v }'

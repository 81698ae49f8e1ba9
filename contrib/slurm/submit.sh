#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Audit a whole call on a Slurm cluster: a job array in which each task
# audits a few dossiers with one `pactaudit check -j`, then one job that
# gathers the results into reports and checks that none is missing.
#
#   contrib/slurm/submit.sh CALLDIR OUTDIR
#
# CALLDIR holds one folder (a git repository) per dossier.  OUTDIR gets
# settings (what every task must use: see below), dossiers.txt (the list,
# one per line), keyring.asc and registry.xml (copies), results/ (one
# results file per task), status/ (per task: each dossier audited or
# failed), failed/ (why a dossier could not be audited), logs/, and from
# the gathering job call.xml, call.html, call.csv, call.json, call.txt,
# missing.txt and failed.txt.
# Environment (all optional; fixed in OUTDIR/settings at submission):
#   PACTAUDIT_KEYRING   the auditor's public keys (--keyring; copied)
#   PACTAUDIT_REGISTRY  the registry of applicants (--registry; copied)
#   PACTAUDIT_REV       the revision to audit (default: submission)
#   PACTAUDIT_AS_OF     the as-of date (default: today, fixed once for all tasks)
#   PACTAUDIT_PER_TASK  dossiers per array task (default 10)
#   PACTAUDIT_PARALLEL  array tasks running at once (default 100)
#   PACTAUDIT_SBATCH    extra sbatch options, e.g. "--account=aif --partition=cpu"
#   PACTAUDIT           the pactaudit program (default: pactaudit from PATH)
set -eu

[ $# -eq 2 ] || { echo "usage: $0 CALLDIR OUTDIR" >&2; exit 2; }
call=$(cd "$1" && pwd) || { echo "$0: no folder '$1'" >&2; exit 2; }
mkdir -p "$2"
out=$(cd "$2" && pwd)
here=$(cd "$(dirname "$0")" && pwd)
. "$here/submit-lib.sh"
per=${PACTAUDIT_PER_TASK:-10}
parallel=${PACTAUDIT_PARALLEL:-100}
case $per in ''|*[!0-9]*|0) die "PACTAUDIT_PER_TASK must be a whole number from 1" ;; esac
case $parallel in ''|*[!0-9]*|0) die "PACTAUDIT_PARALLEL must be a whole number from 1" ;; esac
[ ! -e "$out/settings" ] ||
    die "$out already holds a submitted call; use resubmit.sh $out, or another folder"

# the program every task runs, found once here
program=${PACTAUDIT:-pactaudit}
case $program in
*/*) program=$(cd "$(dirname "$program")" && pwd)/$(basename "$program") ;;
*) program=$(command -v "$program") || die "'$program' is not on PATH (set PACTAUDIT)" ;;
esac
tool=$("$program" --version) || die "cannot run $program"
rules=$("$program" rules version) || die "cannot read the rules of $program"

# every task must judge the law at the same date, whenever it runs
as_of=${PACTAUDIT_AS_OF:-$(date -u +%Y-%m-%d)}
rev=${PACTAUDIT_REV:-submission}

mkdir -p "$out/results" "$out/status" "$out/failed" "$out/logs"
list=$out/dossiers.txt
find -L "$call" -mindepth 1 -maxdepth 1 -type d ! -name '.*' | LC_ALL=C sort >"$list.tmp"
if LC_ALL=C grep -q '[[:cntrl:]]' "$list.tmp"; then
	rm -f "$list.tmp"
	die "a dossier folder name in $call holds a control character; rename it"
fi
mv "$list.tmp" "$list"
n=$(wc -l <"$list")
[ "$n" -gt 0 ] || die "no dossier folders in $call"
tasks=$(( (n + per - 1) / per ))

# copies, so that changing the originals later changes no task's audit
keyring= registry=
if [ -n "${PACTAUDIT_KEYRING:-}" ]; then
	cp "$PACTAUDIT_KEYRING" "$out/keyring.asc"
	keyring=$out/keyring.asc
fi
if [ -n "${PACTAUDIT_REGISTRY:-}" ]; then
	cp "$PACTAUDIT_REGISTRY" "$out/registry.xml"
	registry=$out/registry.xml
fi

# Slurm refuses array indexes from MaxArraySize up: submit chunks of at most
# MaxArraySize - 1 tasks, each array numbered from 1 with its own offset
max=$(scontrol show config 2>/dev/null | sed -n 's/^MaxArraySize *= *\([0-9][0-9]*\).*/\1/p')
max=${max:-1001}
chunk=$((max - 1))
[ "$chunk" -ge 1 ] || die "MaxArraySize is $max: no job array fits"

{
	echo "# written by submit.sh on $(date -u +%Y-%m-%dT%H:%M:%SZ); tasks read it, never the environment"
	echo "as_of=$as_of"
	echo "rev=$rev"
	echo "per_task=$per"
	echo "dossiers=$n"
	echo "tasks=$tasks"
	echo "list_sha256=$(sha256sum <"$list" | cut -d' ' -f1)"
	echo "keyring=$keyring"
	echo "registry=$registry"
	echo "program=$program"
	echo "tool=$tool"
	echo "rules=$rules"
	echo "sbatch=${PACTAUDIT_SBATCH:-}"
	echo "parallel=$parallel"
	echo "chunk=$chunk"
} >"$out/settings.tmp"
mv "$out/settings.tmp" "$out/settings"

echo "$n dossiers, $per per task, as of $as_of, revision $rev; reports in $out"
submit_batch main "$tasks" "${PACTAUDIT_SBATCH:-}"

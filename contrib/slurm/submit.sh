#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Audit a whole call on a Slurm cluster: a job array in which each task
# audits a few dossiers, then one job that gathers the results into reports.
#
#   contrib/slurm/submit.sh CALLDIR OUTDIR
#
# CALLDIR holds one folder (a git repository) per dossier.  OUTDIR gets
# dossiers.txt (the list, one per line), results/ (one results file per
# dossier), failed/ (dossiers that could not be audited), logs/, and the
# reports call.html, call.csv, call.json and call.txt.
# Environment (all optional; passed to every task):
#   PACTAUDIT_KEYRING   the auditor's public keys (--keyring)
#   PACTAUDIT_REGISTRY  the registry of applicants (--registry)
#   PACTAUDIT_REV       the revision to audit (default: submission)
#   PACTAUDIT_AS_OF     the as-of date (default: today, fixed once for all tasks)
#   PACTAUDIT_PER_TASK  dossiers per array task (default 10)
#   PACTAUDIT_PARALLEL  array tasks running at once (default 100)
#   PACTAUDIT_SBATCH    extra sbatch options, e.g. "--account=aif --partition=cpu"
set -eu

[ $# -eq 2 ] || { echo "usage: $0 CALLDIR OUTDIR" >&2; exit 2; }
call=$(cd "$1" && pwd)
mkdir -p "$2"
out=$(cd "$2" && pwd)
here=$(cd "$(dirname "$0")" && pwd)
per=${PACTAUDIT_PER_TASK:-10}
parallel=${PACTAUDIT_PARALLEL:-100}

# every task must judge the law at the same date, whenever it runs
PACTAUDIT_AS_OF=${PACTAUDIT_AS_OF:-$(date -u +%Y-%m-%d)}
PACTAUDIT_REV=${PACTAUDIT_REV:-submission}
export PACTAUDIT_AS_OF PACTAUDIT_REV

mkdir -p "$out/results" "$out/failed" "$out/logs"
find -L "$call" -mindepth 1 -maxdepth 1 -type d ! -name '.*' | LC_ALL=C sort >"$out/dossiers.txt"
n=$(wc -l <"$out/dossiers.txt")
[ "$n" -gt 0 ] || { echo "$0: no dossier folders in $call" >&2; exit 2; }
tasks=$(( (n + per - 1) / per ))

# shellcheck disable=SC2086
array=$(sbatch --parsable ${PACTAUDIT_SBATCH:-} \
    --array="1-$tasks%$parallel" --output="$out/logs/audit-%A_%a.log" \
    --export="ALL,PACTAUDIT_LIST=$out/dossiers.txt,PACTAUDIT_OUT=$out,PACTAUDIT_PER_TASK=$per" \
    "$here/audit-call.sbatch")
array=${array%%;*}
# shellcheck disable=SC2086
gather=$(sbatch --parsable ${PACTAUDIT_SBATCH:-} \
    --dependency="afterany:$array" --output="$out/logs/gather-%j.log" \
    --export="ALL,PACTAUDIT_OUT=$out" "$here/gather.sbatch")
echo "$n dossiers in $tasks tasks: array job $array, gathering job ${gather%%;*}"
echo "as of $PACTAUDIT_AS_OF, revision $PACTAUDIT_REV; reports in $out"

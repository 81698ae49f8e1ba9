#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Re-run exactly the dossiers of a submitted call that are missing (no task
# finished them) or could not be audited, with the settings fixed at
# submission, then gather the whole call again.
#
#   contrib/slurm/resubmit.sh OUTDIR
#
# The re-run is a new batch, OUTDIR/batches/retryN.txt (the lines of
# dossiers.txt it audits); its tasks write results/retryN-*.xml beside the
# first ones.  Refuses while tasks of the call are still queued or running.
set -eu

[ $# -eq 1 ] || { echo "usage: $0 OUTDIR" >&2; exit 2; }
out=$(cd "$1" && pwd) || { echo "$0: no folder '$1'" >&2; exit 2; }
here=$(cd "$(dirname "$0")" && pwd)
. "$here/submit-lib.sh"
[ -f "$out/settings" ] || die "$out is not a call submitted with submit.sh"
per=$(setting per_task)

if [ -s "$out/jobs" ] && command -v squeue >/dev/null 2>&1; then
	left=$(squeue -h -o %i -j "$(paste -sd, "$out/jobs")" 2>/dev/null | wc -l)
	[ "$left" -eq 0 ] || die "$left job(s) of this call are still queued or running; wait for them"
fi

PACTAUDIT_OUT=$out sh "$here/gather.sbatch" --state
cat "$out/missing.txt" "$out/failed.txt" | cut -d' ' -f1 | LC_ALL=C sort -n >"$out/retry.tmp"
n=$(wc -l <"$out/retry.tmp")
if [ "$n" -eq 0 ]; then
	rm -f "$out/retry.tmp"
	echo "nothing to re-run: every dossier of $out was audited"
	exit 0
fi
mkdir -p "$out/batches"
k=1
while [ -e "$out/batches/retry$k.txt" ]; do
	k=$((k + 1))
done
batch=retry$k
mv "$out/retry.tmp" "$out/batches/$batch.txt"
tasks=$(( (n + per - 1) / per ))

echo "$n dossier(s) again, as batch $batch"
submit_batch "$batch" "$tasks" "${PACTAUDIT_SBATCH-$(setting sbatch)}"

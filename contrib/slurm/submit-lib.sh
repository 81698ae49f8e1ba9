# SPDX-License-Identifier: GPL-3.0-or-later
# Sourced by submit.sh and resubmit.sh (not by the batch scripts, which Slurm
# runs from a copy in its spool folder).  Needs $out and $here.

die() {
	echo "$(basename "$0"): $*" >&2
	exit 2
}

# setting KEY: its value in OUTDIR/settings
setting() {
	sed -n "s/^$1=//p" "$out/settings" | head -n 1
}

# submit_batch BATCH TASKS SBATCH_OPTIONS: the array tasks of a batch, in
# arrays of at most the settings' chunk (MaxArraySize - 1) tasks, then a
# gathering job that depends on them all; job ids go to OUTDIR/jobs.
submit_batch() {
	_chunk=$(setting chunk)
	_parallel=$(setting parallel)
	_arrays=
	_first=1
	while [ "$_first" -le "$2" ]; do
		_last=$((_first + _chunk - 1))
		[ "$_last" -le "$2" ] || _last=$2
		# shellcheck disable=SC2086
		_id=$(sbatch --parsable $3 \
		    --array="1-$((_last - _first + 1))%$_parallel" \
		    --output="$out/logs/audit-%A_%a.log" \
		    --export="ALL,PACTAUDIT_OUT=$out,PACTAUDIT_BATCH=$1,PACTAUDIT_TASK_OFFSET=$((_first - 1))" \
		    "$here/audit-call.sbatch") || die "sbatch refused the array"
		_id=${_id%%;*}
		echo "$_id" >>"$out/jobs"
		_arrays="$_arrays:$_id"
		_first=$((_last + 1))
	done
	# shellcheck disable=SC2086
	_gather=$(sbatch --parsable $3 \
	    --dependency="afterany$_arrays" --output="$out/logs/gather-%j.log" \
	    --export="ALL,PACTAUDIT_OUT=$out" "$here/gather.sbatch") ||
	    die "sbatch refused the gathering job"
	_gather=${_gather%%;*}
	echo "$_gather" >>"$out/jobs"
	echo "$2 task(s) in array job(s) ${_arrays#:}, gathering job $_gather"
}

#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# contrib/slurm on a real Slurm: a single-node cluster (slurmctld, slurmd,
# munge) started in the test's folder with its own configuration, key,
# ports on 127.0.0.1, state and spool, and no cgroups.  The recipe audits
# the sample call; one task is killed (as by a failing node) and requeued,
# another is cancelled, and gather must report exactly that, exit non-zero,
# and resubmit.sh must complete the call with the verdicts of a direct check.
. "$top_srcdir/tests/lib/testlib.sh"
. "$top_srcdir/tests/lib/slurmlib.sh"
set -e
for tool in slurmctld slurmd munged sbatch scontrol squeue scancel; do
	command -v "$tool" >/dev/null 2>&1 || pa_skip "Slurm is not installed ($tool)"
done
command -v gpg >/dev/null || pa_skip "GnuPG is not installed"
command -v xmllint >/dev/null || pa_skip "xmllint is not installed"
command -v python3 >/dev/null || pa_skip "python3 is not installed (free ports)"
pa_tmp
contrib="$top_srcdir/contrib"
S="$T/slurm"
mkdir -p "$S/state" "$S/spool" "$S/log" "$T/tmp"

# stop the cluster (jobs first) whatever happens, then remove the folder
slurm_stop() {
	if [ -f "$S/slurmctld.pid" ]; then
		scancel --full $(squeue -h -o %A 2>/dev/null) >/dev/null 2>&1 || true
		i=0
		while [ -n "$(squeue -h -o %A 2>/dev/null)" ] && [ "$i" -lt 30 ]; do
			sleep 1
			i=$((i + 1))
		done
	fi
	for p in slurmd slurmctld munge/munged; do
		pa_stop_pidfile "$S/$p.pid"
	done
	pa_cleanup
}
trap 'slurm_stop' EXIT

# what pa_wait_for shows when it times out
pa_wait_diag() {
	tail -n 20 "$S/log/slurmctld.log" "$S/log/slurmd.log" >&2 || true
	squeue >&2 || true
	scontrol show job >&2 || true
	[ -z "${O:-}" ] || tail -n 20 "$O"/logs/* >&2 || true
}

# --- the cluster ---------------------------------------------------------------
pa_munge_start "$S/munge"
ports=$(pa_free_ports 2)
host=$(hostname -s)
cpus=$(nproc)
mem=$(awk '/^MemTotal:/ { print int($2 / 1024 / 4) }' /proc/meminfo)
user=$(id -un)
cat >"$S/slurm.conf" <<EOF
ClusterName=pactaudit-test
SlurmctldHost=$host(127.0.0.1)
SlurmUser=$user
SlurmdUser=$user
SlurmctldPort=${ports% *}
SlurmdPort=${ports#* }
CommunicationParameters=NoInAddrAny,NoCtldInAddrAny
AuthType=auth/munge
CredType=cred/munge
AuthInfo=socket=$S/munge/socket
StateSaveLocation=$S/state
SlurmdSpoolDir=$S/spool
SlurmctldPidFile=$S/slurmctld.pid
SlurmdPidFile=$S/slurmd.pid
SlurmctldLogFile=$S/log/slurmctld.log
SlurmdLogFile=$S/log/slurmd.log
PlugStackConfig=$S/plugstack.conf
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
JobCompType=jobcomp/none
MpiDefault=none
SchedulerType=sched/builtin
SelectType=select/cons_tres
SelectTypeParameters=CR_CPU
ReturnToService=2
KillWait=5
MinJobAge=3600
MaxArraySize=3
NodeName=pa-node NodeHostname=$host NodeAddr=127.0.0.1 CPUs=$cpus RealMemory=$mem State=UNKNOWN
PartitionName=test Nodes=ALL Default=YES MaxTime=INFINITE State=UP
EOF
: >"$S/plugstack.conf"
SLURM_CONF="$S/slurm.conf"
export SLURM_CONF
slurmctld -i || pa_fail "slurmctld did not start"
slurmd -N pa-node || pa_fail "slurmd did not start"
node_idle() { [ "$(sinfo -h -o %T 2>/dev/null)" = idle ]; }
pa_wait_for 60 "the node to be idle" node_idle

# --- the call, and a pactaudit that holds chosen dossiers ------------------------
C="$T/call"
TMPDIR="$T" sh "$top_srcdir/examples/make-call.sh" "$C" >/dev/null 2>"$T/err" ||
    { cat "$T/err" >&2; pa_fail "make-call.sh failed"; }
mkdir -p "$T/dossiers" "$T/hold" "$T/bin"
for d in arkisto talentra aurore voxara sentimetria; do
	ln -s "$C/$d" "$T/dossiers/$d"
done
pa_repo "$T/dossiers/broken" "$C/arkisto/docs" >/dev/null
# The program the tasks run: pactaudit itself, except that a check of a
# dossier named in $T/hold/ first writes a partial output file (in flight),
# records its pid and its task's shell, and waits until the hold is lifted.
cat >"$T/bin/pactaudit" <<EOF
#!/bin/sh
if [ "\$1" = check ]; then
	for a in "\$@"; do
		case \$a in *.part) part=\$a ;; esac
		case \$a in /*) n=\$(basename -- "\$a") ;; *) continue ;; esac
		if [ -f "$T/hold/\$n" ]; then
			echo partial >"\$part"
			echo "\$\$ \$PPID" >"$T/hold/\$n.running"
			while [ -f "$T/hold/\$n" ]; do sleep 0.2; done
		fi
	done
fi
exec "$PACTAUDIT" "\$@"
EOF
chmod +x "$T/bin/pactaudit"

# lines: 1 arkisto, 2 aurore, 3 broken, 4 sentimetria, 5 talentra, 6 voxara;
# tasks of 2: 1 (arkisto, aurore), 2 (broken, sentimetria), 3 (talentra,
# voxara), in arrays of at most MaxArraySize - 1 = 2: main 1-2, main 1-1+2.
touch "$T/hold/arkisto" "$T/hold/talentra"
O="$T/out"
env PACTAUDIT="$T/bin/pactaudit" PACTAUDIT_PER_TASK=2 PACTAUDIT_AS_OF=2027-12-02 \
    PACTAUDIT_KEYRING="$C/keyring.asc" PACTAUDIT_SBATCH="--cpus-per-task=1 --mem=100M" \
    XDG_CACHE_HOME="$T/shared-cache" TMPDIR="$T/tmp" \
    sh "$contrib/slurm/submit.sh" "$T/dossiers" "$O" >"$T/submit.out" 2>"$T/err" ||
    { cat "$T/err" >&2; pa_fail "submit.sh failed"; }
assert_grep '^3 task\(s\) in array job\(s\) [0-9]+:[0-9]+, gathering job [0-9]+$' "$T/submit.out"
first=$(sed -n 's/.*array job(s) \([0-9]*\):.*/\1/p' "$T/submit.out")
second=$(sed -n 's/.*array job(s) [0-9]*:\([0-9]*\),.*/\1/p' "$T/submit.out")
gather=$(sed -n 's/.*gathering job \([0-9]*\)$/\1/p' "$T/submit.out")
task1=${first}_1 task3=${second}_1

# Slurm marks a dependency fulfilled once and for good: had every task of
# the first array ended before task 1 is requeued by hand, the gathering job
# could start before task 1 runs again.  An operator holds it, as here.
scontrol hold "$gather" || pa_fail "scontrol hold refused the gathering job"
# task 1 is killed as by a failing node, with its output in flight
pa_wait_for 120 "task 1 to hold arkisto" test -s "$T/hold/arkisto.running"
ls "$O/results/main-000001.xml.part" >/dev/null || pa_fail "no output in flight for task 1"
kill -KILL $(cat "$T/hold/arkisto.running")
task_gone() { [ -z "$(squeue -h -j "$1" -o %T 2>/dev/null | grep -v -e PENDING -e REQUEUE)" ]; }
pa_wait_for 60 "task 1 to end" task_gone "$task1"
rm -f "$T/hold/arkisto" "$T/hold/arkisto.running"
scontrol requeue "$task1" || pa_fail "scontrol requeue refused task 1"
# a requeued job waits about two minutes unless told otherwise; the update
# is refused until the requeue has put it back in the queue
start_now() { scontrol update JobId="$task1" StartTime=now >/dev/null 2>&1; }
pa_wait_for 30 "task 1 to be pending again" start_now
# task 3 is cancelled while it audits
pa_wait_for 120 "task 3 to hold talentra" test -s "$T/hold/talentra.running"
scancel "$task3"
pa_wait_for 60 "task 3 to be cancelled" task_gone "$task3"
rm -f "$T/hold/talentra"
job_done() { [ -z "$(squeue -h -j "$1" -o %A 2>/dev/null)" ]; }
# the requeued run writes the task's only 'done' line into its appended log.
# An update that reached slurmctld while the requeue was still completing
# can be overridden by the requeue's own begin time (two minutes on), so
# every poll says it again until the task has run.
# slurmd refuses to launch a job it killed moments ago ("already killed, do
# not launch batch job"), and the task then ends FAILED without running: it
# is requeued again, as an operator would.
rerun_done() {
	grep -q '^task main-1: done' "$O/logs/audit-${first}_1.log" 2>/dev/null && return 0
	case $(scontrol -o show job "$task1" 2>/dev/null) in
	*JobState=FAILED*|*JobState=COMPLETED*|*JobState=NODE_FAIL*|*JobState=BOOT_FAIL*)
		scontrol requeue "$task1" >/dev/null 2>&1 ;;
	esac
	start_now
	return 1
}
pa_wait_for 300 "task 1 to run again" rerun_done
scontrol release "$gather" || pa_fail "scontrol release refused the gathering job"
pa_wait_for 300 "the gathering job" job_done "$gather"

scontrol show job "$gather" >"$T/gather.job"
assert_grep 'JobState=FAILED' "$T/gather.job"
assert_grep ' ExitCode=1:0' "$T/gather.job"
cat "$O"/logs/gather-*.log >"$T/gather.log"
grep -q 'gather: 3 of 6 dossiers audited, 1 could not be audited, 2 missing' "$T/gather.log" ||
    { cat "$T/gather.log" "$O"/logs/audit-*.log >&2; pa_fail "gather did not count 3, 1 and 2"; }
[ "$(cat "$O/missing.txt")" = "$(printf '5 %s\n6 %s' "$T/dossiers/talentra" "$T/dossiers/voxara")" ] ||
    { cat "$O/missing.txt" >&2; pa_fail "missing.txt is not the cancelled task's dossiers"; }
[ "$(cat "$O/failed.txt")" = "3 $T/dossiers/broken" ] || pa_fail "failed.txt is not the broken dossier"
assert_grep '^INCOMPLETE: 3 of 6 dossiers audited' "$O/call.txt"
assert_xpath 3 '/r:results-set/r:results' "$O/call.xml"
# the requeued task ran twice into one appended log, and finished
log1=$(ls "$O"/logs/audit-"${first}"_1.log)
[ "$(grep -c '^task main-1: start' "$log1")" -eq 2 ] || { cat "$log1" >&2; pa_fail "task 1 did not run twice"; }
# the second run is a restart: 1, or more when slurmd refused a launch
grep '^task main-1: start' "$log1" | tail -n 1 | grep -Eq 'restart [1-9][0-9]*\)$' ||
    { cat "$log1" >&2; pa_fail "the second run of task 1 is not counted as a restart"; }
assert_grep '^task main-1: done' "$log1"
# the cancelled task left nothing in flight; no task left its cache
assert_grep 'stopped by a signal' "$(ls "$O"/logs/audit-"${second}"_1.log)"
[ -z "$(find "$O" -name '*.part')" ] || pa_fail "files in flight were left: $(find "$O" -name '*.part')"
[ -z "$(ls "$T/tmp")" ] || pa_fail "a task left its node-local cache: $(ls "$T/tmp")"
[ ! -e "$T/shared-cache" ] || pa_fail "a task used the submitting shell's XDG_CACHE_HOME"

# resubmit.sh re-runs exactly lines 3, 5 and 6; with broken repaired, the call is complete
pa_git -C "$T/dossiers/broken" tag submission
sh "$contrib/slurm/resubmit.sh" "$O" >"$T/resubmit.out" 2>"$T/err" ||
    { cat "$T/err" >&2; pa_fail "resubmit.sh failed"; }
[ "$(cat "$O/batches/retry1.txt")" = "$(printf '3\n5\n6')" ] || pa_fail "retry1 is not lines 3, 5 and 6"
gather=$(sed -n 's/.*gathering job \([0-9]*\)$/\1/p' "$T/resubmit.out")
pa_wait_for 300 "the second gathering job" job_done "$gather"
scontrol show job "$gather" >"$T/gather.job"
assert_grep 'JobState=COMPLETED' "$T/gather.job"
assert_grep 'gather: 6 of 6 dossiers audited, 0 could not be audited, 0 missing' \
    "$(ls "$O"/logs/gather-"$gather".log)"
[ ! -s "$O/missing.txt" ] && [ ! -s "$O/failed.txt" ] || pa_fail "a complete call lists dossiers"

# the same findings and verdicts as one direct check of the call
XDG_CACHE_HOME="$T/direct-cache" "$PACTAUDIT" check --format xml -o "$T/direct.xml" \
    --rev submission --as-of 2027-12-02 --keyring "$C/keyring.asc" "$T"/dossiers/* || true
"$PACTAUDIT" report --format csv "$T/direct.xml" | sort >"$T/direct.csv"
"$PACTAUDIT" report --format csv "$O/call.xml" | sort >"$T/call.csv"
[ "$(wc -l <"$T/direct.csv")" -gt 6 ] || pa_fail "the direct check found too little"
diff "$T/direct.csv" "$T/call.csv" >&2 || pa_fail "the call on Slurm differs from a direct check"
for d in "$T"/dossiers/*; do
	v=$(printf 'setns r=urn:pactaudit:results:1\nxpath string(//r:results[r:dossier/@path = "%s"]/r:verdict)\n' "$d")
	a=$(echo "$v" | xmllint --shell "$T/direct.xml" | sed -n 's/.*Object is a string : //p')
	b=$(echo "$v" | xmllint --shell "$O/call.xml" | sed -n 's/.*Object is a string : //p')
	[ -n "$a" ] && [ "$a" = "$b" ] || pa_fail "verdict of $d: '$b' on Slurm, '$a' directly"
done
echo "contrib-slurm: ok"

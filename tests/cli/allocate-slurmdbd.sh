#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# The sacctmgr script of `pactaudit allocate` applied to a real slurmdbd:
# MariaDB (its own datadir and socket, no network), munged, slurmdbd
# (accounting_storage/mysql, a port on 127.0.0.1) and a slurmctld that
# registers the gres/gpu TRES, all started in the test's folder with their
# own configuration (nothing under /etc, /run or /var is touched) and
# stopped at exit.  The limits read back with `sacctmgr show assoc` must
# equal the plan, also after the script runs a second time.
. "$top_srcdir/tests/lib/testlib.sh"
. "$top_srcdir/tests/lib/slurmlib.sh"
. "$top_srcdir/tests/lib/allocate-call.sh"
set -e
for tool in mariadbd mariadb-install-db mariadb slurmdbd slurmctld munged sacctmgr; do
	command -v "$tool" >/dev/null 2>&1 || pa_skip "$tool is not installed"
done
command -v python3 >/dev/null || pa_skip "python3 is not installed (free ports)"
command -v jq >/dev/null || pa_skip "jq is not installed"
pa_tmp
S="$T/slurm"
mkdir -p "$S/db" "$S/state" "$S/spool" "$S/log" "$S/tmp"

# stop every daemon (newest first) whatever happens, then remove the folder
stop_all() {
	for p in slurmctld slurmdbd munge/munged mariadb; do
		pa_stop_pidfile "$S/$p.pid"
	done
	pa_cleanup
}
trap 'stop_all' EXIT
pa_wait_diag() {
	tail -n 20 "$S/log/mariadb.err" "$S/log/slurmdbd.log" "$S/log/slurmctld.log" >&2 || true
}

# --- the plan --------------------------------------------------------------------
pa_alloc_call
"$PACTAUDIT" allocate --ledger "$L" --policy "$POLICY" --keyring "$C/keyring.asc" \
    --as-of "$ASOF" --format sacctmgr -o "$T/plan.sh" "$T/results.xml" || pa_fail "allocate failed"
"$PACTAUDIT" allocate --ledger "$L" --policy "$POLICY" --keyring "$C/keyring.asc" \
    --as-of "$ASOF" --format json -o "$T/plan.json" "$T/results.xml" || pa_fail "allocate failed"
jq -r '.applicants[] | select(.outcome == "granted") | "\(.account)|gres/gpu=\(.granted * 60)"' \
    "$T/plan.json" | sort >"$T/want"
[ "$(wc -l <"$T/want")" -eq 3 ] || pa_fail "the plan does not fund three applicants"

# --- MariaDB: its own datadir and socket, root with an empty password -------------
mariadb-install-db --no-defaults --datadir="$S/db" --user=root \
    --auth-root-authentication-method=normal --skip-test-db >"$S/log/install.log" 2>&1 ||
    { cat "$S/log/install.log" >&2; pa_fail "mariadb-install-db failed"; }
mariadbd --no-defaults --datadir="$S/db" --socket="$S/mysql.sock" --pid-file="$S/mariadb.pid" \
    --tmpdir="$S/tmp" --skip-networking --user=root --log-error="$S/log/mariadb.err" \
    >/dev/null 2>&1 &
db_up() { mariadb --no-defaults --socket="$S/mysql.sock" -uroot -e 'select 1' >/dev/null 2>&1; }
pa_wait_for 60 "MariaDB" db_up

# --- munged, slurmdbd, slurmctld -------------------------------------------------------
pa_munge_start "$S/munge"
ports=$(pa_free_ports 2)
dbdport=${ports% *}
cat >"$S/slurmdbd.conf" <<EOF2
AuthType=auth/munge
AuthInfo=socket=$S/munge/socket
DbdHost=localhost
DbdAddr=127.0.0.1
DbdPort=$dbdport
SlurmUser=root
LogFile=$S/log/slurmdbd.log
PidFile=$S/slurmdbd.pid
StorageType=accounting_storage/mysql
StorageHost=localhost
StorageUser=root
StorageLoc=slurm_acct_db
EOF2
chmod 600 "$S/slurmdbd.conf"
cat >"$S/slurm.conf" <<EOF2
ClusterName=lumi
SlurmctldHost=$(hostname -s)(127.0.0.1)
SlurmctldPort=${ports#* }
SlurmUser=root
CommunicationParameters=NoInAddrAny,NoCtldInAddrAny
AuthType=auth/munge
AuthInfo=socket=$S/munge/socket
CredType=cred/munge
AccountingStorageType=accounting_storage/slurmdbd
AccountingStorageHost=127.0.0.1
AccountingStoragePort=$dbdport
AccountingStoragePass=$S/munge/socket
AccountingStorageTRES=gres/gpu
GresTypes=gpu
StateSaveLocation=$S/state
SlurmdSpoolDir=$S/spool
SlurmctldPidFile=$S/slurmctld.pid
SlurmctldLogFile=$S/log/slurmctld.log
PlugStackConfig=$S/plugstack.conf
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
JobAcctGatherType=jobacct_gather/none
JobCompType=jobcomp/none
MpiDefault=none
SelectType=select/cons_tres
NodeName=pa-node NodeHostname=$(hostname -s) NodeAddr=127.0.0.1 CPUs=1 State=UNKNOWN
PartitionName=test Nodes=ALL Default=YES State=UP
EOF2
: >"$S/plugstack.conf"
# slurmdbd reads slurmdbd.conf beside $SLURM_CONF; the MySQL client library its socket from MYSQL_UNIX_PORT
SLURM_CONF="$S/slurm.conf"
export SLURM_CONF
MYSQL_UNIX_PORT="$S/mysql.sock" slurmdbd || pa_fail "slurmdbd did not start"
dbd_up() { sacctmgr -n -P show cluster format=cluster >/dev/null 2>&1; }
pa_wait_for 60 "slurmdbd" dbd_up
# the centre's clusters exist before accounts are made on them
sacctmgr -i add cluster lumi >/dev/null || pa_fail "cannot add cluster lumi"
sacctmgr -i add cluster leonardo >/dev/null || pa_fail "cannot add cluster leonardo"
slurmctld -i || pa_fail "slurmctld did not start"
gpu_tres() { sacctmgr -n -P show tres format=type,name 2>/dev/null | grep -qx 'gres|gpu'; }
pa_wait_for 60 "slurmctld to register the gres/gpu TRES" gpu_tres

# --- apply the script, read back ------------------------------------------------------
readback() {
	sacctmgr -n -P show assoc format=account,grptresmins | grep '^pa_' | sort
}
sh "$T/plan.sh" >"$T/apply.out" 2>&1 || { cat "$T/apply.out" >&2; pa_fail "the sacctmgr script failed"; }
readback >"$T/got"
diff "$T/want" "$T/got" >&2 || pa_fail "the limits in slurmdbd differ from the plan"
# each account on its machine's cluster
jq -r '.applicants[] | select(.outcome == "granted") | "\(.cluster | ascii_downcase)|\(.account)"' \
    "$T/plan.json" | sort >"$T/want-clusters"
sacctmgr -n -P show assoc format=cluster,account | grep '|pa_' | sort >"$T/got-clusters"
diff "$T/want-clusters" "$T/got-clusters" >&2 || pa_fail "accounts on the wrong clusters"
# a second run changes nothing and succeeds
sh "$T/plan.sh" >"$T/apply.out" 2>&1 || { cat "$T/apply.out" >&2; pa_fail "a second run of the script failed"; }
readback >"$T/got"
diff "$T/want" "$T/got" >&2 || pa_fail "a second run changed the limits"
echo "allocate-slurmdbd: ok"

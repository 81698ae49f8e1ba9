# SPDX-License-Identifier: GPL-3.0-or-later
# Helpers for tests that start real Slurm daemons (sourced after
# testlib.sh): everything lives in the test's folder, on 127.0.0.1.
#
#   pa_free_ports N            N free TCP ports on 127.0.0.1 (python3)
#   pa_munge_start DIR         munged with its own key, socket, pid, log and seed in DIR
#                              (the socket is DIR/socket, the pid file DIR/munged.pid)
#   pa_stop_pidfile FILE       stop the process named in FILE, waiting up to 10 s
#   pa_wait_for SECS WHAT CMD...  until CMD succeeds; on time-out calls
#                              pa_wait_diag (if the test defines it), then fails

pa_free_ports() {
	python3 -c 'import socket, sys
s = [socket.socket() for _ in range(int(sys.argv[1]))]
for x in s: x.bind(("127.0.0.1", 0))
print(" ".join(str(x.getsockname()[1]) for x in s))' "$1"
}

pa_munge_start() {
	mkdir -p "$1"
	chmod 700 "$1"
	dd if=/dev/urandom of="$1/munge.key" bs=1024 count=1 2>/dev/null
	chmod 600 "$1/munge.key"
	munged -f --socket="$1/socket" --key-file="$1/munge.key" \
	    --log-file="$1/log" --pid-file="$1/munged.pid" \
	    --seed-file="$1/seed" || pa_fail "munged did not start"
}

pa_stop_pidfile() {
	[ -f "$1" ] || return 0
	_pid=$(cat "$1")
	kill "$_pid" 2>/dev/null || return 0
	_i=0
	while kill -0 "$_pid" 2>/dev/null && [ "$_i" -lt 50 ]; do
		sleep 0.2
		_i=$((_i + 1))
	done
}

pa_wait_for() {
	_limit=$1 _what=$2
	shift 2
	_i=0
	until "$@"; do
		_i=$((_i + 1))
		if [ "$_i" -ge $((_limit * 2)) ]; then
			command -v pa_wait_diag >/dev/null 2>&1 && pa_wait_diag
			pa_fail "timed out after ${_limit}s waiting for $_what"
		fi
		sleep 0.5
	done
}

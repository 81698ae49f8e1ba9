# SPDX-License-Identifier: GPL-3.0-or-later
# `pactaudit review` in a real terminal, for the tests/tui scripts (sourced
# after testlib.sh and pa_tmp): tmux on a socket of the test's own runs
# one session "review"; screen captures it, keys types, wait_for waits.
command -v tmux >/dev/null || pa_skip "tmux is not installed"
SOCK="$T/tmux.sock"
tm() {
	tmux -S "$SOCK" "$@"
}
pa_cleanup_tmux() {
	tmux -S "$SOCK" kill-server >/dev/null 2>&1 || true
	pa_cleanup
}
trap 'pa_cleanup_tmux' EXIT

# tui_session COLUMNS LINES COMMAND: COMMAND in a new session, its errors
# in $T/stderr and its exit status in $T/exit
tui_session() {
	tm kill-server >/dev/null 2>&1 || true
	# a new session must not reach the old server while it exits ("server
	# exited unexpectedly"): wait until it is gone and its socket with it
	i=0
	while [ $i -lt 50 ] && { tm list-sessions >/dev/null 2>&1 || [ -S "$SOCK" ]; }; do
		sleep 0.1
		i=$((i + 1))
	done
	rm -f "$SOCK" "$T/exit"
	tm -f /dev/null new-session -d -x "$1" -y "$2" -s review \
	    "$3 2>'$T/stderr'; echo \$? >'$T/exit'; sleep 600"
}

screen() {
	tm capture-pane -p -t review
}

# wait_for TEXT: the screen shows TEXT within 60 seconds (the first audit is slow)
wait_for() {
	i=0
	while [ $i -lt 600 ]; do
		if screen | grep -F -- "$1" >/dev/null; then
			return 0
		fi
		if [ -f "$T/exit" ]; then
			cat "$T/stderr" >&2
			break
		fi
		sleep 0.1
		i=$((i + 1))
	done
	screen >&2
	pa_fail "the screen does not show '$1'"
}

keys() {
	tm send-keys -t review "$@"
	sleep 0.3
}

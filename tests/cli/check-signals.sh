#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# SIGTERM, SIGHUP and SIGINT in the middle of an audit with --verifier gpgme:
# the process ends by the signal, and no private GnuPG home, no GnuPG agent
# of it and no temporary file of pactaudit is left behind.
. "$top_srcdir/tests/cli/trust-common.sh"
command -v perl >/dev/null 2>&1 || pa_skip "perl is not installed"

A=$(pa_gpg_key "Alice Owner")
D=$T/d
new_dossier "$D" "$A"
signers "$D/pact/signers.xml" "$A" Alice "commit pact tag signers"
i=0
while [ $i -lt 120 ]; do
	i=$((i + 1))
	commit_as "$A" "$D" "commit $i"
done
mkdir -p "$T/tmp" "$T/cache"

# run SIGNAL: start a cold audit, signal it once its private home exists, check what is left.
run() {
	sig=$1
	rm -rf "$T/tmp"/* "$T/cache"/*
	# perl restores the default disposition: a shell's background job ignores SIGINT
	TMPDIR=$T/tmp XDG_CACHE_HOME=$T/cache perl -e '$SIG{INT} = "DEFAULT"; $SIG{HUP} = "DEFAULT"; exec @ARGV' \
	    "$PACTAUDIT" check --verifier gpgme --no-cache --format xml -o "$T/out-$sig.xml" "$D" \
	    >/dev/null 2>"$T/err-$sig" &
	pid=$!
	n=0
	while ! ls "$T/tmp" 2>/dev/null | grep -q '^pactaudit-gpg\.'; do
		n=$((n + 1))
		[ $n -lt 400 ] || { kill -KILL $pid 2>/dev/null; pa_fail "$sig: no private GnuPG home appeared"; }
		kill -0 $pid 2>/dev/null || pa_skip "the audit ended before it could be signalled"
		sleep 0.05
	done
	home=$(ls -d "$T/tmp"/pactaudit-gpg.* | head -n 1)
	kill -"$sig" $pid
	set +e
	wait $pid
	rc=$?
	set -e
	case $sig in TERM) want=143 ;; HUP) want=129 ;; INT) want=130 ;; esac
	[ "$rc" -eq "$want" ] || pa_fail "SIG$sig: exit status $rc, expected $want: $(head -c 300 "$T/err-$sig")"
	left=$(ls -A "$T/tmp")
	[ -z "$left" ] || pa_fail "SIG$sig left in TMPDIR: $left"
	[ ! -e "$T/out-$sig.xml" ] || pa_fail "SIG$sig: an output file was written"
	ls -A "$T" | grep -q '^\.pactaudit-' && pa_fail "SIG$sig left a temporary output file"
	# no agent of the removed home is still running.  gpgconf --kill asks the
	# agent to stop and a gpg that was verifying when the signal came ends
	# by itself: both may still exit a moment after pactaudit; give them 5 s.
	n=0
	while pgrep -f -- "$home" >/dev/null 2>&1; do
		n=$((n + 1))
		[ $n -lt 100 ] || pa_fail "SIG$sig: a process of $home is still running: $(pgrep -af -- "$home")"
		sleep 0.05
	done
	left=$(ls -A "$T/tmp")
	[ -z "$left" ] || pa_fail "SIG$sig: a process left in TMPDIR after it ended: $left"
	return 0
}

run TERM
run HUP
run INT
exit 0

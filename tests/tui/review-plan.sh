#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# The review's allocation view in a real terminal (tmux): the sample call
# with its ledger (tests/lib/allocate-call.sh) opened with --policy; A
# shows the plan, whose ranks, grants, exclusion reasons and totals must be
# those `pactaudit allocate` prints for the same results, ledger and date.
# A decision recorded on the screen changes the view at once, and the view
# is again what `allocate` prints over the ledger as written.  Without
# --policy, A says what is missing; a bad policy is refused before the
# screen opens.
. "$top_srcdir/tests/lib/testlib.sh"
. "$top_srcdir/tests/lib/allocate-call.sh"
set -e
pa_tmp
. "$top_srcdir/tests/lib/tuilib.sh"
command -v jq >/dev/null || pa_skip "jq is not installed"
pa_alloc_call

# start [OPTION...]: the review of the sample call in a new 220x40 session
start() {
	tui_session 220 40 "env TERM=xterm-256color NO_COLOR=1 '$PACTAUDIT' review \
	    --keyring '$C/keyring.asc' --as-of $ASOF --rev submission --ledger '$L' \
	    --key '$AUD' $* '$C'"
	wait_for "Call: 5 dossiers"
}
alloc() {
	"$PACTAUDIT" allocate --ledger "$L" --policy "$POLICY" --keyring "$C/keyring.asc" \
	    --as-of "$ASOF" "$@" "$T/results.xml"
}

# check_plan: every line of `allocate` over the ledger as it is now is on the screen
check_plan() {
	alloc --format json >"$T/plan.json" || pa_fail "allocate failed"
	alloc >"$T/plan.txt" || pa_fail "allocate failed"
	screen >"$T/screen.txt"
	# the totals, word for word (the call's line starts with a capital on the screen)
	sed -n 's/^call /Call /p; /^  [^ ]*\/[^ ]*: /p' "$T/plan.txt" >"$T/totals"
	[ "$(wc -l <"$T/totals")" -eq 4 ] || pa_fail "allocate printed no totals"
	while IFS= read -r t; do
		grep -F -- "$t" "$T/screen.txt" >/dev/null ||
		    { cat "$T/screen.txt" >&2; pa_fail "the screen lacks the totals '$t'"; }
	done <"$T/totals"
	# one row per applicant in rank order: rank, name, granted and where, outcome, reason
	jq -r '.applicants[] | [.rank, .name, .granted, (.machine // ""), (.partition // ""),
	    .outcome, .why] | @tsv' "$T/plan.json" >"$T/lines"
	[ "$(wc -l <"$T/lines")" -eq 5 ] || pa_fail "allocate planned not 5 applicants"
	prev=0
	while IFS="$(printf '\t')" read -r rank name granted machine partition outcome why; do
		line=$(grep -nE "^ +$rank " "$T/screen.txt" | grep -F -- "$name") ||
		    { cat "$T/screen.txt" >&2; pa_fail "no row of rank $rank for $name"; }
		n=${line%%:*}
		[ "$n" -gt "$prev" ] || pa_fail "$name (rank $rank) is not below the rank before"
		prev=$n
		if [ "$outcome" = granted ]; then
			printf '%s\n' "$line" | grep -E " $granted $machine/$partition +granted" \
			    >/dev/null || { printf '%s\n' "$line" >&2; pa_fail "rank $rank: not $granted on $machine/$partition"; }
		else
			printf '%s\n' "$line" | grep -E " 0 +\(?[^ ]* +$outcome " >/dev/null ||
			    { printf '%s\n' "$line" >&2; pa_fail "rank $rank: not 0 GPU-hours, $outcome"; }
			printf '%s\n' "$line" | grep -F -- "$why" >/dev/null ||
			    { printf '%s\n' "$line" >&2; pa_fail "rank $rank: the reason is not '$why'"; }
		fi
	done <"$T/lines"
}

# --- without --policy: A says what is needed -----------------------------------
start
keys A
wait_for "the allocation view needs the call policy: pactaudit review --policy FILE"
screen | grep -F '[call]' >/dev/null || pa_fail "A without a policy left the call view"

# --- with it: the plan of `pactaudit allocate` -----------------------------------
start --policy "'$POLICY'"
keys A
wait_for "Allocation: call 2026-12, 5 applicants in rank order"
wait_for "[allocation]"
check_plan
grep -F 'Sentimetría Laboral S.L.' "$T/screen.txt" | grep -F 'open-blocker' |
    grep -F '2 open blocker(s), first AIA-ART5-1F-CONTEXT (Art. 5(1)(f))' >/dev/null ||
    pa_fail "sentimetria's exclusion reason is not shown"
grep -E '^ +5 +Talentra Analytics GmbH .* 1300 leonardo/boost_usr_prod +granted' "$T/screen.txt" \
    >/dev/null || pa_fail "talentra's grant is not shown"
# the help knows the key
keys '?'
wait_for "Help: keys and commands"
screen | grep -E '^A +:allocation +show the allocation plan' >/dev/null ||
    { screen >&2; pa_fail "help lacks the allocation key"; }
keys q
wait_for "[allocation]"
# Enter opens the dossier of the row under the cursor (it starts on rank 1: arkisto)
keys Enter
wait_for "Dossier arkisto"
keys q
wait_for "[allocation]"

# --- a decision from the screen: reject talentra (rank 5) -----------------------
keys G D
wait_for "decision for talentra"
keys reject Enter
wait_for "GPU-hours granted"
keys Enter
wait_for "note:"
keys 'no cluster time' Enter
wait_for "recorded reject for talentra"
# the view changed: talentra excluded by that decision, its hours back on the partition
wait_for "leonardo/boost_usr_prod: 1200 of 2500 GPU-hours"
wait_for "Call 2026-12: 2 of 5 applicants funded, 2200 of 4300 GPU-hours granted"
screen | grep -F 'Talentra Analytics GmbH' | grep -F 'rejected by decision' >/dev/null ||
    { screen >&2; pa_fail "talentra is not shown as rejected"; }
# and it is the plan `allocate` makes over the ledger as written now
check_plan
jq -e '[.applicants[] | select(.name == "Talentra Analytics GmbH") | .outcome] == ["rejected"]' \
    "$T/plan.json" >/dev/null || pa_fail "allocate does not see the decision recorded on the screen"
keys Q
i=0
while [ ! -f "$T/exit" ] && [ $i -lt 100 ]; do sleep 0.1; i=$((i + 1)); done
[ "$(cat "$T/exit")" = 0 ] || { cat "$T/stderr" >&2; pa_fail "review did not exit 0"; }

# --- a bad policy: refused before the screen, exit 2, one line ---------------------
printf '<call xmlns="urn:pactaudit:call:1"><nonsense/></call>\n' >"$T/bad.xml"
set +e
"$PACTAUDIT" review --policy "$T/bad.xml" "$C" </dev/null >"$T/out" 2>"$T/err"
rc=$?
set -e
[ "$rc" -eq 2 ] || pa_fail "a bad policy exits $rc, not 2"
grep -F "bad.xml" "$T/err" >/dev/null || { cat "$T/err" >&2; pa_fail "the error does not name the policy"; }
grep -F "needs a terminal" "$T/err" >/dev/null && pa_fail "the terminal was checked before the policy"
"$PACTAUDIT" review --policy "$T/missing.xml" "$C" </dev/null >"$T/out" 2>"$T/err" &&
    pa_fail "a missing policy was accepted"
exit 0

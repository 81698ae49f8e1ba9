#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# `pactaudit review` in a real terminal: tmux runs it at 80x24 over the
# example call, send-keys types, capture-pane reads the screen.  Open the
# call, sort, filter, open a dossier, its findings and one finding's
# evidence line; waive that finding and record decisions (one, and all
# tagged) in a ledger with the keyboard, refuse an Art. 5 waiver, show a
# concurrent auditor's decision and an untrusted record; then git verifies
# the ledger's signatures and `ledger log` lists the records.  Help, config
# file, resize, colour and NO_COLOR.
. "$top_srcdir/tests/lib/testlib.sh"
set -e
pa_tmp
. "$top_srcdir/tests/lib/tuilib.sh"
command -v gpg >/dev/null && command -v gpgconf >/dev/null || pa_skip "GnuPG is not installed"
command -v xmllint >/dev/null || pa_skip "xmllint is not installed"

C="$T/call"
ASOF=2027-12-02
# the auditors' GnuPG (the call's applicants sign in a home of their own):
# Ann reviews on the screen, Bob decides from the command line at the same
# time, Mallory is no auditor of the ledger
pa_gpg_home
ANN=$(pa_gpg_key "Ann Auditor")
BOB=$(pa_gpg_key "Bob Auditor")
MAL=$(pa_gpg_key "Mallory Outsider")
L="$T/ledger"
"$PACTAUDIT" ledger init --ledger "$L" --key "$ANN" --auditor "$BOB" >/dev/null ||
    pa_fail "ledger init failed"
mkdir -p "$T/tmp"
TMPDIR="$T/tmp" sh "$top_srcdir/examples/make-call.sh" "$C" >"$T/make.out" 2>&1 ||
    { cat "$T/make.out" >&2; pa_fail "make-call.sh failed"; }

# What `check` says about talentra's Art. 11 finding: its file and line.
"$PACTAUDIT" check --format xml --keyring "$C/keyring.asc" --as-of "$ASOF" \
    --rev submission "$C/talentra" >"$T/talentra.xml" || true
path=$(xmllint --xpath 'string(//*[local-name()="finding"][@rule="AIA-HR-ART11"]/@path)' "$T/talentra.xml")
line=$(xmllint --xpath 'string(//*[local-name()="finding"][@rule="AIA-HR-ART11"]/@line)' "$T/talentra.xml")
[ -n "$path" ] && [ -n "$line" ] || pa_fail "check reports no AIA-HR-ART11 finding with a line for talentra"
# and how many open errors in force it counts (the screen must say the same)
nerr=$(xmllint --xpath 'count(//*[local-name()="finding"][@severity="error"][@status="open"][not(@in-force="false")])' "$T/talentra.xml")
[ "$nerr" -gt 0 ] || pa_fail "check reports no open error for talentra"
text=$(git -C "$C/talentra" show "submission:$path" | sed -n "${line}p" | sed 's/^[[:space:]]*//' | cut -c1-30)

# start [ENV=VALUE...]: the review of the call in a new 80x24 session
start() {
	tui_session 80 24 "env TERM=xterm-256color $* '$PACTAUDIT' review \
	    --keyring '$C/keyring.asc' --as-of $ASOF --rev submission --ledger '$L' \
	    --key '$ANN' '$C'"
	wait_for "Call: 5 dossiers"
}

# row N: line N of the screen (0 is the title bar)
row() {
	screen | sed -n "$(($1 + 1))p"
}

expect_row() {
	row "$1" | grep -E -- "$2" >/dev/null || { screen >&2; pa_fail "row $1 is not /$2/"; }
}

start NO_COLOR=1
# the first opening audits every dossier and says what it verified
screen | tail -n 1 | grep -E '^5 dossiers: [1-9][0-9]* signatures verified, [0-4] from the results cache; \? for help' \
    >/dev/null || { screen >&2; pa_fail "the opening message does not say what was verified"; }
# --- the call: one line per dossier, at 80 columns --------------------------
screen >"$T/call.txt"
# NO_COLOR: attributes only, no colour codes
tm capture-pane -p -e -t review >"$T/mono.txt"
grep -E "$(printf '\033')\\[([0-9;]*;)?(3[0-7]|38;5;[0-9]+|4[0-7])m" "$T/mono.txt" >/dev/null &&
    pa_fail "colour codes on screen although NO_COLOR is set"
expect_row 1 '^  Dossier +Tier +Verdict +B +E +W +I +Sig'
expect_row 2 '^  arkisto +limited +eligible +0 +0 +0 +[0-9]+ +good'
expect_row 3 '^  aurore +systemic +needs-changes '
expect_row 4 '^  sentimetria +prohibited +ineligible +[1-9]'
expect_row 5 '^  talentra +high +needs-changes +0 +[1-9]'
expect_row 6 '^  voxara +minimal +needs-changes '
awk 'length($0) > 80 { exit 1 }' "$T/call.txt" || pa_fail "a line is wider than 80 columns"

# --- sort: s walks the columns (Dossier, Tier, Verdict); S reverses ------------
keys s
wait_for "sorted by Dossier"
keys s
wait_for "sorted by Tier"
expect_row 2 '^  voxara '		# minimal first
keys S
wait_for "sorted by Tier (descending)"
expect_row 2 '^  sentimetria '
expect_row 3 '^  talentra '
keys : 'sort verdict' Enter
wait_for "sorted by Verdict (descending)"
expect_row 2 '^  sentimetria +prohibited +ineligible'
expect_row 6 '^  arkisto '

# --- filter: only matching rows, the others come back with an empty filter ---
keys f t a l e n t Enter
wait_for 'filter "talent": 1 of 5'
expect_row 2 '^  talentra '
row 3 | grep -E '[a-z]' >/dev/null && { screen >&2; pa_fail "the filter kept other rows"; }
# the matched text is highlighted: underlined (bold) while the rest of the cursor row is reverse
E=$(printf '\033')
tm capture-pane -p -e -t review | sed -n 3p |
    grep -E "$E\\[[0-9;]*;4m($E\\[[0-9;]*m)*talent$E\\[[0-9;]*7m" >/dev/null ||
    { tm capture-pane -p -e -t review | sed -n 3p | cat -v >&2; pa_fail "the filter's match is not highlighted"; }

# --- open the dossier, its findings, one finding's evidence --------------------
keys Enter
wait_for "Dossier talentra"
wait_for "open: 0 blocker, $nerr error"
screen | grep -E '^  talentra-match +high' >/dev/null || { screen >&2; pa_fail "no system with its tier"; }
# who applies for what, from the application
screen | grep -F 'applicant Talentra Analytics GmbH (DE)' >/dev/null ||
    { screen >&2; pa_fail "the dossier view does not name the applicant"; }
screen | grep -E '^  request +5000 GPU-hours on ' >/dev/null ||
    { screen >&2; pa_fail "the dossier view does not show the GPU-hours requested"; }
keys Enter
wait_for "Findings of talentra"
wait_for "Errors ($nerr)"
keys / A R T 1 1 Enter
wait_for "AIA-HR-ART11"
keys Enter
wait_for "talentra: AIA-HR-ART11 $path"
screen >"$T/evidence.txt"
grep -E "^> +$line│" "$T/evidence.txt" >/dev/null || { cat "$T/evidence.txt" >&2; pa_fail "line $line of $path is not marked"; }
grep -F -- "$text" "$T/evidence.txt" | grep -E "^> +$line│" >/dev/null ||
    { cat "$T/evidence.txt" >&2; pa_fail "the marked line is not '$text'"; }
# the rule behind it, further down
keys / a s s e r t i o n Enter
wait_for "assertion "
wait_for "Rule AIA-HR-ART11"

# --- help, generated from the key table ------------------------------------------
keys '?'
wait_for "Help: keys and commands"
screen | grep -E '^Down, j +:down +move down one line' >/dev/null || { screen >&2; pa_fail "help lacks the down key"; }
keys q
wait_for "[evidence]"

# --- waive the finding on screen: W, reason code, expiry, justification ----------
fpr=$(xmllint --xpath 'string(//*[local-name()="finding"][@rule="AIA-HR-ART11"]/@fingerprint)' "$T/talentra.xml")
keys W
wait_for "reason code"
keys 'no-such-reason' Enter '2028-06-30' Enter 'x' Enter
wait_for "the reason code is one of accepted-risk"
keys W 'accepted-risk' Enter '2028-13-45' Enter 'x' Enter
wait_for "'2028-13-45' is not a date (YYYY-MM-DD)"
keys W 'accepted-risk' Enter '2027-12-01' Enter 'x' Enter
wait_for "2027-12-01 is before the as-of date 2027-12-02"
[ "$(git -C "$L" rev-list --count main)" = 1 ] || pa_fail "a refused waiver wrote to the ledger"
keys W
wait_for "reason code"
keys 'accepted-risk' Enter
wait_for "waived until"
keys '2028-06-30' Enter
wait_for "justification"
keys 'technical documentation follows in Q2' Enter
wait_for "waived AIA-HR-ART11 until 2028-06-30: ledger "
keys g
wait_for "waived: AIA-HR-ART11 ${fpr%"${fpr#????????????}"} until 2028-06-30, accepted-risk"
wait_for "error, waived, Art. 11"
# back in the findings and the dossier: waived, one open error less
keys q
wait_for "Findings of talentra"
screen | grep -E "AIA-HR-ART11 .*\[waived\]" >/dev/null || { screen >&2; pa_fail "the finding is not shown waived"; }
keys q
wait_for "open: 0 blocker, $((nerr - 1)) error"
wait_for "Ledger records (1)"

# --- record a decision on talentra: D, decision, GPU-hours, note ------------------
keys q
wait_for "[call]"
keys D
wait_for "decision for talentra (approve, reject, changes)"
keys 'maybe' Enter
wait_for "a decision is approve, reject or changes, not 'maybe'"
keys D 'approve' Enter 'lots' Enter
wait_for "GPU-hours is a whole number, not 'lots'"
keys D 'approve' Enter
wait_for "GPU-hours granted"
keys '5000' Enter
wait_for "note:"
keys 'Art. 11 waived until Q2' Enter
wait_for "recorded approve for talentra: ledger "
expect_row 2 '^  talentra +high .* 5000 +approve'
wait_for "Call: 5 dossiers, 1 decided"

# --- an Art. 5 finding cannot be waived: said on the bottom line, nothing written --
keys f C-u 'sentim' Enter
wait_for 'filter "sentim": 1 of 5'
keys Enter
wait_for "Dossier sentimetria"
keys Enter
wait_for "Findings of sentimetria"
keys / 'AIA-ART5-' Enter
wait_for "AIA-ART5-"
keys W
wait_for "cannot be waived: AIA-ART5-1F"
screen | grep -F "reason code" >/dev/null && pa_fail "an Art. 5 waiver was prompted for"
[ "$(git -C "$L" rev-list --count main)" = 3 ] || pa_fail "the refused waiver wrote to the ledger"

# --- tag two dossiers, then one decision for all tagged: ; D ------------------------
keys q q
wait_for "[call]"
keys f C-u 'arkisto' Enter
wait_for 'filter "arkisto": 1 of 5'
keys t
keys f C-u 'voxara' Enter
wait_for 'filter "voxara": 1 of 5'
keys t
keys f C-u Enter
wait_for "no filter"
wait_for "2 tagged"
keys '\;'
wait_for "tagged: the next action applies"
keys D
wait_for "decision for 2 tagged dossiers"
keys 'changes' Enter Enter 'licences to be clarified' Enter
wait_for "recorded changes for 2 dossiers, signed"
screen | grep -E '^\* +arkisto .* changes' >/dev/null || { screen >&2; pa_fail "arkisto shows no decision"; }
screen | grep -E '^\* +voxara .* changes' >/dev/null || { screen >&2; pa_fail "voxara shows no decision"; }

# --- another auditor decides while the screen is open; R reads the ledger again ----
"$PACTAUDIT" decide "$C/aurore" --rev submission --keyring "$C/keyring.asc" --as-of $ASOF \
    --ledger "$L" --key "$BOB" --decision reject --note "by the other auditor" >"$T/bob.out" 2>&1 ||
    { cat "$T/bob.out" >&2; pa_fail "Bob's decision failed"; }
# and a record that Mallory, who is no auditor of the ledger, signed with git
tip=$(git -C "$L" rev-parse main)
sentim=$(cd "$C/sentimetria" && pwd -P)
forged=$(printf 'decision: approve sentimetria\n\n{"decision":"approve","dossier":"%s","gpu-hours":99999,"pactaudit-ledger":1,"type":"decision"}\n' \
    "$sentim" | git -C "$L" -c user.name=Mallory -c user.email=m@example.org \
    commit-tree -S"$MAL" -p "$tip" "$tip^{tree}")
git -C "$L" update-ref refs/heads/main "$forged" "$tip"
keys R
wait_for "ledger read again: 7 records"
screen | grep -E '^  aurore .* reject' >/dev/null || { screen >&2; pa_fail "the other auditor's decision is not shown"; }
screen | grep -E '^  sentimetria .* untrusted' >/dev/null || { screen >&2; pa_fail "the forged decision is not shown untrusted"; }
screen | grep -E '^  sentimetria .*(approve|99999)' >/dev/null && { screen >&2; pa_fail "the forged decision is shown as a decision"; }
wait_for "1 untrusted record"

# --- resize: redrawn at the new size, back at 80x24 --------------------------------
tm resize-window -t review -x 120 -y 30
sleep 0.5
row 1 | grep -F "Applicant" >/dev/null || { screen >&2; pa_fail "no room for the Applicant column at 120 columns"; }
[ "$(screen | wc -l)" -ge 30 ] || pa_fail "the screen did not grow to 30 lines"
tm resize-window -t review -x 80 -y 24
sleep 0.5
screen | awk 'length($0) > 80 { exit 1 }' || pa_fail "a line is wider than 80 columns after a resize"
screen | grep -F "[call]" >/dev/null || pa_fail "the status bar is gone after a resize"

# --- q on the call quits with 0 ------------------------------------------------------
keys q
i=0
while [ ! -f "$T/exit" ] && [ $i -lt 50 ]; do sleep 0.1; i=$((i + 1)); done
[ "$(cat "$T/exit" 2>/dev/null)" = 0 ] || pa_fail "review did not exit 0: $(cat "$T/exit" 2>/dev/null) $(cat "$T/stderr")"

# --- again with colour and a config file: bindings apply, a bad line is
# reported with file:line; the results come from the cache now -----------------
mkdir -p "$XDG_CONFIG_HOME/pactaudit"
printf 'bind x quit\nbind y no-such-action\n' >"$XDG_CONFIG_HOME/pactaudit/review.conf"
start NO_COLOR=
wait_for "review.conf:2: unknown action"
tm capture-pane -p -e -t review >"$T/color.txt"
grep -E "$(printf '\033')\\[([0-9;]*;)?(3[0-7]|4[0-7])m" "$T/color.txt" >/dev/null ||
    pa_fail "no colour on a colour terminal without NO_COLOR"
# the call opened from the results cache: the dossier view says so (cut
# at 80 columns); the cards' licences are shown too
keys Enter
wait_for "(results from th"
wait_for "Datasets and licences (3)"
wait_for "eu-julkaisut                 CC-BY-4.0 (valid)"
keys q
wait_for "Call: 5 dossiers"
keys x
i=0
while [ ! -f "$T/exit" ] && [ $i -lt 50 ]; do sleep 0.1; i=$((i + 1)); done
[ "$(cat "$T/exit" 2>/dev/null)" = 0 ] || pa_fail "x bound to quit did not quit"

# --- the ledger: every record a commit that git verifies, signed by its auditor ----
git -C "$L" log --format='%H %G? %GF %s' main >"$T/ledger.log"
for c in $(git -C "$L" rev-list "$forged^"); do
	git -C "$L" verify-commit "$c" >/dev/null 2>&1 || pa_fail "git verify-commit rejects ledger commit $c"
done
grep -E " G $ANN waiver: AIA-HR-ART11 ${fpr%"${fpr#????????????}"} until 2028-06-30 for talentra\$" "$T/ledger.log" >/dev/null ||
    { cat "$T/ledger.log" >&2; pa_fail "no waiver signed by Ann in the ledger"; }
grep -E " G $ANN decision: approve talentra at [0-9a-f]{12}\$" "$T/ledger.log" >/dev/null ||
    { cat "$T/ledger.log" >&2; pa_fail "no decision signed by Ann in the ledger"; }
[ "$(grep -cE " G $ANN decision: changes (arkisto|voxara) " "$T/ledger.log")" = 2 ] ||
    { cat "$T/ledger.log" >&2; pa_fail "the tagged decision is not one signed commit per dossier"; }
grep -E " G $BOB decision: reject aurore " "$T/ledger.log" >/dev/null ||
    { cat "$T/ledger.log" >&2; pa_fail "Bob's decision is not in the ledger"; }
git -C "$L" log -1 --format=%B "$(awk '/decision: approve talentra/ { print $1 }' "$T/ledger.log")" >"$T/msg"
grep -F '"gpu-hours":5000' "$T/msg" >/dev/null || pa_fail "the decision does not grant 5000 GPU-hours"
grep -F "\"commit\":\"$(git -C "$C/talentra" rev-parse 'submission^{commit}')\"" "$T/msg" >/dev/null ||
    { cat "$T/msg" >&2; pa_fail "the decision does not name the audited commit"; }
grep -E '"results-digest":"[0-9a-f]{64}"' "$T/msg" >/dev/null || pa_fail "the decision has no results digest"
git -C "$L" fsck --strict --no-dangling >"$T/fsck" 2>&1 || { cat "$T/fsck" >&2; pa_fail "git fsck of the ledger failed"; }

# ... and `ledger log` lists them, the forged one untrusted
"$PACTAUDIT" ledger log --ledger "$L" >"$T/log.out" 2>&1 && pa_fail "ledger log exits 0 with an untrusted record"
grep -E "^7 records, 1 untrusted" "$T/log.out" >/dev/null || { cat "$T/log.out" >&2; pa_fail "ledger log counts wrong"; }
grep -E "trusted +waiver AIA-HR-ART11 ${fpr%"${fpr#????????????}"} until 2028-06-30 \(accepted-risk\)" "$T/log.out" >/dev/null ||
    { cat "$T/log.out" >&2; pa_fail "ledger log does not list the waiver"; }
grep -E "trusted +decision approve .*talentra at [0-9a-f]{12}, 5000 GPU-hours" "$T/log.out" >/dev/null ||
    { cat "$T/log.out" >&2; pa_fail "ledger log does not list the decision"; }
grep -E "UNTRUSTED decision approve .*sentimetria" "$T/log.out" >/dev/null ||
    { cat "$T/log.out" >&2; pa_fail "ledger log does not report the forged record"; }
# check reads the same ledger: the waiver made on the screen is in its results
rc=0
"$PACTAUDIT" check --format xml --keyring "$C/keyring.asc" --as-of "$ASOF" --rev submission \
    --ledger "$L" -o "$T/talentra-ledger.xml" "$C/talentra" 2>"$T/check-ledger.err" || rc=$?
[ "$rc" -le 1 ] || { cat "$T/check-ledger.err" >&2; pa_fail "check --ledger failed ($rc)"; }
assert_xpath 1 "//r:finding[@rule='AIA-HR-ART11'][@status='waived']" "$T/talentra-ledger.xml"
assert_xpath 0 "//r:finding[@rule='AIA-HR-ART11'][@status='open']" "$T/talentra-ledger.xml"
echo "review: ok"

#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Command-line habits users bring from other tools: a closed pipe ends
# quietly, several reports from one run, --quiet, --severity, --color and
# NO_COLOR/TERM, -v after the command, progress and a summary on a terminal
# only, "did you mean", and one JSON shape whatever happens to the audits.
. "$top_srcdir/tests/lib/testlib.sh"
set -e
pa_tmp
command -v git >/dev/null || pa_skip "git is not installed"

ex="$top_srcdir/examples/src"
pa_repo "$T/a" "$ex/aurore"
pa_repo "$T/b" "$ex/talentra"
check() {
	"$PACTAUDIT" check --as-of 2026-11-27 "$@"
}
# run CMD under a pseudo-terminal (script(1)); its output in $T/tty
on_tty() {
	command -v script >/dev/null || pa_skip "script(1) is not installed"
	script -q -e -c "$*" /dev/null >"$T/tty" 2>&1 </dev/null || true
}

# --- a reader that goes away: quiet, the audit's own exit status -------------
{ rc=0; "$PACTAUDIT" evidence --worktree "$T/a" 2>"$T/pipe.err" || rc=$?; echo "$rc" >"$T/pipe.rc"; } |
    head -1 >/dev/null
[ "$(cat "$T/pipe.rc")" = 0 ] || pa_fail "evidence | head: exit $(cat "$T/pipe.rc"), not 0"
[ ! -s "$T/pipe.err" ] || pa_fail "evidence | head wrote: $(cat "$T/pipe.err")"
rm "$T/pipe.rc"
{ rc=0; check --format json "$T/a" "$T/b" 2>"$T/pipe.err" || rc=$?; echo "$rc" >"$T/pipe.rc"; } |
    head -c 10 >/dev/null
[ "$(cat "$T/pipe.rc")" = 1 ] || pa_fail "check | head: exit $(cat "$T/pipe.rc"), not 1 (findings)"
[ ! -s "$T/pipe.err" ] || pa_fail "check | head wrote: $(cat "$T/pipe.err")"

# --- several reports from one run, and the text on standard output -----------
assert_exit 1 check -o sarif="$T/r.sarif" --output junit="$T/r.junit" -o json="$T/r.json" \
    -o codequality="$T/r.cq" "$T/a"
assert_grep '^summary: .*verdict: ' "$T/out"
assert_grep '"version": "2.1.0"' "$T/r.sarif"
assert_grep '<testsuites' "$T/r.junit"
assert_grep '"verdict": ' "$T/r.json"
assert_grep '"check_name": ' "$T/r.cq"
# a plain -o FILE takes the --format report; FORMAT=FILE only adds
assert_exit 1 check --format xml -o "$T/r.xml" -o tap="$T/r.tap" "$T/a"
[ ! -s "$T/out" ] || pa_fail "-o FILE with FORMAT=FILE still wrote to standard output"
assert_grep '<results ' "$T/r.xml"
assert_grep '^TAP version 13' "$T/r.tap"
# ./F=X is a file, not a format
(cd "$T" && assert_exit 1 check -o ./json=odd "$T/a")
assert_grep '^dossier: ' "$T/json=odd"

# --- --quiet: the exit status only, files still written ----------------------
assert_exit 1 check -q -o sarif="$T/q.sarif" "$T/a"
[ ! -s "$T/out" ] && [ ! -s "$T/err" ] || pa_fail "--quiet printed something"
[ -s "$T/q.sarif" ] || pa_fail "--quiet did not write -o FORMAT=FILE"

# --- --severity filters what is shown, not what fails -------------------------
assert_exit 1 check --fail-on warning "$T/a"
assert_grep '^[^ ]*: warning: ' "$T/out"
cp "$T/out" "$T/all.txt"
assert_exit 1 check --fail-on warning --severity error "$T/a"
assert_no_grep ': (warning|info): ' "$T/out"
assert_grep 'less severe than error not shown' "$T/out"
[ "$(grep '^summary:' "$T/out")" = "$(grep '^summary:' "$T/all.txt")" ] ||
    pa_fail "--severity changed the counts"
assert_exit 2 check --severity loud "$T/a"
assert_grep 'severity is blocker, error, warning or info' "$T/err"

# --- colour: --color, NO_COLOR only when not empty, never on TERM=dumb ---------
esc=$(printf '\033')
assert_exit 1 check --color always "$T/a"
grep -q "$esc\[" "$T/out" || pa_fail "--color always: no colour"
assert_exit 1 env NO_COLOR=1 "$PACTAUDIT" check --as-of 2026-11-27 --color always "$T/a"
grep -q "$esc\[" "$T/out" || pa_fail "--color always lost to NO_COLOR"
assert_exit 1 check --color never "$T/a"
! grep -q "$esc\[" "$T/out" || pa_fail "--color never: colour"
assert_exit 2 check --color sometimes "$T/a"
if command -v script >/dev/null; then
	on_tty env TERM=xterm NO_COLOR= "$PACTAUDIT" check --as-of 2026-11-27 "$T/a"
	grep -q "$esc\[" "$T/tty" || pa_fail "a terminal with NO_COLOR empty: no colour"
	on_tty env TERM=xterm NO_COLOR=1 "$PACTAUDIT" check --as-of 2026-11-27 "$T/a"
	! grep -q "$esc\[" "$T/tty" || pa_fail "NO_COLOR=1 on a terminal: colour"
	on_tty env TERM=dumb NO_COLOR= "$PACTAUDIT" check --as-of 2026-11-27 "$T/a"
	! grep -q "$esc\[" "$T/tty" || pa_fail "TERM=dumb: colour"
	on_tty env TERM=xterm NO_COLOR= "$PACTAUDIT" report --format text "$T/r.xml"
	grep -q "$esc\[" "$T/tty" || pa_fail "report on a terminal: no colour"
fi

# --- -v after the command ------------------------------------------------------
# (a signed commit, so that there is a signature to verify and log at debug level)
if command -v gpg >/dev/null; then
	pa_gpg_home
	fpr=$(pa_gpg_key "Habit Signer")
	pa_repo "$T/s" "$ex/talentra"
	pa_git -C "$T/s" -c gpg.program=gpg -c user.signingkey="$fpr" commit -q -S \
	    --allow-empty -m "signed" || pa_fail "cannot sign a commit"
	assert_exit 1 env PACTAUDIT_LOG="$T/quiet.log" "$PACTAUDIT" check --no-cache --as-of 2026-11-27 "$T/s"
	assert_no_grep 'verifying [0-9]+ signatures' "$T/quiet.log"
	assert_exit 1 env PACTAUDIT_LOG="$T/verbose.log" "$PACTAUDIT" check -v --no-cache --as-of 2026-11-27 "$T/s"
	assert_grep 'verifying [0-9]+ signatures' "$T/verbose.log"
fi
assert_exit 0 "$PACTAUDIT" rules list -v

# --- progress and summary: on a terminal only --------------------------------
if command -v script >/dev/null; then
	on_tty env TERM=xterm CI= "$PACTAUDIT" check --no-cache --as-of 2026-11-27 -o "$T/t.txt" "$T/a" "$T/b"
	assert_grep 'checked 2/2 dossiers' "$T/tty"
	assert_grep 'pactaudit: 2 dossiers: .* report in .*t\.txt' "$T/tty"
	on_tty env TERM=xterm CI=true "$PACTAUDIT" check --as-of 2026-11-27 -o "$T/t.txt" "$T/a" "$T/b"
	assert_no_grep 'checked|report in' "$T/tty"
fi
assert_exit 1 check --no-cache -o "$T/t.txt" "$T/a" "$T/b"
[ ! -s "$T/err" ] && [ ! -s "$T/out" ] || pa_fail "progress or summary in a pipe: $(cat "$T/err")"

# --- did you mean --------------------------------------------------------------
assert_exit 2 "$PACTAUDIT" chekc .
assert_grep "'chekc' is not a command; did you mean 'check'\\?" "$T/err"
assert_exit 2 "$PACTAUDIT" chekc-nothing-alike .
assert_no_grep 'did you mean' "$T/err"
assert_exit 2 check --outptu x "$T/a"
assert_grep "did you mean '--output'\\?" "$T/err"
assert_exit 2 check --formta json "$T/a"
assert_grep "did you mean '--format'\\?" "$T/err"

# ... and for vocabulary terms: a typo, or a word of a term's label
mkdir -p "$T/v"
cp -R "$ex/aurore/." "$T/v/"
for pair in chatbot:art50-1 anex3-4a:annex3-4a; do
	sed "s|<use-case>gpai</use-case>|<use-case>${pair%%:*}</use-case>|" "$ex/aurore/application.xml" \
	    >"$T/v/application.xml"
	assert_exit 1 check --worktree "$T/v"
	assert_grep "INPUT-USECASE-VOCAB.*'${pair%%:*}'.*Did you mean \"${pair#*:}\"\\?" "$T/out"
done
sed "s|<use-case>gpai</use-case>|<use-case>qqqqqq</use-case>|" "$ex/aurore/application.xml" >"$T/v/application.xml"
assert_exit 1 check --worktree "$T/v"
assert_grep "INPUT-USECASE-VOCAB.*'qqqqqq'" "$T/out"
assert_no_grep 'Did you mean' "$T/out"

# --- JSON: one object for one dossier, an array for several, failed ones kept -
assert_exit 1 check --format json -o "$T/one.json" "$T/a"
assert_exit 1 check --format json -o "$T/two.json" "$T/a" "$T/b"
assert_exit 2 check --format json -o "$T/fail.json" "$T/a" "$T/missing" "$T/b"
if command -v python3 >/dev/null; then
	python3 - "$T/one.json" "$T/two.json" "$T/fail.json" <<'PY' || pa_fail "JSON shapes"
import json, sys
one, two, fail = (json.load(open(p)) for p in sys.argv[1:])
assert isinstance(one, dict), "one dossier: not an object"
assert len(one["dossier"]["commit"]) == 40 and one["verdict"] and one["systems"][0]["id"]
assert isinstance(two, list) and len(two) == 2, "two dossiers: not an array of 2"
assert isinstance(fail, list) and len(fail) == 3, "one of three failed: not an array of 3"
keys = set(two[0])
assert keys - {"tool", "rules"} <= set(fail[1]), "a failed dossier lacks keys: %r" % (keys - set(fail[1]))
assert fail[1]["verdict"] is None and "missing" in fail[1]["error"] and fail[1]["findings"] == []
assert fail[1]["dossier"]["path"].endswith("missing")
assert [d["dossier"]["path"] for d in (fail[0], fail[2])] == [d["dossier"]["path"] for d in two]
PY
fi
exit 0

#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# pactaudit ledger/decide/waive: signed records that git verifies, the
# ledger's policy (an unlisted signer is reported, not trusted), refused
# and malformed input, two writers at once, and writers killed with SIGKILL.
. "$top_srcdir/tests/lib/testlib.sh"
set -e
pa_tmp
command -v git >/dev/null || pa_skip "git is not installed"
command -v gpg >/dev/null || pa_skip "gpg is not installed"
command -v xmllint >/dev/null || pa_skip "xmllint is not installed"
: >"$T/gitconfig"
GIT_CONFIG_GLOBAL="$T/gitconfig"
export GIT_CONFIG_GLOBAL
pa_gpg_home
ANN=$(pa_gpg_key "Ann Auditor")
BOB=$(pa_gpg_key "Bob Auditor")
MAL=$(pa_gpg_key "Mallory Outsider")

RULES="$top_srcdir/tests/fixtures/rules/check"
SRC="$top_srcdir/tests/fixtures/rules/dossier"
AS_OF=2026-11-27
L="$T/ledger"

dossier() {
	mkdir -p "$T/src-$1"
	cp -R "$SRC"/. "$T/src-$1"/
	sed "$2" "$SRC/application.xml" >"$T/src-$1/application.xml"
	pa_repo "$T/$1" "$T/src-$1"
}
dossier error '/kind="risk-management"/d'
dossier blocker 's/<use-case>research</<use-case>art5-1a</'

pa() {
	"$PACTAUDIT" "$@"
}
audit_opts="--rules $RULES --as-of $AS_OF --no-cache"
# fingerprint DOSSIER RULE
fingerprint() {
	pa check $audit_opts --format xml -o "$T/fp.xml" "$T/$1" || true
	xmllint --xpath "string(//*[local-name()='finding'][@rule='$2']/@fingerprint)" "$T/fp.xml"
}
records() {
	git -C "$L" rev-list --count main
}
fsck_clean() {
	git -C "$L" fsck --strict --no-dangling >"$T/fsck" 2>&1 ||
	    { cat "$T/fsck" >&2; pa_fail "git fsck of the ledger failed ($1)"; }
	[ ! -s "$T/fsck" ] || { cat "$T/fsck" >&2; pa_fail "git fsck of the ledger complained ($1)"; }
}

# --- no ledger yet: log says so
assert_exit 2 pa ledger log --ledger "$L"
assert_grep "no ledger at" "$T/err"

# --- init: Ann may change the auditors, Bob may record
assert_exit 0 pa ledger init --ledger "$L" --key "$ANN" --auditor "$BOB"
[ "$(records)" = 1 ] || pa_fail "init made $(records) commits"
git -C "$L" show main:signers.xml >"$T/signers.xml"
assert_grep "fingerprint=\"$ANN\".*rights=\"commit signers\"" "$T/signers.xml"
assert_grep "fingerprint=\"$BOB\".*rights=\"commit\"" "$T/signers.xml"
assert_no_grep "$MAL" "$T/signers.xml"
assert_exit 2 pa ledger init --ledger "$L" --key "$ANN"
assert_grep "already has its first auditors" "$T/err"
assert_exit 2 pa ledger init --ledger "$T/other" --key "$ANN" --auditor 1234
assert_grep "not a key fingerprint" "$T/err"

# --- decisions by both auditors, verified by git itself
assert_exit 0 pa decide "$T/error" $audit_opts --ledger "$L" --key "$ANN" \
    --decision changes --note "add the risk file"
assert_grep "^recorded [0-9a-f]{40}: changes" "$T/out"
assert_exit 0 pa decide "$T/error" $audit_opts --ledger "$L" --key "$BOB" \
    --decision approve --gpu-hours 1200 --note "fixed in time"
[ "$(records)" = 3 ] || pa_fail "expected 3 commits, got $(records)"
for c in $(git -C "$L" rev-list main); do
	git -C "$L" verify-commit "$c" >/dev/null 2>&1 ||
	    pa_fail "git verify-commit rejects ledger commit $c"
done
git -C "$L" log -1 --format=%B main >"$T/msg"
assert_grep '"decision":"approve"' "$T/msg"
assert_grep '"gpu-hours":1200' "$T/msg"
assert_grep "\"commit\":\"$(git -C "$T/error" rev-parse HEAD)\"" "$T/msg"
assert_grep '"results-digest":"[0-9a-f]{64}"' "$T/msg"
git -C "$L" log -1 --format='%G? %GF' main >"$T/sig"
assert_grep "^G $BOB" "$T/sig"
assert_exit 0 pa ledger log --ledger "$L"
assert_grep "^3 records, 0 untrusted" "$T/out"
assert_grep "decision approve .*1200 GPU-hours" "$T/out"
# -o FILE: the same listing in the file, nothing on standard output
cp "$T/out" "$T/log.txt"
assert_exit 0 pa ledger log --ledger "$L" -o "$T/log-o.txt"
[ ! -s "$T/out" ] || pa_fail "ledger log -o also wrote to standard output"
cmp -s "$T/log.txt" "$T/log-o.txt" || pa_fail "ledger log -o wrote another listing"
fsck_clean "after decisions"

# --- a key the policy does not list: refused before anything is written
assert_exit 2 pa decide "$T/error" $audit_opts --ledger "$L" --key "$MAL" --decision approve
assert_grep "not an auditor of the ledger" "$T/err"
[ "$(records)" = 3 ] || pa_fail "a refused decision was written"

# --- a record signed by an unlisted key, written with git: reported, not trusted
tip=$(git -C "$L" rev-parse main)
tree=$(git -C "$L" rev-parse "main^{tree}")
forged=$(printf 'decision: approve error\n\n{"decision":"approve","dossier":"%s","pactaudit-ledger":1,"type":"decision"}\n' \
    "$T/error" | git -C "$L" -c user.name=Mallory -c user.email=m@example.org \
    commit-tree -S"$MAL" -p "$tip" "$tree")
git -C "$L" update-ref refs/heads/main "$forged" "$tip"
assert_exit 1 pa ledger log --ledger "$L"
assert_grep "^4 records, 1 untrusted" "$T/out"
assert_grep "UNTRUSTED decision approve" "$T/out"
assert_grep "$MAL.*: signature unknown-key" "$T/out"
# with the signer's public key at hand (--keyring) it is still no auditor
gpg --batch --armor --export "$MAL" >"$T/mal.asc"
assert_exit 1 pa ledger log --ledger "$L" --keyring "$T/mal.asc"
assert_grep "UNTRUSTED decision approve" "$T/out"
assert_grep "Mallory.*$MAL.*: signed by $MAL, who is not an auditor of the ledger" "$T/out"
# an unsigned record is reported too; later records still verify
unsigned=$(printf 'decision: reject error\n\n{"decision":"reject","dossier":"x","pactaudit-ledger":1,"type":"decision"}\n' |
    git -C "$L" commit-tree -p "$forged" "$tree")
git -C "$L" update-ref refs/heads/main "$unsigned" "$forged"
assert_exit 0 pa decide "$T/error" $audit_opts --ledger "$L" --key "$ANN" --decision approve
assert_exit 1 pa ledger log --ledger "$L"
assert_grep "^6 records, 2 untrusted" "$T/out"
assert_grep "UNTRUSTED decision reject x$" "$T/out"
assert_grep "\[no key\]: not signed$" "$T/out"
tail -n 3 "$T/out" | head -n 1 >"$T/last"
assert_grep "trusted   decision approve" "$T/last"

# --- bad input: each refused with its own message, nothing written
n=$(records)
assert_exit 2 pa decide "$T/error" $audit_opts --ledger "$L" --key "$ANN"
assert_grep "decision is required" "$T/err"
assert_exit 2 pa decide "$T/error" $audit_opts --ledger "$L" --key "$ANN" --decision maybe
assert_grep "not a decision" "$T/err"
assert_exit 2 pa decide "$T/error" $audit_opts --ledger "$L" --key "$ANN" --decision approve --gpu-hours -5
assert_exit 2 pa decide "$T/error" $audit_opts --ledger "$L" --key "$ANN" --decision approve --gpu-hours lots
assert_exit 2 pa decide "$T/nowhere" $audit_opts --ledger "$L" --key "$ANN" --decision approve
assert_exit 2 pa decide $audit_opts --ledger "$L" --key "$ANN" --decision approve
assert_grep "exactly one dossier" "$T/err"
assert_exit 2 pa decide "$T/error" $audit_opts --ledger "$L" --key "nobody@example.org" --decision approve
assert_grep "no secret key" "$T/err"
mkdir -p "$T/worktree-not-ledger"
pa_git -C "$T/worktree-not-ledger" init -q
assert_exit 2 pa decide "$T/error" $audit_opts --ledger "$T/worktree-not-ledger" --key "$ANN" --decision approve
assert_grep "not a ledger" "$T/err"

RISK=$(fingerprint error CHK-RISK)
PROHIBITED=$(fingerprint blocker CHK-PROHIBITED)
[ ${#RISK} -eq 64 ] && [ ${#PROHIBITED} -eq 64 ] || pa_fail "no fingerprints in the results"
waive() {
	pa waive $audit_opts --ledger "$L" --key "$ANN" "$@"
}
assert_exit 2 waive "$T/error" --finding "$RISK" --reason because --until 2027-01-01 --note n
assert_grep "reason is one of accepted-risk" "$T/err"
assert_exit 2 waive "$T/error" --finding "$RISK" --reason accepted-risk --until 2027-02-30 --note n
assert_grep "until DATE" "$T/err"
assert_exit 2 waive "$T/error" --finding "$RISK" --reason accepted-risk --until 2026-01-01 --note n
assert_grep "before the as-of date" "$T/err"
assert_exit 2 waive "$T/error" --finding "$RISK" --reason accepted-risk --until 2027-01-01
assert_grep "note" "$T/err"
assert_exit 2 waive "$T/error" --reason accepted-risk --until 2027-01-01 --note n
assert_grep "finding FINGERPRINT or --rule" "$T/err"
assert_exit 2 waive "$T/error" --finding 1234 --reason accepted-risk --until 2027-01-01 --note n
assert_grep "not a fingerprint" "$T/err"
assert_exit 2 waive "$T/error" --finding "$PROHIBITED" --reason accepted-risk --until 2027-01-01 --note n
assert_grep "no finding $PROHIBITED" "$T/err"
assert_exit 2 waive "$T/error" --rule NO-SUCH-RULE --reason accepted-risk --until 2027-01-01 --note n
assert_grep "no rule NO-SUCH-RULE" "$T/err"

# --- Art. 5: never waived, by fingerprint or by rule
assert_exit 2 waive "$T/blocker" --finding "$PROHIBITED" --reason accepted-risk --until 2027-01-01 --note "we disagree"
assert_grep "CHK-PROHIBITED .*cannot be waived: prohibited practices \(Art. 5\)" "$T/err"
assert_exit 2 waive "$T/blocker" --rule CHK-PROHIBITED --reason accepted-risk --until 2027-01-01 --note "we disagree"
assert_grep "cannot be waived" "$T/err"
[ "$(records)" = "$n" ] || pa_fail "a refused command wrote to the ledger"

# --- a waiver: recorded, signed, listed
assert_exit 0 waive "$T/error" --finding "$RISK" --reason compensating-control \
    --until 2027-01-01 --note "risk file kept by the host"
assert_grep "waiver of CHK-RISK finding ${RISK%????????????????????????????????????????????????????}" "$T/out"
git -C "$L" verify-commit main >/dev/null 2>&1 || pa_fail "git rejects the waiver's signature"
git -C "$L" log -1 --format=%B main >"$T/msg"
assert_grep "\"finding\":\"$RISK\"" "$T/msg"
assert_grep '"reason":"compensating-control"' "$T/msg"
assert_grep '"until":"2027-01-01"' "$T/msg"
assert_exit 1 pa ledger log --ledger "$L"
assert_grep "trusted   waiver CHK-RISK .* until 2027-01-01 \(compensating-control\)" "$T/out"
fsck_clean "after waivers"

# --- two writers at once: every decision survives
W=10
writer() {
	i=1
	while [ "$i" -le "$W" ]; do
		pa decide "$T/error" $audit_opts --ledger "$L" --key "$2" --decision approve \
		    --note "writer $1 decision $i" >>"$T/ack-$1" 2>>"$T/werr-$1" || echo "FAILED $i" >>"$T/ack-$1"
		i=$((i + 1))
	done
}
before=$(records)
writer a "$ANN" &
pa_a=$!
writer b "$BOB" &
pa_b=$!
wait "$pa_a" "$pa_b"
! grep -q FAILED "$T/ack-a" "$T/ack-b" || { cat "$T/werr-a" "$T/werr-b" >&2; pa_fail "a concurrent decision failed"; }
[ "$(records)" = $((before + 2 * W)) ] || pa_fail "expected $((before + 2 * W)) commits after two writers, got $(records)"
git -C "$L" log --format=%B main >"$T/all"
for w in a b; do
	i=1
	while [ "$i" -le "$W" ]; do
		grep -q "\"note\":\"writer $w decision $i\"" "$T/all" || pa_fail "writer $w decision $i was lost"
		i=$((i + 1))
	done
	for c in $(sed -n 's/^recorded \([0-9a-f]*\):.*/\1/p' "$T/ack-$w"); do
		git -C "$L" merge-base --is-ancestor "$c" main || pa_fail "acknowledged $c is not on main"
	done
done
[ "$(git -C "$L" rev-list --merges --count main)" = 0 ] || pa_fail "the ledger has merges"
fsck_clean "after two writers"

# --- writers killed with SIGKILL at random points
k=1
while [ "$k" -le 12 ]; do
	# the program itself in the background (not a shell function: $! must be its pid)
	"$PACTAUDIT" decide "$T/error" $audit_opts --ledger "$L" --key "$ANN" --decision reject \
	    --note "killed $k" >"$T/kill-out" 2>/dev/null &
	victim=$!
	# 0 to 0.8 s: before, during and after the write
	sleep "$(awk -v s="$k" 'BEGIN { srand(s * 7919 + '"$$"'); printf "%.3f", rand() * 0.8 }')"
	kill -9 "$victim" 2>/dev/null || true
	wait "$victim" 2>/dev/null || true
	sed -n 's/^recorded \([0-9a-f]*\):.*/\1/p' "$T/kill-out" >>"$T/acked"
	fsck_clean "after kill $k"
	k=$((k + 1))
done
for c in $(cat "$T/acked" 2>/dev/null); do
	git -C "$L" merge-base --is-ancestor "$c" main || pa_fail "acknowledged $c lost after a kill"
done
# the ledger still takes writes, and verifies
assert_exit 0 pa decide "$T/error" $audit_opts --ledger "$L" --key "$ANN" --decision approve --note after
fsck_clean "after the kills"
assert_exit 1 pa ledger log --ledger "$L"
assert_grep " 2 untrusted$" "$T/out"

# --- the default ledger: $XDG_DATA_HOME/pactaudit/ledger, else
# ~/.local/share/pactaudit/ledger (a relative XDG_DATA_HOME is ignored, as
# the XDG base directory specification says), else a clear refusal
mkdir -p "$T/xdg" "$T/home2"
assert_exit 0 env XDG_DATA_HOME="$T/xdg" "$PACTAUDIT" decide "$T/error" $audit_opts --key "$ANN" \
    --decision approve --note "default ledger"
[ "$(git -C "$T/xdg/pactaudit/ledger" rev-list --count main)" = 2 ] ||
    pa_fail "decide without --ledger did not make \$XDG_DATA_HOME/pactaudit/ledger with its record"
git -C "$T/xdg/pactaudit/ledger" log -1 --format=%B main | grep -q '"note":"default ledger"' ||
    pa_fail "the default ledger does not hold the decision"
assert_exit 0 env XDG_DATA_HOME="$T/xdg" "$PACTAUDIT" ledger log
assert_grep "trusted   decision approve" "$T/out"
assert_exit 0 env -u XDG_DATA_HOME HOME="$T/home2" "$PACTAUDIT" ledger init --key "$ANN"
[ -d "$T/home2/.local/share/pactaudit/ledger" ] || pa_fail "no ledger under ~/.local/share"
assert_exit 2 env XDG_DATA_HOME=relative/dir HOME="$T/home2" "$PACTAUDIT" ledger init --key "$ANN"
assert_grep "already" "$T/err"
[ ! -e relative ] || pa_fail "a relative XDG_DATA_HOME was used"
assert_exit 2 env -u XDG_DATA_HOME -u HOME "$PACTAUDIT" ledger log
assert_grep "no ledger folder: set --ledger DIR, XDG_DATA_HOME or HOME" "$T/err"
echo "ledger: ok ($(wc -l <"$T/acked" 2>/dev/null || echo 0) of 12 killed writers acknowledged first)"

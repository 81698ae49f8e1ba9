#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# contrib/: the pre-push hook stops a push with open errors, the Slurm
# recipe audits a call and gathers it, and the CI files are valid YAML.
. "$top_srcdir/tests/lib/testlib.sh"
set -e
pa_tmp
command -v gpg >/dev/null || pa_skip "GnuPG is not installed"
command -v xmllint >/dev/null || pa_skip "xmllint is not installed"

contrib="$top_srcdir/contrib"
C="$T/call"
TMPDIR="$T" sh "$top_srcdir/examples/make-call.sh" "$C" >/dev/null 2>"$T/err" ||
    { cat "$T/err" >&2; pa_fail "make-call.sh failed"; }

# the scripts parse as POSIX shell
for f in hooks/pre-push slurm/submit.sh slurm/audit-call.sbatch slurm/gather.sbatch; do
	sh -n "$contrib/$f" || pa_fail "contrib/$f does not parse"
	[ -x "$contrib/$f" ] || pa_fail "contrib/$f is not executable"
done

# --- CI definitions: valid YAML running check --format sarif -----------------
if command -v python3 >/dev/null && python3 -c 'import yaml' 2>/dev/null; then
	for f in ci/github-actions.yml ci/gitlab-ci.yml; do
		python3 -c 'import sys, yaml; yaml.safe_load(open(sys.argv[1]))' "$contrib/$f" ||
		    pa_fail "contrib/$f is not YAML"
	done
fi
for f in ci/github-actions.yml ci/gitlab-ci.yml; do
	assert_grep 'pactaudit check --format sarif' "$contrib/$f"
	assert_grep 'fetch-depth: 0|GIT_DEPTH: "0"' "$contrib/$f"
done

# --- pre-push: a real push to a bare remote -----------------------------------
pa_git init -q --bare "$T/remote.git"
for d in arkisto voxara; do
	pa_git clone -q "$C/$d" "$T/$d"
	cp "$contrib/hooks/pre-push" "$T/$d/.git/hooks/pre-push"
	pa_git -C "$T/$d" config pactaudit.program "$PACTAUDIT"
done
# eligible: the push goes through
assert_exit 0 pa_git -C "$T/arkisto" push -q "$T/remote.git" main:arkisto
assert_grep 'pre-push: auditing refs/heads/main' "$T/err"
pa_git --git-dir="$T/remote.git" rev-parse -q --verify refs/heads/arkisto >/dev/null ||
    pa_fail "the eligible dossier was not pushed"
# an open error (a non-commercial dataset): the push is stopped, with the finding
assert_exit 1 pa_git -C "$T/voxara" push -q "$T/remote.git" main:voxara
assert_grep 'LIC-NC-DATA' "$T/err"
assert_grep 'push with --no-verify' "$T/err"
! pa_git --git-dir="$T/remote.git" rev-parse -q --verify refs/heads/voxara >/dev/null ||
    pa_fail "the push went through despite an open error"
# failOn raised to blocker lets it through; --no-verify too
pa_git -C "$T/voxara" config pactaudit.failOn blocker
assert_exit 0 pa_git -C "$T/voxara" push -q "$T/remote.git" main:voxara-blocker
pa_git -C "$T/voxara" config pactaudit.failOn error
assert_exit 0 pa_git -C "$T/voxara" push -q --no-verify "$T/remote.git" main:voxara-anyway
# a tag is audited as the tag; deleting a ref is never stopped
assert_exit 1 pa_git -C "$T/voxara" push -q "$T/remote.git" refs/tags/submission
assert_grep 'auditing refs/tags/submission' "$T/err"
assert_exit 0 pa_git -C "$T/voxara" push -q "$T/remote.git" :voxara-anyway
# the hook reads the dossier's folder from pactaudit.path
mkdir -p "$T/mono"
pa_git -C "$T/mono" init -q
cp -R "$C/arkisto/." "$T/mono/dossier"
rm -rf "$T/mono/dossier/.git"
echo 'print("training code")' >"$T/mono/train.py"
pa_git -C "$T/mono" add -A
pa_git -C "$T/mono" commit -q -m "code and dossier"
cp "$contrib/hooks/pre-push" "$T/mono/.git/hooks/pre-push"
pa_git -C "$T/mono" config pactaudit.program "$PACTAUDIT"
pa_git -C "$T/mono" config pactaudit.path dossier
pa_git -C "$T/mono" config pactaudit.failOn blocker	# unsigned: errors, no blocker
assert_exit 0 pa_git -C "$T/mono" push -q "$T/remote.git" main:mono
pa_git -C "$T/mono" config pactaudit.path no-such-folder
assert_exit 1 pa_git -C "$T/mono" push -q "$T/remote.git" main:mono2
assert_grep 'could not be done' "$T/err"

# --- Slurm: submit.sh with a stand-in sbatch that runs jobs at once ---------
mkdir -p "$T/bin"
cat >"$T/bin/sbatch" <<'EOF'
#!/bin/sh
# Runs a batch script synchronously, each array task in turn, like Slurm would.
array= export_list=ALL
for a in "$@"; do
	case $a in
	--array=*) array=${a#--array=} ;;
	--export=*) export_list=${a#--export=} ;;
	--*) ;;
	*) script=$a ;;
	esac
done
echo "$*" >>"$SBATCH_LOG"
id=$(( $(wc -l <"$SBATCH_LOG") + 1000 ))
old_ifs=$IFS
IFS=,
for kv in $export_list; do
	[ "$kv" = ALL ] || export "$kv"
done
IFS=$old_ifs
export SLURM_JOB_ID=$id SLURM_CPUS_PER_TASK=2
if [ -n "$array" ]; then
	range=${array%%%*}
	i=${range%-*}
	while [ "$i" -le "${range#*-}" ]; do
		SLURM_ARRAY_TASK_ID=$i sh "$script" >>"$SBATCH_OUT" 2>&1 || echo "task $i failed" >>"$SBATCH_OUT"
		i=$((i + 1))
	done
else
	sh "$script" >>"$SBATCH_OUT" 2>&1 || echo "job failed" >>"$SBATCH_OUT"
fi
echo "$id"
EOF
chmod +x "$T/bin/sbatch"
mkdir -p "$T/dossiers"
for d in arkisto talentra aurore voxara sentimetria; do
	ln -s "$C/$d" "$T/dossiers/$d"
done
# a repository without the submission tag: cannot be audited (exit 2)
pa_repo "$T/dossiers/broken" "$C/arkisto/docs" >/dev/null
O="$T/slurm"
SBATCH_LOG="$T/sbatch.log" SBATCH_OUT="$T/jobs.out" PATH="$T/bin:$PATH" \
    PACTAUDIT_PER_TASK=4 PACTAUDIT_AS_OF=2027-12-02 \
    PACTAUDIT_KEYRING="$C/keyring.asc" \
    sh "$contrib/slurm/submit.sh" "$T/dossiers" "$O" >"$T/submit.out" 2>"$T/err" ||
    { cat "$T/err" "$T/jobs.out" >&2; pa_fail "submit.sh failed"; }
assert_grep "^6 dossiers in 2 tasks" "$T/submit.out"
assert_grep '[-][-]array=1-2%100' "$T/sbatch.log"
assert_grep '[-][-]dependency=afterany:1001' "$T/sbatch.log"
[ "$(ls "$O/results" | grep -c '\.xml$')" -eq 5 ] || { cat "$T/jobs.out" >&2; pa_fail "expected 5 results"; }
[ -z "$(ls "$O/results" | grep '\.part$')" ] || pa_fail "a partial results file was left"
[ -f "$O/failed/000003-broken.err" ] || pa_fail "the broken dossier is not listed as failed"
assert_grep 'task 1 failed' "$T/jobs.out"
for f in results/000001-arkisto.xml results/000006-voxara.xml; do
	assert_xpath 1 '/r:results/r:as-of[. = "2027-12-02"]' "$O/$f"
done
assert_xpath 1 "/r:results[r:verdict = 'ineligible']" "$O/results/000004-sentimetria.xml"
assert_xpath 1 "/r:results[r:verdict = 'eligible']" "$O/results/000001-arkisto.xml"
# gathered reports of the whole call
for f in call.html call.csv call.json call.txt; do
	[ -s "$O/$f" ] || pa_fail "gather did not write $f"
done
for d in arkisto talentra aurore voxara sentimetria; do
	assert_grep "$d" "$O/call.csv"
done
assert_grep '000003-broken' "$T/jobs.out"
python3 -c 'import json, sys; json.load(open(sys.argv[1]))' "$O/call.json" 2>/dev/null ||
    ! command -v python3 >/dev/null || pa_fail "call.json is not JSON"
echo "contrib: ok"

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
for f in hooks/pre-push slurm/submit.sh slurm/resubmit.sh slurm/audit-call.sbatch \
    slurm/gather.sbatch; do
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
	assert_grep 'fetch-depth: 0|GIT_DEPTH: "0"' "$contrib/$f"
	# pactaudit reads no global git configuration; the line could replace
	# /dev/null where GIT_CONFIG_GLOBAL points there
	assert_no_grep 'safe\.directory' "$contrib/$f"
	assert_no_grep 'git config --global' "$contrib/$f"
done
assert_grep 'pactaudit check --format sarif' "$contrib/ci/github-actions.yml"
assert_grep 'uses: github/codeql-action/upload-sarif@v4$' "$contrib/ci/github-actions.yml"
assert_no_grep 'upload-sarif@v[123]' "$contrib/ci/github-actions.yml"
# pactaudit ignores global git configuration: no job sets safe.directory
# (where GIT_CONFIG_GLOBAL is /dev/null, git config --global would replace it)
assert_no_grep 'safe\.directory' "$contrib/ci/github-actions.yml"
assert_no_grep 'safe\.directory' "$contrib/ci/gitlab-ci.yml"
assert_grep 'codequality: gl-code-quality-report.json' "$contrib/ci/gitlab-ci.yml"

# --- the GitLab job's script, run as GitLab runs it ---------------------------
# in a merge request pipeline it audits the source branch's head, not the
# merge commit; one audit writes Code Quality, JUnit and SARIF reports
if command -v python3 >/dev/null && python3 -c 'import yaml' 2>/dev/null; then
	python3 -c 'import sys, yaml; print("\n".join(yaml.safe_load(open(sys.argv[1]))["pactaudit"]["script"]))' \
	    "$contrib/ci/gitlab-ci.yml" >"$T/gitlab-job.sh"
	mkdir -p "$T/bin"
	ln -s "$PACTAUDIT" "$T/bin/pactaudit"
	pa_git clone -q "$C/voxara" "$T/gl"
	head=$(pa_git -C "$T/gl" rev-parse HEAD)
	pa_git -C "$T/gl" commit -q --allow-empty -m "GitLab's merge commit, unsigned"
	rc=0
	(cd "$T/gl" && PATH="$T/bin:$PATH" CI_COMMIT_SHA=$(pa_git rev-parse HEAD) \
	    CI_MERGE_REQUEST_SOURCE_BRANCH_SHA=$head FAIL_ON=error DOSSIER_PATH= \
	    sh -e "$T/gitlab-job.sh" >"$T/gl.out" 2>&1) || rc=$?
	[ "$rc" = 1 ] || { cat "$T/gl.out" >&2; pa_fail "the GitLab job exited $rc, not 1 (open errors)"; }
	assert_grep 'LIC-NC-DATA' "$T/gl.out"
	for f in gl-code-quality-report.json pactaudit-junit.xml pactaudit.sarif; do
		[ -s "$T/gl/$f" ] || pa_fail "the GitLab job did not write $f"
	done
	python3 - "$T/gl" "$head" <<'PY' || pa_fail "the GitLab job's reports"
import json, sys
d, head = sys.argv[1], sys.argv[2]
sarif = json.load(open(d + "/pactaudit.sarif"))
assert sarif["runs"][0]["properties"]["dossier"]["commit"] == head, "not the source branch's head"
# GitLab Code Quality (docs.gitlab.com/ci/testing/code_quality): an array of
# issues with description, check_name, fingerprint, severity (info, minor,
# major, critical, blocker), location.path and location.lines.begin
cq = json.load(open(d + "/gl-code-quality-report.json"))
assert isinstance(cq, list) and cq, "no issues"
fps = set()
for i in cq:
    for k in ("description", "check_name", "fingerprint", "severity", "location"):
        assert isinstance(i.get(k), (str, dict)) and i[k], "issue without %s: %r" % (k, i)
    assert i["severity"] in ("info", "minor", "major", "critical", "blocker"), i["severity"]
    loc = i["location"]
    assert isinstance(loc["path"], str) and loc["path"] and not loc["path"].startswith("/")
    assert isinstance(loc["lines"]["begin"], int) and loc["lines"]["begin"] >= 1
    fps.add(i["fingerprint"])
assert len(fps) == len(cq), "fingerprints are not unique"
lic = [i for i in cq if i["check_name"] == "LIC-NC-DATA"]
assert lic and lic[0]["severity"] == "critical", "an open error is not critical"
PY
fi

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
# only the submission tag must be signed: any other tag is audited as its commit
pa_git -C "$T/arkisto" tag v1-lightweight
assert_exit 0 pa_git -C "$T/arkisto" push -q "$T/remote.git" refs/tags/v1-lightweight
pa_git -C "$T/arkisto" tag -a -m "not signed" v1-annotated
assert_exit 0 pa_git -C "$T/arkisto" push -q "$T/remote.git" refs/tags/v1-annotated
pa_git -C "$T/arkisto" tag -f submission >/dev/null	# the submission, unsigned
assert_exit 1 pa_git -C "$T/arkisto" push -q -f "$T/remote.git" refs/tags/submission
assert_grep 'auditing refs/tags/submission' "$T/err"
assert_grep 'SIG-TAG' "$T/err"
pa_git -C "$T/arkisto" tag v2-lightweight
pa_git -C "$T/arkisto" config pactaudit.submissionTag v2-lightweight
assert_exit 1 pa_git -C "$T/arkisto" push -q "$T/remote.git" refs/tags/v2-lightweight
pa_git -C "$T/arkisto" config --unset pactaudit.submissionTag
# terse: one line per ref, no findings
assert_exit 1 env PACTAUDIT_TERSE=1 git -C "$T/voxara" push -q "$T/remote.git" main:voxara-terse
[ "$(grep -vc '^error: failed to push' "$T/err")" -le 2 ] ||
    pa_fail "terse mode printed more than two lines: $(cat "$T/err")"
assert_grep "^pre-push: refs/heads/main: open findings at or above 'error'" "$T/err"
assert_no_grep 'LIC-NC-DATA' "$T/err"
pa_git -C "$T/arkisto" config pactaudit.terse true
assert_exit 0 pa_git -C "$T/arkisto" push -q "$T/remote.git" main:arkisto-terse
[ "$(cat "$T/err")" = "pre-push: refs/heads/main: ok" ] || pa_fail "terse ok: $(cat "$T/err")"
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

# --- the default number of GnuPG verification workers follows the affinity mask
# (Slurm's --cpus-per-task, taskset): one CPU allowed, two workers
if command -v taskset >/dev/null 2>&1; then
	taskset -c 0 "$PACTAUDIT" -v --log "$T/cpu.log" check --verifier gpgme --no-cache --rev submission \
	    "$C/arkisto" >/dev/null 2>&1 || true
	assert_grep 'verifying [0-9]+ signatures with 2 workers' "$T/cpu.log"
	# -j on one dossier does not take its signature workers down to one
	taskset -c 0 "$PACTAUDIT" -v --log "$T/cpu-j.log" check -j 3 --verifier gpgme --no-cache \
	    --rev submission "$C/arkisto" >/dev/null 2>&1 || true
	assert_grep 'verifying [0-9]+ signatures with 2 workers' "$T/cpu-j.log"
fi

# --- Slurm: the recipe with stand-ins for sbatch, scontrol and squeue ---------
# (tests/cli/contrib-slurm.sh runs it on a real Slurm when one is installed)
mkdir -p "$T/dossiers"
for d in arkisto talentra aurore voxara sentimetria; do
	ln -s "$C/$d" "$T/dossiers/$d"
done
# a repository without the submission tag: cannot be audited (exit 2)
pa_repo "$T/dossiers/broken" "$C/arkisto/docs" >/dev/null
O="$T/slurm"
slurm() {
	SBATCH_LOG="$T/sbatch.log" SBATCH_OUT="$T/jobs.out" \
	    PATH="$top_srcdir/tests/lib/fake-slurm:$PATH" "$@"
}
# lines: 1 arkisto, 2 aurore, 3 broken, 4 sentimetria, 5 talentra, 6 voxara;
# 2 per task, 3 tasks; MaxArraySize 3 makes arrays of at most 2 tasks: 1-2,
# then 1-1 with offset 2.  Task 2 (broken, sentimetria) is lost.
mkdir -p "$T/tmp"
slurm env PACTAUDIT_PER_TASK=2 PACTAUDIT_AS_OF=2027-12-02 SBATCH_SKIP=2 \
    PACTAUDIT_KEYRING="$C/keyring.asc" XDG_CACHE_HOME="$T/shared-cache" TMPDIR="$T/tmp" \
    sh "$contrib/slurm/submit.sh" "$T/dossiers" "$O" >"$T/submit.out" 2>"$T/err" ||
    { cat "$T/err" "$T/jobs.out" >&2; pa_fail "submit.sh failed"; }
assert_grep "^6 dossiers, 2 per task, as of 2027-12-02" "$T/submit.out"
assert_grep '^3 task\(s\) in array job\(s\) 1001:1002, gathering job 1003' "$T/submit.out"
assert_grep '[-][-]array=1-2%100 .*PACTAUDIT_TASK_OFFSET=0 ' "$T/sbatch.log"
assert_grep '[-][-]array=1-1%100 .*PACTAUDIT_TASK_OFFSET=2 ' "$T/sbatch.log"
assert_grep '[-][-]dependency=afterany:1001:1002 ' "$T/sbatch.log"
# the settings of the submission, with a copy of the keyring
for kv in as_of=2027-12-02 rev=submission per_task=2 dossiers=6 tasks=3 \
    "keyring=$O/keyring.asc" "tool=pactaudit " "rules=[^ ]+ [0-9a-f]{64}$"; do
	assert_grep "^$kv" "$O/settings"
done
cmp -s "$C/keyring.asc" "$O/keyring.asc" || pa_fail "the keyring was not copied"
# one check per task, with a node-local cache removed at exit
[ ! -e "$T/shared-cache" ] || pa_fail "a task used the submitting shell's XDG_CACHE_HOME"
[ -z "$(ls "$T/tmp")" ] || pa_fail "a task left its cache folder: $(ls "$T/tmp")"
[ "$(ls "$O/results" | tr '\n' ' ')" = "main-000001.xml main-000003.xml " ] ||
    { ls "$O/results" >&2; cat "$T/jobs.out" >&2; pa_fail "expected the results of tasks 1 and 3"; }
assert_xpath 2 '/r:results-set/r:results' "$O/results/main-000001.xml"
assert_grep 'task 1001-2 lost' "$T/jobs.out"
# gather: reports of what was audited, the missing dossiers listed, exit 1
assert_grep 'job 1003 gather.sbatch exit 1' "$T/jobs.out"
assert_grep 'gather: 4 of 6 dossiers audited, 0 could not be audited, 2 missing' "$T/jobs.out"
[ "$(cat "$O/missing.txt")" = "$(printf '3 %s\n4 %s' "$T/dossiers/broken" "$T/dossiers/sentimetria")" ] ||
    { cat "$O/missing.txt" >&2; pa_fail "missing.txt is wrong"; }
[ ! -s "$O/failed.txt" ] || pa_fail "failed.txt lists dossiers when none failed"
assert_grep '^INCOMPLETE: 4 of 6 dossiers audited' "$O/call.txt"
assert_grep "^  4 $T/dossiers/sentimetria" "$O/call.txt"
assert_xpath 4 '/r:results-set/r:results' "$O/call.xml"
for f in call.html call.csv call.json; do
	[ -s "$O/$f" ] || pa_fail "gather did not write $f"
done
python3 -c 'import json, sys; json.load(open(sys.argv[1]))' "$O/call.json" 2>/dev/null ||
    ! command -v python3 >/dev/null || pa_fail "call.json is not JSON"
# the merged reports themselves name the missing dossiers
for d in broken sentimetria; do
	assert_grep "^\"$T/dossiers/$d\",\"\",\"2027-12-02\",\"not-audited\",.*\"missing: no task finished it" "$O/call.csv"
	assert_grep "<li><code>$T/dossiers/$d</code>: missing" "$O/call.html"
done
assert_grep 'INCOMPLETE: 2 of 6 dossiers not audited' "$O/call.html"
if command -v python3 >/dev/null; then
	python3 - "$O/call.json" "$T/dossiers" <<'PY' || pa_fail "call.json does not name the missing dossiers"
import json, sys
call, root = json.load(open(sys.argv[1])), sys.argv[2]
assert len(call) == 6, len(call)
gone = sorted(d["dossier"]["path"] for d in call if d["verdict"] is None)
assert gone == [root + "/broken", root + "/sentimetria"], gone
assert all("missing" in d["error"] for d in call if d["verdict"] is None)
PY
fi

# a task run again ignores the environment: the same date and lines
slurm env PACTAUDIT_OUT="$O" SLURM_ARRAY_TASK_ID=1 PACTAUDIT_AS_OF=2030-01-01 \
    PACTAUDIT_PER_TASK=1 sh "$contrib/slurm/audit-call.sbatch" >"$T/task.out" 2>&1 ||
    { cat "$T/task.out" >&2; pa_fail "re-running task 1 failed"; }
assert_xpath 2 '/r:results-set/r:results[r:as-of = "2027-12-02"]' "$O/results/main-000001.xml"
assert_grep '^task main-1: start on .*restart 0' "$T/task.out"
# a changed list is refused
cp "$O/dossiers.txt" "$T/list.keep"
echo "$T/dossiers/voxara" >>"$O/dossiers.txt"
assert_exit 2 env PACTAUDIT_OUT="$O" SLURM_ARRAY_TASK_ID=1 sh "$contrib/slurm/audit-call.sbatch"
assert_grep 'changed since submission' "$T/err"
cp "$T/list.keep" "$O/dossiers.txt"
# results at another as-of date are refused by gather (exit 2), nothing merged
"$PACTAUDIT" check --format xml -o "$O/results/x-000001.xml" --rev submission \
    --as-of 2027-01-01 --keyring "$C/keyring.asc" "$T/dossiers/sentimetria" >/dev/null || true
echo "4 audited" >"$O/status/x-000001"
cp "$O/call.xml" "$T/call.xml.keep"
assert_exit 2 env PACTAUDIT_OUT="$O" sh "$contrib/slurm/gather.sbatch"
assert_grep 'as-of dates 2027-01-01 2027-12-02' "$T/err"
cmp -s "$O/call.xml" "$T/call.xml.keep" || pa_fail "gather replaced call.xml despite mixed dates"
rm "$O/results/x-000001.xml" "$O/status/x-000001"

# resubmit.sh re-runs exactly the two missing dossiers; broken cannot be audited
: >"$T/jobs.out"
slurm sh "$contrib/slurm/resubmit.sh" "$O" >"$T/resubmit.out" 2>"$T/err" ||
    { cat "$T/err" >&2; pa_fail "resubmit.sh failed"; }
assert_grep '^2 dossier\(s\) again, as batch retry1' "$T/resubmit.out"
[ "$(cat "$O/batches/retry1.txt")" = "$(printf '3\n4')" ] || pa_fail "retry1 is not lines 3 and 4"
assert_grep "^4 $T/dossiers/sentimetria: audited" "$T/jobs.out"
assert_grep "^3 $T/dossiers/broken: could not be audited: .*submission" "$T/jobs.out"
assert_grep 'gather: 5 of 6 dossiers audited, 1 could not be audited, 0 missing' "$T/jobs.out"
assert_grep 'gather.sbatch exit 1' "$T/jobs.out"
[ "$(cat "$O/failed.txt")" = "3 $T/dossiers/broken" ] || pa_fail "failed.txt is wrong"
assert_grep 'submission' "$O/failed/000003-broken.err"
assert_grep "^  3 $T/dossiers/broken" "$O/call.txt"
assert_grep "^\"$T/dossiers/broken\",.*\"not-audited\",.*\"could not be audited" "$O/call.csv"
assert_no_grep "sentimetria\",\"\",\"2027-12-02\",\"not-audited\"" "$O/call.csv"
# the dossier repaired, a second resubmission completes the call: exit 0
pa_git -C "$T/dossiers/broken" tag submission
: >"$T/jobs.out"
slurm sh "$contrib/slurm/resubmit.sh" "$O" >"$T/resubmit.out" 2>"$T/err" ||
    { cat "$T/err" >&2; pa_fail "resubmit.sh failed"; }
assert_grep '^1 dossier\(s\) again, as batch retry2' "$T/resubmit.out"
assert_grep 'gather: 6 of 6 dossiers audited, 0 could not be audited, 0 missing' "$T/jobs.out"
assert_grep 'gather.sbatch exit 0' "$T/jobs.out"
[ ! -s "$O/missing.txt" ] && [ ! -s "$O/failed.txt" ] || pa_fail "a complete call still lists dossiers"
[ ! -e "$O/failed/000003-broken.err" ] || pa_fail "the repaired dossier is still in failed/"
assert_no_grep 'INCOMPLETE' "$O/call.txt"
assert_xpath 6 '/r:results-set/r:results' "$O/call.xml"
assert_xpath 1 "/r:results-set/r:results[r:dossier/@path = '$T/dossiers/sentimetria'][r:verdict = 'ineligible']" "$O/call.xml"
assert_xpath 1 "/r:results-set/r:results[r:dossier/@path = '$T/dossiers/arkisto'][r:verdict = 'eligible']" "$O/call.xml"
for d in arkisto talentra aurore voxara sentimetria broken; do
	assert_grep "$d" "$O/call.csv"
done
slurm sh "$contrib/slurm/resubmit.sh" "$O" >"$T/resubmit.out" 2>"$T/err" ||
    pa_fail "resubmit.sh of a complete call failed"
assert_grep '^nothing to re-run' "$T/resubmit.out"
# a second submission into the same folder is refused
assert_exit 2 slurm sh "$contrib/slurm/submit.sh" "$T/dossiers" "$O"
assert_grep 'already holds a submitted call' "$T/err"
echo "contrib: ok"

#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# pactaudit init: a complete, schema-valid skeleton that never overwrites by accident.
. "$top_srcdir/tests/lib/testlib.sh"
set -e
pa_tmp

tpl="$top_srcdir/rules/templates/init"
schemas="$top_srcdir/rules/schema"
export SOURCE_DATE_EPOCH=1780272000	# 2026-06-01T00:00:00Z
NAME='Ärkki & <Co> "Kuva" Oy'

# the files a skeleton holds, from the templates themselves
(cd "$tpl" && find . -type f | sed 's|^\./||' | LC_ALL=C sort) >"$T/want"
[ "$(wc -l <"$T/want")" -ge 10 ] || pa_fail "too few templates in $tpl"
for f in application.xml pact/commitments.xml pact/signers.xml README.md \
    models/example-model/README.md datasets/example-dataset/README.md; do
	grep -qx "$f" "$T/want" || pa_fail "no template for $f"
done
[ "$(grep -c '^docs/.*\.md$' "$T/want")" -ge 5 ] || pa_fail "too few starter documents"

# every template is installed: examples/local.mk lists each one
sed -n 's|^[[:space:]]*rules/templates/init/\([^ \\]*\).*|\1|p' \
    "$top_srcdir/examples/local.mk" | LC_ALL=C sort >"$T/listed"
cmp -s "$T/want" "$T/listed" || {
	diff "$T/want" "$T/listed" >&2 || true
	pa_fail "examples/local.mk does not list exactly the templates"
}

# --help and usage errors
assert_exit 0 "$PACTAUDIT" init --help
assert_grep '[-][-]force' "$T/out"
assert_exit 2 "$PACTAUDIT" init "$T/a" "$T/b"
assert_grep 'one folder' "$T/err"
assert_exit 2 "$PACTAUDIT" init --country FRA "$T/x"
assert_exit 2 "$PACTAUDIT" init --country 1x "$T/x"
assert_exit 2 "$PACTAUDIT" init --name "$(printf 'bad\033[31mname')" "$T/x"
assert_exit 2 "$PACTAUDIT" init --bogus "$T/x"
[ ! -e "$T/x" ] || pa_fail "a refused init created $T/x"
: >"$T/plainfile"
assert_exit 2 "$PACTAUDIT" init "$T/plainfile"
assert_grep 'not a folder' "$T/err"

# a new, nested folder is created and filled
D="$T/new/dossier"
assert_exit 0 "$PACTAUDIT" init --name "$NAME" --country "fi" "$D"
(cd "$D" && find . -type f | sed 's|^\./||' | LC_ALL=C sort) >"$T/got"
cmp -s "$T/want" "$T/got" || { diff "$T/want" "$T/got" >&2; pa_fail "skeleton differs from templates"; }
assert_grep 'pact sign' "$T/out"

# values filled in, XML-escaped, placeholders gone
assert_xpath 1 "/a:application/a:applicant[a:legal-name='Ärkki & <Co> \"Kuva\" Oy'][a:country='FI']" \
    "$D/application.xml"
got=$(xmllint --xpath 'string(/*[local-name()="commitments"]/*[local-name()="organisation"])' \
    "$D/pact/commitments.xml")
[ "$got" = "$NAME" ] || pa_fail "organisation is '$got'"
got=$(xmllint --xpath 'string(/*[local-name()="commitments"]/*[local-name()="signed-on"])' \
    "$D/pact/commitments.xml")
[ "$got" = "2026-06-01" ] || pa_fail "signed-on is '$got', expected SOURCE_DATE_EPOCH's day"
assert_grep "Developed by:\*\* $NAME" "$D/models/example-model/README.md"
if grep -rn '@[A-Z_]*@' "$D"; then pa_fail "a template token was left in the skeleton"; fi

# the defaults: a valid country and name without options
assert_exit 0 "$PACTAUDIT" init "$T/defaults"
assert_xpath 1 "/a:application/a:applicant[string-length(a:legal-name) > 0][string-length(a:country) = 2]" \
    "$T/defaults/application.xml"

# every XML file is well-formed and valid against its schema
for pair in application.xml:application.rng pact/commitments.xml:commitments.rng \
    pact/signers.xml:signers.rng; do
	f=${pair%%:*}
	rng="$schemas/${pair#*:}"
	xmllint --noout "$D/$f" 2>"$T/err" || { cat "$T/err" >&2; pa_fail "$f is not well-formed"; }
	if [ -f "$rng" ]; then
		xmllint --noout --relaxng "$rng" "$D/$f" 2>"$T/err" ||
		    { cat "$T/err" >&2; pa_fail "$f does not validate against $rng"; }
	else
		echo "note: no $rng yet; $f only checked for well-formedness"
	fi
done

# every element of the application schema is shown to the applicant
# (as an element or inside a comment)
if [ -f "$schemas/application.rng" ]; then
	sed -n 's/.*<element name="\([a-z-]*\)".*/\1/p' "$schemas/application.rng" |
	    sort -u >"$T/elements"
	[ -s "$T/elements" ] || pa_fail "no element names read from application.rng"
	while read -r el; do
		grep -q "<${el}[ >/]" "$D/application.xml" ||
		    pa_fail "application.xml skeleton does not show <$el>"
	done <"$T/elements"
fi

# every documentation reference and the model reference point to a skeleton file
xmllint --xpath '//*[local-name()="documentation"]/@ref' "$D/application.xml" |
    sed 's/ ref="\([^"]*\)"/\1\n/g' | sed '/^$/d' >"$T/refs"
[ -s "$T/refs" ] || pa_fail "no documentation references"
while read -r ref; do
	[ -f "$D/$ref" ] || pa_fail "application.xml refers to missing $ref"
done <"$T/refs"
model=$(xmllint --xpath 'string(//*[local-name()="model"]/@ref)' "$D/application.xml")
[ -f "$D/$model/README.md" ] || pa_fail "model $model has no card"

# cards: YAML front matter with the keys applicants most often forget
for card in models/example-model/README.md datasets/example-dataset/README.md; do
	[ "$(head -n 1 "$D/$card")" = "---" ] || pa_fail "$card does not start with front matter"
	assert_grep '^license: ' "$D/$card"
	if command -v python3 >/dev/null && python3 -c 'import yaml' 2>/dev/null; then
		python3 - "$D/$card" <<'EOF' || pa_fail "$card: front matter is not YAML"
import sys, yaml
text = open(sys.argv[1], encoding="utf-8").read()
fm = text.split("---\n")[1]
data = yaml.safe_load(fm)
assert isinstance(data, dict) and data.get("license"), data
EOF
	fi
done
assert_grep '^base_model: ' "$D/models/example-model/README.md"
assert_grep '^datasets:' "$D/models/example-model/README.md"
assert_grep '^## Training Details' "$D/models/example-model/README.md"
assert_grep '^## Environmental Impact' "$D/models/example-model/README.md"
assert_grep '^## Dataset Creation' "$D/datasets/example-dataset/README.md"
for id in ai-governance-strategy high-risk-mapping ai-literacy; do
	assert_xpath 1 "/*[local-name()='commitments']/*[local-name()='core'][@id='$id']" \
	    "$D/pact/commitments.xml"
done
assert_grep 'pactaudit pact sign' "$D/README.md"
assert_grep 'pactaudit check \.' "$D/README.md"

# a second init refuses, names the file, writes nothing
echo "my own notes" >>"$D/docs/risk-management.md"
cksum "$D/application.xml" "$D/docs/risk-management.md" >"$T/sum1"
assert_exit 2 "$PACTAUDIT" init --name Other "$D"
assert_grep 'already exist' "$T/err"
assert_grep '[-][-]force' "$T/err"
[ "$(wc -l <"$T/err")" -eq 1 ] || pa_fail "expected one line on stderr"
cksum "$D/application.xml" "$D/docs/risk-management.md" >"$T/sum2"
cmp -s "$T/sum1" "$T/sum2" || pa_fail "a refused init changed files"

# with only one file left, the refusal names exactly that file and
# recreates none of the others
(cd "$D" && find . -type f ! -name application.xml -exec rm {} +)
assert_exit 2 "$PACTAUDIT" init "$D"
assert_grep "'$D/application.xml' already exists" "$T/err"
[ ! -e "$D/README.md" ] || pa_fail "a refused init wrote README.md"

# --force rewrites everything, other files in the folder are left alone
echo "print('model code')" >"$D/train.py"
echo "<broken" >"$D/application.xml"
assert_exit 0 "$PACTAUDIT" init --force --name "$NAME" --country FI "$D"
(cd "$D" && find . -type f ! -name train.py | sed 's|^\./||' | LC_ALL=C sort) >"$T/got"
cmp -s "$T/want" "$T/got" || pa_fail "--force did not restore the skeleton"
xmllint --noout "$D/application.xml" || pa_fail "--force did not rewrite application.xml"
assert_grep 'model code' "$D/train.py"

# --force never replaces a folder by a file
rm "$D/docs/risk-management.md"
mkdir "$D/docs/risk-management.md"
assert_exit 2 "$PACTAUDIT" init --force "$D"
assert_grep 'is a folder' "$T/err"
rmdir "$D/docs/risk-management.md"

# the default folder is the current one
mkdir "$T/here"
(cd "$T/here" && "$PACTAUDIT" init >/dev/null) || pa_fail "init in . failed"
[ -f "$T/here/application.xml" ] && [ -f "$T/here/pact/signers.xml" ] ||
    pa_fail "init without DIR did not write into the current folder"

# no input diagnostics from the evidence, as a folder and as a git repository
assert_exit 0 "$PACTAUDIT" init --name "$NAME" --country FI "$T/ev"
assert_exit 0 "$PACTAUDIT" evidence "$T/ev"
cp "$T/out" "$T/evidence.xml"
assert_xpath 0 '//e:diagnostics/e:diag' "$T/evidence.xml"
assert_xpath 1 '/e:evidence/e:application' "$T/evidence.xml"
assert_xpath 1 '//e:model[@id="example-model"]' "$T/evidence.xml"
assert_xpath 1 '//e:dataset[@id="example-dataset"]' "$T/evidence.xml"
assert_xpath 3 '/e:evidence/e:pact/e:core' "$T/evidence.xml"
assert_xpath 1 '/e:evidence/e:signers/e:signer' "$T/evidence.xml"
pa_repo "$T/evgit" "$T/ev" >/dev/null
assert_exit 0 "$PACTAUDIT" evidence "$T/evgit"
cp "$T/out" "$T/evidence-git.xml"
assert_xpath 0 '//e:diagnostics/e:diag' "$T/evidence-git.xml"

# a check of the fresh skeleton finds nothing wrong with its form: the open
# errors are about signing (SIG-*, PACT-SIG), which init cannot do
set +e
"$PACTAUDIT" check --format xml "$T/evgit" >"$T/check.xml" 2>"$T/err"
rc=$?
set -e
[ "$rc" -eq 1 ] || { cat "$T/err" >&2; pa_fail "check of the skeleton exited $rc, expected 1 (unsigned)"; }
assert_xpath 0 "//r:finding[@status = 'open'][@severity = 'error' or @severity = 'blocker'][not(starts-with(@rule, 'SIG-') or starts-with(@rule, 'PACT-SIG') or starts-with(@rule, 'SUBST-'))]" \
    "$T/check.xml"
assert_xpath 0 "//r:finding[starts-with(@rule, 'INPUT-')]" "$T/check.xml"
# the workflow the dossier's README.md describes: put a real key's
# fingerprint in place, sign the pledge with 'pactaudit pact sign', commit
# signed: the signatures are then good, and what is left is the
# templates' text and values (tests/cli/init-placeholder.sh)
pa_gpg_home
fpr=$(pa_gpg_key "Jane Doe")
assert_exit 0 "$PACTAUDIT" init --name "Acme Vision SAS" --country FR "$T/signed"
pa_init_key "$T/signed" "$fpr"
(cd "$T/signed" && "$PACTAUDIT" pact sign >/dev/null) || pa_fail "pact sign failed on the skeleton"
pa_git -C "$T/signed" init -q
pa_git -C "$T/signed" add -A
pa_git -C "$T/signed" -c user.signingkey="$fpr" commit -q -S -m "Start the dossier" ||
    pa_fail "cannot make a signed commit"
assert_exit 1 "$PACTAUDIT" check --format xml "$T/signed"
cp "$T/out" "$T/signed.xml"
assert_xpath 1 "/r:results[r:verdict = 'needs-changes']" "$T/signed.xml"
assert_xpath 0 "//r:signature[@status != 'good']" "$T/signed.xml"
assert_xpath 0 "//r:finding[@status = 'open'][@severity != 'info'][not(starts-with(@rule, 'SUBST-'))]" "$T/signed.xml"
echo "init: ok"

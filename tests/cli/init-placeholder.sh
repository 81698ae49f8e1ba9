#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# An untouched `pactaudit init` dossier, its fingerprints filled in, signed
# and committed, is not eligible: one finding per document, card, section
# or value that still holds the templates' text.  Filled in, it is.
. "$top_srcdir/tests/lib/testlib.sh"
set -e
pa_tmp
command -v gpg >/dev/null 2>&1 || pa_skip "gpg is needed"
command -v xsltproc >/dev/null 2>&1 || pa_skip "xsltproc is needed"
export SOURCE_DATE_EPOCH=1811808000	# 2027-06-01T00:00:00Z: no progress report is due by $AS_OF
AS_OF=2028-01-01

pa_gpg_home
fpr=$(pa_gpg_key "Jane Doe")
D="$T/acme"

# the workflow the dossier's README.md describes, and nothing more
assert_exit 0 "$PACTAUDIT" init --name "Acme Vision SAS" --country FR "$D"
pa_init_key "$D" "$fpr"
sign_and_commit() {
	(cd "$D" && "$PACTAUDIT" pact sign --replace >/dev/null) || pa_fail "pact sign failed"
	[ -d "$D/.git" ] || pa_git -C "$D" init -q
	pa_git -C "$D" add -A
	pa_git -C "$D" -c user.signingkey="$fpr" commit -q -S -m "$1" ||
	    pa_fail "cannot make a signed commit"
}
sign_and_commit "Start the dossier"

# every finding above info as "severity rule path anchor-or-line", sorted
cat >"$T/list.xsl" <<'EOF'
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:r="urn:pactaudit:results:1">
  <xsl:output method="text"/>
  <xsl:template match="/">
    <xsl:for-each select="//r:finding[@status = 'open'][@severity != 'info']">
      <xsl:value-of select="concat(@severity, ' ', @rule, ' ', @path, ' ')"/>
      <xsl:choose>
        <xsl:when test="@anchor"><xsl:value-of select="@anchor"/></xsl:when>
        <xsl:otherwise><xsl:value-of select="@line"/></xsl:otherwise>
      </xsl:choose>
      <xsl:text>&#10;</xsl:text>
    </xsl:for-each>
  </xsl:template>
</xsl:stylesheet>
EOF

assert_exit 1 "$PACTAUDIT" check --no-cache --format xml --as-of "$AS_OF" "$D"
cp "$T/out" "$T/untouched.xml"
assert_xpath 1 "/r:results[r:verdict = 'needs-changes']" "$T/untouched.xml"
assert_xpath 0 "//r:signature[@status != 'good']" "$T/untouched.xml"
# every one of them is a heuristic of the substance pack
grep -o "<finding [^>]*" "$T/untouched.xml" | grep -v "severity=.info" | grep -v "rule=.SUBST-" >&2 || true
assert_xpath 0 "//r:finding[@severity != 'info'][not(starts-with(@rule, 'SUBST-'))]" "$T/untouched.xml"
assert_xpath 0 "//r:finding[starts-with(@rule, 'SUBST-')][not(@heuristic = 'true')][@rule != 'SUBST-DATASET-CARD' and @rule != 'SUBST-BASE-LICENCE']" \
    "$T/untouched.xml"
xsltproc "$T/list.xsl" "$T/untouched.xml" | LC_ALL=C sort >"$T/got"
LC_ALL=C sort >"$T/want" <<'EOF'
error SUBST-CARD datasets/example-dataset/README.md 1
error SUBST-CARD models/example-model/README.md 1
error SUBST-EXAMPLE-ID application.xml system[example-system]
error SUBST-EXAMPLE-ID application.xml system[example-system]/model
error SUBST-EXAMPLE-ID models/example-model/README.md base_model
error SUBST-EXAMPLE-ID models/example-model/README.md datasets[0]
error SUBST-FIELD application.xml applicant/contact/email[contact@example.com]
error SUBST-FIELD application.xml applicant/contact/name[Name of the contact person]
error SUBST-FIELD application.xml signatories/signatory/email[signatory@example.com]
error SUBST-FIELD application.xml signatories/signatory/name[Name of the signatory]
error SUBST-FIELD application.xml system[example-system]/name[Example system]
error SUBST-FIELD application.xml system[example-system]/purpose
error SUBST-PACT-NAME pact/commitments.xml signatory[Name of the signatory]
error SUBST-PACT-NAME pact/signers.xml signer[Name of the signatory]
warning SUBST-DOC-NAMED docs/acceptable-use-policy.md 1
warning SUBST-DOC-NAMED docs/copyright-policy.md 1
warning SUBST-DOC-NAMED docs/data-governance.md 1
warning SUBST-DOC-NAMED docs/human-oversight.md 1
warning SUBST-DOC-NAMED docs/instructions-for-use.md 1
warning SUBST-DOC-NAMED docs/risk-management.md 1
warning SUBST-DOC-NAMED docs/technical-documentation.md 1
warning SUBST-DOC-NAMED docs/training-content-summary.md 1
warning SUBST-DOC-NAMED docs/transparency-notice.md 1
EOF
cmp -s "$T/want" "$T/got" || {
	diff "$T/want" "$T/got" >&2 || true
	pa_fail "the untouched skeleton does not give one finding per untouched document, card, section and value"
}

# the same skeleton declared high-risk (Annex III point 4(a), on the EU
# market): its Chapter III documents are now required, so each untouched
# one is an error, not a warning
sed -e 's|<use-case>other</use-case>|<use-case>annex3-4a</use-case>|' \
    -e 's|<deployment>internal</deployment>|<deployment>eu-market</deployment>|' \
    "$D/application.xml" >"$T/f.tmp"
mv "$T/f.tmp" "$D/application.xml"
sign_and_commit "A CV-screening system"
assert_exit 1 "$PACTAUDIT" check --no-cache --format xml --as-of "$AS_OF" "$D"
cp "$T/out" "$T/high.xml"
for doc in risk-management data-governance technical-documentation \
    instructions-for-use human-oversight; do
	assert_xpath 1 "//r:finding[@rule = 'SUBST-DOC-REQUIRED'][@severity = 'error'][@path = 'docs/$doc.md']" \
	    "$T/high.xml"
	assert_xpath 0 "//r:finding[@rule = 'SUBST-DOC-NAMED'][@path = 'docs/$doc.md']" "$T/high.xml"
done
pa_git -C "$D" reset -q --hard HEAD~1

# filled in: real values, a card and a document that say something, the
# documents the system does not need deleted; then it is eligible
sed -e 's|Name of the contact person|Marie Curie|' -e 's|contact@example.com|marie.curie@acme-vision.eu|' \
    -e 's|Name of the signatory|Jane Doe|' -e 's|signatory@example.com|jane.doe@example.org|' \
    -e 's|example-system|vision-qc|g' -e 's|models/example-model|models/acme-qc|' \
    -e 's|<name>Example system</name>|<name>Visual quality control</name>|' \
    -e 's|Describe what the system does, for whom, and what its output is used for.|Finds scratches on machined parts in photographs taken on our production line.|' \
    -e '/<documentation kind=/d' \
    "$D/application.xml" >"$T/f.tmp"
mv "$T/f.tmp" "$D/application.xml"
sed 's|<model ref="models/acme-qc"/>|&\n    <documentation kind="technical-documentation" ref="docs/technical-documentation.md"/>|' \
    "$D/application.xml" >"$T/f.tmp"
mv "$T/f.tmp" "$D/application.xml"
for f in pact/commitments.xml pact/signers.xml; do
	sed 's|Name of the signatory|Jane Doe|; s|signatory@example.com|jane.doe@example.org|' "$D/$f" >"$T/f.tmp"
	mv "$T/f.tmp" "$D/$f"
done
rm -rf "$D/docs" "$D/models/example-model" "$D/datasets/example-dataset"
mkdir -p "$D/docs" "$D/models/acme-qc" "$D/datasets/part-photos"
cat >"$D/models/acme-qc/README.md" <<'EOF'
---
license: apache-2.0
pipeline_tag: image-classification
datasets:
  - part-photos
---

# Model Card for acme-qc

A small convolutional network that flags scratched parts in photographs.

## Training Details

### Training Data

Forty thousand labelled photographs of our own parts (datasets/part-photos).
EOF
cat >"$D/datasets/part-photos/README.md" <<'EOF'
---
license: cc-by-4.0
---

# Dataset Card for part-photos

Photographs of machined parts taken on our line in 2026, labelled by inspectors.
EOF
cat >"$D/docs/technical-documentation.md" <<'EOF'
# Technical documentation

## 1. General description

A classifier of part photographs, used on our own production line only.
EOF
sed 's|<generative>true</generative>|<generative>false</generative>|; s|<base-compute>1.2e22</base-compute>|<base-compute>0</base-compute>|' \
    "$D/application.xml" >"$T/f.tmp"
mv "$T/f.tmp" "$D/application.xml"
sign_and_commit "Fill in the dossier"
assert_exit 0 "$PACTAUDIT" check --no-cache --format xml --as-of "$AS_OF" "$D"
cp "$T/out" "$T/filled.xml"
assert_xpath 1 "/r:results[r:verdict = 'eligible']" "$T/filled.xml"
assert_xpath 0 "//r:finding[@status = 'open'][@severity != 'info']" "$T/filled.xml"
echo "init-placeholder: ok"

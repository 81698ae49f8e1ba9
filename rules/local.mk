# SPDX-License-Identifier: GPL-3.0-or-later
# Rule packs, schemas, vocabularies and data tables, installed under $(pkgdatadir)/rules.
# One line per pack file.

# schemas
nobase_dist_pkgdata_DATA += \
	rules/schema/allocation.rng \
	rules/schema/application.rng \
	rules/schema/call.rng \
	rules/schema/commitments.rng \
	rules/schema/evidence.rng \
	rules/schema/results.rng \
	rules/schema/rules.rng \
	rules/schema/signers.rng

# SPDX licence lists and facts (parse/licdb.c)
nobase_dist_pkgdata_DATA += \
	rules/spdx/licenses.json \
	rules/spdx/exceptions.json \
	rules/spdx/hf-licenses.json \
	rules/spdx/facts.json \
	rules/spdx/VERSION

# vocabularies and data tables
nobase_dist_pkgdata_DATA += rules/vocab/use-cases.xml
nobase_dist_pkgdata_DATA += rules/vocab/doc-kinds.xml
nobase_dist_pkgdata_DATA += rules/vocab/provisions.xml
nobase_dist_pkgdata_DATA += rules/data/accelerators.xml
nobase_dist_pkgdata_DATA += rules/coverage.xsl

# rule packs
nobase_dist_pkgdata_DATA += rules/input.xml
nobase_dist_pkgdata_DATA += rules/aia-art4.xml
nobase_dist_pkgdata_DATA += rules/aia-art5.xml
nobase_dist_pkgdata_DATA += rules/aia-art6.xml
nobase_dist_pkgdata_DATA += rules/aia-art50.xml
nobase_dist_pkgdata_DATA += rules/aia-highrisk.xml
nobase_dist_pkgdata_DATA += rules/vocab/countries.xml
nobase_dist_pkgdata_DATA += rules/gpai.xml
nobase_dist_pkgdata_DATA += rules/licences.xml
nobase_dist_pkgdata_DATA += rules/pact.xml
nobase_dist_pkgdata_DATA += rules/signatures.xml
nobase_dist_pkgdata_DATA += rules/compute.xml
nobase_dist_pkgdata_DATA += rules/substance.xml

# the tests of the packs
TESTS += tests/style/coverage.sh tests/cli/rule-fixtures.sh
EXTRA_DIST += tests/rules

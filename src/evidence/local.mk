# SPDX-License-Identifier: GPL-3.0-or-later
# evidence/: the evidence document; also the readers of the dossier's own XML
# files (parse/application.c), their schemas, and the tests of dossier/ and
# the hardened XML entry point.
src_libpactaudit_a_SOURCES += \
	src/evidence/evidence.c src/evidence/evidence.h \
	src/evidence/sigxml.c src/evidence/sigxml.h \
	src/evidence/card.c src/evidence/card.h \
	src/evidence/substance.c src/evidence/substance.h \
	src/evidence/schema.c src/evidence/schema.h \
	src/evidence/xmlfile.c src/evidence/xmlfile.h \
	src/parse/application.c src/parse/application.h \
	src/cli/cmd_evidence.c

nobase_dist_pkgdata_DATA += \
	rules/schema/application.rng \
	rules/schema/evidence.rng \
	rules/schema/commitments.rng \
	rules/schema/signers.rng

check_PROGRAMS += tests/unit/test_dossier
TESTS += tests/unit/test_dossier
tests_unit_test_dossier_SOURCES = tests/unit/test_dossier.c tests/unit/gitrepo.h \
	tests/lib/cutest.h
tests_unit_test_dossier_CPPFLAGS = $(PA_TEST_CPPFLAGS)
tests_unit_test_dossier_LDADD = $(PA_TEST_LDADD)

check_PROGRAMS += tests/unit/test_xml
TESTS += tests/unit/test_xml
tests_unit_test_xml_SOURCES = tests/unit/test_xml.c tests/lib/cutest.h
tests_unit_test_xml_CPPFLAGS = $(PA_TEST_CPPFLAGS)
tests_unit_test_xml_LDADD = $(PA_TEST_LDADD)

check_PROGRAMS += tests/unit/test_evidence
TESTS += tests/unit/test_evidence
tests_unit_test_evidence_SOURCES = tests/unit/test_evidence.c tests/unit/gitrepo.h \
	tests/lib/cutest.h
tests_unit_test_evidence_CPPFLAGS = $(PA_TEST_CPPFLAGS)
tests_unit_test_evidence_LDADD = $(PA_TEST_LDADD)

TESTS += tests/cli/evidence.sh tests/cli/evidence-git.sh tests/cli/evidence-hostile.sh \
	tests/cli/evidence-man.sh

dist_man_MANS += man/pactaudit-evidence.1 man/pactaudit-application.5 man/pactaudit-pact.5

TESTS += tests/fuzz/application.fuzz

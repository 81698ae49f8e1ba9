# SPDX-License-Identifier: GPL-3.0-or-later
# evidence/: the evidence document (its element names, the schema check,
# the signature report as XML); its tests.
src_libpactaudit_a_SOURCES += \
	src/evidence/evidence.c src/evidence/evidence.h \
	src/evidence/sigxml.c src/evidence/sigxml.h \
	src/evidence/card.c src/evidence/card.h \
	src/evidence/substance.c src/evidence/substance.h \
	src/evidence/schema.c src/evidence/schema.h \
	src/evidence/xmlfile.c src/evidence/xmlfile.h

check_PROGRAMS += tests/unit/test_evidence
TESTS += tests/unit/test_evidence
tests_unit_test_evidence_SOURCES = tests/unit/test_evidence.c tests/unit/gitrepo.h \
	tests/lib/cutest.h
tests_unit_test_evidence_CPPFLAGS = $(PA_TEST_CPPFLAGS)
tests_unit_test_evidence_LDADD = $(PA_TEST_LDADD)

TESTS += tests/cli/evidence.sh tests/cli/evidence-git.sh tests/cli/evidence-hostile.sh \
	tests/cli/evidence-man.sh
TESTS += tests/fuzz/evidence.fuzz

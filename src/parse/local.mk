# SPDX-License-Identifier: GPL-3.0-or-later
# parse/: the hardened XML entry point, cards, front matter, SPDX expressions,
# licence facts and the dossier's own XML files; their tests and fuzz targets.
src_libpactaudit_a_SOURCES += \
	src/parse/application.c src/parse/application.h \
	src/parse/card.c src/parse/card.h \
	src/parse/evnode.c src/parse/evnode.h \
	src/parse/frontmatter.c src/parse/frontmatter.h \
	src/parse/licdb.c src/parse/licdb.h \
	src/parse/markdown.c src/parse/markdown.h \
	src/parse/spdx.c src/parse/spdx.h \
	src/parse/xml.c src/parse/xml.h

check_PROGRAMS += tests/unit/test_spdx tests/unit/test_card tests/unit/test_xml
TESTS += tests/unit/test_spdx tests/unit/test_card tests/unit/test_xml
tests_unit_test_spdx_SOURCES = tests/unit/test_spdx.c tests/lib/cutest.h
tests_unit_test_spdx_CPPFLAGS = $(PA_TEST_CPPFLAGS)
tests_unit_test_spdx_LDADD = $(PA_TEST_LDADD)
tests_unit_test_card_SOURCES = tests/unit/test_card.c tests/lib/cutest.h
tests_unit_test_card_CPPFLAGS = $(PA_TEST_CPPFLAGS)
tests_unit_test_card_LDADD = $(PA_TEST_LDADD)
tests_unit_test_xml_SOURCES = tests/unit/test_xml.c tests/lib/cutest.h
tests_unit_test_xml_CPPFLAGS = $(PA_TEST_CPPFLAGS)
tests_unit_test_xml_LDADD = $(PA_TEST_LDADD)

TESTS += tests/fuzz/frontmatter.fuzz tests/fuzz/spdx.fuzz tests/fuzz/application.fuzz

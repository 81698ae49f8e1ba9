# SPDX-License-Identifier: GPL-3.0-or-later
# render/: sources and tests of this module.
src_libpactaudit_a_SOURCES += \
	src/render/render.c src/render/render.h \
	src/render/writer.h \
	src/render/text.c src/render/json.c src/render/sarif.c \
	src/render/junit.c src/render/tap.c src/render/xml.c \
	src/render/xslt.c
# the command that renders results files
src_libpactaudit_a_SOURCES += src/cli/cmd_report.c

check_PROGRAMS += tests/unit/test_render
TESTS += tests/unit/test_render
tests_unit_test_render_SOURCES = tests/unit/test_render.c tests/lib/cutest.h
tests_unit_test_render_CPPFLAGS = $(PA_TEST_CPPFLAGS)
tests_unit_test_render_LDADD = $(PA_TEST_LDADD)
TESTS += tests/cli/report.sh tests/cli/report-golden.sh tests/cli/report-formats.sh \
	tests/cli/report-sarif.sh tests/cli/report-xslt-security.sh \
	tests/cli/report-invalid.sh
dist_man_MANS += man/pactaudit-report.1 man/pactaudit-formats.5
# pactaudit diff: the comparison is results/diff.c, its outputs render/diff.c
src_libpactaudit_a_SOURCES += src/render/diff.c src/cli/cmd_diff.c
nobase_dist_pkgdata_DATA += reports/diff-md.xsl reports/diff-html.xsl
dist_man_MANS += man/pactaudit-diff.1
TESTS += tests/cli/diff.sh

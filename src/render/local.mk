# SPDX-License-Identifier: GPL-3.0-or-later
# render/: the output formats of a results model; their tests.
src_libpactaudit_a_SOURCES += \
	src/render/render.c src/render/render.h \
	src/render/writer.h \
	src/render/text.c src/render/json.c src/render/sarif.c src/render/codequality.c \
	src/render/junit.c src/render/tap.c src/render/xml.c \
	src/render/xslt.c

check_PROGRAMS += tests/unit/test_render
TESTS += tests/unit/test_render
tests_unit_test_render_SOURCES = tests/unit/test_render.c tests/lib/cutest.h
tests_unit_test_render_CPPFLAGS = $(PA_TEST_CPPFLAGS)
tests_unit_test_render_LDADD = $(PA_TEST_LDADD)
TESTS += tests/cli/report.sh tests/cli/report-golden.sh tests/cli/report-formats.sh \
	tests/cli/report-sarif.sh tests/cli/report-xslt-security.sh \
	tests/cli/report-invalid.sh tests/cli/check-sarif-upload.sh tests/cli/report-browser.sh
# pactaudit diff: the comparison is results/diff.c, its outputs render/diff.c
src_libpactaudit_a_SOURCES += src/render/diff.c
TESTS += tests/cli/diff.sh

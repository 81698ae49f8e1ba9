# SPDX-License-Identifier: GPL-3.0-or-later
# results/: sources and tests of this module.
src_libpactaudit_a_SOURCES += \
	src/results/fingerprint.c \
	src/results/results.c src/results/results.h \
	src/results/read.c src/results/internal.h \
	src/results/diff.c src/results/diff.h

check_PROGRAMS += tests/unit/test_results
TESTS += tests/unit/test_results
tests_unit_test_results_SOURCES = tests/unit/test_results.c tests/lib/cutest.h
tests_unit_test_results_CPPFLAGS = $(PA_TEST_CPPFLAGS)
tests_unit_test_results_LDADD = $(PA_TEST_LDADD)
dist_man_MANS += man/pactaudit-results.5
nobase_dist_pkgdata_DATA += rules/schema/results.rng

check_PROGRAMS += tests/unit/test_diff
TESTS += tests/unit/test_diff
tests_unit_test_diff_SOURCES = tests/unit/test_diff.c tests/lib/cutest.h
tests_unit_test_diff_CPPFLAGS = $(PA_TEST_CPPFLAGS)
tests_unit_test_diff_LDADD = $(PA_TEST_LDADD)

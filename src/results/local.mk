# SPDX-License-Identifier: GPL-3.0-or-later
# results/: the one results model, its writer and its reader; their tests.
src_libpactaudit_a_SOURCES += \
	src/results/fingerprint.c \
	src/results/results.c src/results/results.h \
	src/results/read.c src/results/internal.h \
	src/results/amended.c src/results/inventory.c \
	src/results/diff.c src/results/diff.h

check_PROGRAMS += tests/unit/test_results
TESTS += tests/unit/test_results
tests_unit_test_results_SOURCES = tests/unit/test_results.c tests/lib/cutest.h
tests_unit_test_results_CPPFLAGS = $(PA_TEST_CPPFLAGS)
tests_unit_test_results_LDADD = $(PA_TEST_LDADD)

check_PROGRAMS += tests/unit/test_diff
TESTS += tests/unit/test_diff
tests_unit_test_diff_SOURCES = tests/unit/test_diff.c tests/lib/cutest.h
tests_unit_test_diff_CPPFLAGS = $(PA_TEST_CPPFLAGS)
tests_unit_test_diff_LDADD = $(PA_TEST_LDADD)
TESTS += tests/fuzz/results.fuzz

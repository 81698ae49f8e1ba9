# SPDX-License-Identifier: GPL-3.0-or-later
# allocate/: the allocation plan (a call policy over results, decisions and waivers).
src_libpactaudit_a_SOURCES += \
	src/allocate/allocate.h \
	src/allocate/applicants.c \
	src/allocate/output.c \
	src/allocate/plan.c \
	src/allocate/policy.c

check_PROGRAMS += tests/unit/test_allocate
TESTS += tests/unit/test_allocate tests/cli/allocate.sh tests/cli/allocate-slurmdbd.sh \
	tests/cli/report-plan.sh tests/fuzz/allocation.fuzz
tests_unit_test_allocate_SOURCES = tests/unit/test_allocate.c tests/lib/cutest.h
tests_unit_test_allocate_CPPFLAGS = $(PA_TEST_CPPFLAGS)
tests_unit_test_allocate_LDADD = $(PA_TEST_LDADD)

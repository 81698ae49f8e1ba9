# SPDX-License-Identifier: GPL-3.0-or-later
# ledger/: the auditor's decision ledger (a signed git repository) and waivers.
src_libpactaudit_a_SOURCES += \
	src/ledger/internal.h \
	src/ledger/ledger.c src/ledger/ledger.h \
	src/ledger/waiver.c src/ledger/waiver.h \
	src/ledger/amend.c src/ledger/amend.h
TESTS += tests/cli/ledger.sh tests/cli/check-waivers.sh

check_PROGRAMS += tests/unit/test_ledger
TESTS += tests/unit/test_ledger
tests_unit_test_ledger_SOURCES = tests/unit/test_ledger.c tests/lib/cutest.h
tests_unit_test_ledger_CPPFLAGS = $(PA_TEST_CPPFLAGS)
tests_unit_test_ledger_LDADD = $(PA_TEST_LDADD)

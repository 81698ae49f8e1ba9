# SPDX-License-Identifier: GPL-3.0-or-later
# ledger/: the auditor's decision ledger (a signed git repository) and waivers.
src_libpactaudit_a_SOURCES += \
	src/ledger/internal.h \
	src/ledger/ledger.c src/ledger/ledger.h \
	src/ledger/waiver.c src/ledger/waiver.h \
	src/ledger/amend.c src/ledger/amend.h
src_libpactaudit_a_SOURCES += src/cli/cmd_decide.c src/cli/cmd_ledger.c
dist_man_MANS += man/pactaudit-decide.1 man/pactaudit-waive.1 man/pactaudit-ledger.1 \
	man/pactaudit-waivers.5
TESTS += tests/cli/ledger.sh tests/cli/check-waivers.sh

check_PROGRAMS += tests/unit/test_ledger
TESTS += tests/unit/test_ledger
tests_unit_test_ledger_SOURCES = tests/unit/test_ledger.c tests/lib/cutest.h
tests_unit_test_ledger_CPPFLAGS = $(PA_TEST_CPPFLAGS)
tests_unit_test_ledger_LDADD = $(PA_TEST_LDADD)

# SPDX-License-Identifier: GPL-3.0-or-later
# ledger/: the auditor's decision ledger (a signed git repository) and waivers.
src_libpactaudit_a_SOURCES += \
	src/ledger/internal.h \
	src/ledger/ledger.c src/ledger/ledger.h \
	src/ledger/waiver.c src/ledger/waiver.h
src_libpactaudit_a_SOURCES += src/cli/cmd_decide.c src/cli/cmd_ledger.c
dist_man_MANS += man/pactaudit-decide.1 man/pactaudit-waive.1 man/pactaudit-ledger.1
TESTS += tests/cli/ledger.sh

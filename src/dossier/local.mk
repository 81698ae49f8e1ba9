# SPDX-License-Identifier: GPL-3.0-or-later
# dossier/: the audited tree (git or folder), its history walk, libgit2 set-up
# and errors; their tests.
src_libpactaudit_a_SOURCES += \
	src/dossier/init.c src/dossier/dossier.h \
	src/dossier/dossier.c src/dossier/internal.h src/dossier/tree.c \
	src/dossier/history.c src/dossier/history.h

check_PROGRAMS += tests/unit/test_dossier
TESTS += tests/unit/test_dossier
TESTS += tests/fuzz/gitrepo.fuzz tests/fuzz/folder.fuzz
tests_unit_test_dossier_SOURCES = tests/unit/test_dossier.c tests/unit/gitrepo.h \
	tests/lib/cutest.h
tests_unit_test_dossier_CPPFLAGS = $(PA_TEST_CPPFLAGS)
tests_unit_test_dossier_LDADD = $(PA_TEST_LDADD)

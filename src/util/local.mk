# SPDX-License-Identifier: GPL-3.0-or-later
src_libpactaudit_a_SOURCES += \
	src/util/alloc.c src/util/alloc.h \
	src/util/buf.c src/util/buf.h \
	src/util/cpu.c src/util/cpu.h \
	src/util/date.c src/util/date.h \
	src/util/datadir.c src/util/datadir.h \
	src/util/diag.c src/util/diag.h \
	src/util/digest.c src/util/digest.h \
	src/util/error.c src/util/error.h \
	src/util/cleanup.c src/util/cleanup.h \
	src/util/file.c src/util/file.h \
	src/util/limits.h \
	src/util/log.c src/util/log.h \
	src/util/record.c src/util/record.h \
	src/util/text.c src/util/text.h \
	src/util/vec.c src/util/vec.h

check_PROGRAMS += tests/unit/test_util
TESTS += tests/unit/test_util
tests_unit_test_util_SOURCES = tests/unit/test_util.c tests/lib/cutest.h
tests_unit_test_util_CPPFLAGS = $(PA_TEST_CPPFLAGS)
tests_unit_test_util_LDADD = $(PA_TEST_LDADD)

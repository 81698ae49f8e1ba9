# SPDX-License-Identifier: GPL-3.0-or-later
# sig/: sources and tests of this module.
src_libpactaudit_a_SOURCES += \
	src/sig/gpg.c src/sig/gpg.h \
	src/sig/sig.c src/sig/sig.h

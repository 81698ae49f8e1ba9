# SPDX-License-Identifier: GPL-3.0-or-later
# parse/: sources and tests of this module.
src_libpactaudit_a_SOURCES += \
	src/parse/evnode.c src/parse/evnode.h \
	src/parse/xml.c src/parse/xml.h

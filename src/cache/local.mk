# SPDX-License-Identifier: GPL-3.0-or-later
# cache/: sources and tests of this module.
src_libpactaudit_a_SOURCES += \
	src/cache/cache.c src/cache/cache.h

# SPDX-License-Identifier: GPL-3.0-or-later
# cache/: the on-disk cache (atomic entries, locking, eviction).
src_libpactaudit_a_SOURCES += \
	src/cache/cache.c src/cache/cache.h
TESTS += tests/fuzz/cache.fuzz

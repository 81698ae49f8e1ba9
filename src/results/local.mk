# SPDX-License-Identifier: GPL-3.0-or-later
# results/: sources and tests of this module.
src_libpactaudit_a_SOURCES += \
	src/results/fingerprint.c \
	src/results/results.c src/results/results.h

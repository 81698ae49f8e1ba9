# SPDX-License-Identifier: GPL-3.0-or-later
# render/: sources and tests of this module.
src_libpactaudit_a_SOURCES += \
	src/render/render.c src/render/render.h

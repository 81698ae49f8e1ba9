# SPDX-License-Identifier: GPL-3.0-or-later
# render/: sources and tests of this module.
src_libpactaudit_a_SOURCES += \
	src/render/render.c src/render/render.h \
	src/render/model.c src/render/model.h \
	src/render/text.c src/render/json.c src/render/sarif.c \
	src/render/junit.c src/render/tap.c src/render/xml.c \
	src/render/xslt.c
# the command that renders results files
src_libpactaudit_a_SOURCES += src/cli/cmd_report.c

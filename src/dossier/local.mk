# SPDX-License-Identifier: GPL-3.0-or-later
# dossier/: sources and tests of this module.
src_libpactaudit_a_SOURCES += \
	src/dossier/init.c src/dossier/dossier.h \
	src/dossier/dossier.c src/dossier/internal.h src/dossier/tree.c

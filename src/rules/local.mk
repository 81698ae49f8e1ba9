# SPDX-License-Identifier: GPL-3.0-or-later
# rules/: sources and tests of this module.
src_libpactaudit_a_SOURCES += \
	src/rules/classify.c src/rules/classify.h \
	src/rules/eval.c src/rules/eval.h \
	src/rules/pack.c src/rules/pack.h \
	src/rules/xpathfn.c src/rules/xpathfn.h
nobase_dist_pkgdata_DATA += rules/schema/rules.rng

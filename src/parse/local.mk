# SPDX-License-Identifier: GPL-3.0-or-later
# parse/: sources and tests of this module.
src_libpactaudit_a_SOURCES += \
	src/parse/evnode.c src/parse/evnode.h \
	src/parse/xml.c src/parse/xml.h

# cards, front matter, SPDX expressions, licence facts
src_libpactaudit_a_SOURCES += \
	src/parse/card.c src/parse/card.h \
	src/parse/frontmatter.c src/parse/frontmatter.h \
	src/parse/licdb.c src/parse/licdb.h \
	src/parse/spdx.c src/parse/spdx.h

nobase_dist_pkgdata_DATA += \
	rules/spdx/licenses.json \
	rules/spdx/exceptions.json \
	rules/spdx/hf-licenses.json \
	rules/spdx/facts.json \
	rules/spdx/VERSION

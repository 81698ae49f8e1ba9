# SPDX-License-Identifier: GPL-3.0-or-later
# audit/: the audit library (dossier -> evidence -> results, with the results cache).
src_libpactaudit_a_SOURCES += \
	src/audit/audit.c src/audit/audit.h

TESTS += tests/cli/check-cache-key.sh tests/cli/check-cache-safety.sh \
	tests/cli/check-cache-large.sh

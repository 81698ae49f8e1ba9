# SPDX-License-Identifier: GPL-3.0-or-later
# Command files (src/cli/cmd_<name>.c) are listed by the module that owns them.
src_libpactaudit_a_SOURCES += \
	src/cli/cmd.c src/cli/cmd.h \
	src/cli/evidence_at.c src/cli/evidence_at.h \
	src/cli/dossier_opt.c src/cli/dossier_opt.h \
	src/cli/opt.c src/cli/opt.h

# what -o may and may not replace, through every writer (util/file.c)
TESTS += tests/cli/output-safety.sh tests/cli/usage-hostile.sh tests/cli/init-symlink.sh \
	tests/cli/dossier-git-edge.sh

# SPDX-License-Identifier: GPL-3.0-or-later
# cli/: option parsing, the command table and one file per command
# (src/cli/cmd_<name>.c); the tests of the options and the output files.
src_libpactaudit_a_SOURCES += \
	src/cli/cmd.c src/cli/cmd.h \
	src/cli/evidence_at.c src/cli/evidence_at.h \
	src/cli/dossier_opt.c src/cli/dossier_opt.h \
	src/cli/ledger_opt.c src/cli/ledger_opt.h \
	src/cli/opt.c src/cli/opt.h \
	src/cli/output.c src/cli/output.h \
	src/cli/cmd_allocate.c \
	src/cli/cmd_check.c \
	src/cli/cmd_diff.c \
	src/cli/cmd_decide.c \
	src/cli/cmd_evidence.c \
	src/cli/cmd_init.c \
	src/cli/cmd_ledger.c \
	src/cli/cmd_pact.c \
	src/cli/cmd_report.c \
	src/cli/cmd_review.c \
	src/cli/cmd_rules.c

# what -o may and may not replace, through every writer (util/file.c)
TESTS += tests/cli/output-safety.sh tests/cli/usage-hostile.sh tests/cli/init-symlink.sh \
	tests/cli/dossier-git-edge.sh tests/cli/check-locate.sh tests/cli/check-signals.sh \
	tests/cli/cli-habits.sh
TESTS += tests/fuzz/cli.fuzz

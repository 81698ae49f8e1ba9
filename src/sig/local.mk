# SPDX-License-Identifier: GPL-3.0-or-later
# sig/: sources and tests of this module (with dossier/history.c, the
# libgit2 side of the trust checks, and the pact command).
src_libpactaudit_a_SOURCES += \
	src/sig/collect.c src/sig/factcache.c src/sig/internal.h \
	src/sig/facts.c src/sig/facts.h \
	src/sig/gpg.c src/sig/gpg.h \
	src/sig/policy.c src/sig/policy.h \
	src/sig/pool.c src/sig/pool.h \
	src/sig/registry.c src/sig/registry.h \
	src/sig/rnp.c src/sig/rnp.h \
	src/sig/sig.c src/sig/sig.h src/sig/split.c \
	src/sig/walk.c \
	src/dossier/history.c src/dossier/history.h \
	src/cli/cmd_pact.c

check_PROGRAMS += tests/unit/test_sig
tests_unit_test_sig_SOURCES = tests/unit/test_sig.c tests/lib/cutest.h
tests_unit_test_sig_CPPFLAGS = $(PA_TEST_CPPFLAGS)
tests_unit_test_sig_LDADD = $(PA_TEST_LDADD)
TESTS += tests/unit/test_sig \
	tests/cli/trust.sh tests/cli/trust-keys.sh tests/cli/trust-registry.sh \
	tests/cli/pact.sh tests/cli/trust-verifiers.sh tests/cli/trust-revocation.sh
dist_man_MANS += man/pactaudit-pact.1 man/pactaudit-registry.5 man/pactaudit-trust.7
TESTS += tests/fuzz/policy.fuzz

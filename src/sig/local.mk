# SPDX-License-Identifier: GPL-3.0-or-later
# sig/: collecting what to verify, the verifiers (GPGME, librnp, the worker
# pool), the fact cache, the signing policy and the trust walk; their tests.
src_libpactaudit_a_SOURCES += \
	src/sig/collect.c src/sig/factcache.c src/sig/internal.h \
	src/sig/facts.c src/sig/facts.h \
	src/sig/gpg.c src/sig/gpg.h \
	src/sig/policy.c src/sig/policy.h \
	src/sig/pool.c src/sig/pool.h \
	src/sig/registry.c src/sig/registry.h \
	src/sig/rnp.c src/sig/rnp.h \
	src/sig/sig.c src/sig/sig.h src/sig/split.c \
	src/sig/walk.c

check_PROGRAMS += tests/unit/test_sig
tests_unit_test_sig_SOURCES = tests/unit/test_sig.c tests/lib/cutest.h
tests_unit_test_sig_CPPFLAGS = $(PA_TEST_CPPFLAGS)
tests_unit_test_sig_LDADD = $(PA_TEST_LDADD)
TESTS += tests/unit/test_sig \
	tests/cli/trust.sh tests/cli/trust-keys.sh tests/cli/trust-registry.sh \
	tests/cli/pact.sh tests/cli/trust-verifiers.sh tests/cli/trust-revocation.sh
TESTS += tests/fuzz/policy.fuzz
TESTS += tests/fuzz/openpgp.fuzz
TESTS += tests/fuzz/registry.fuzz

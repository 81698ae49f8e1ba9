# SPDX-License-Identifier: GPL-3.0-or-later
# rules/: the rule-pack loader, XPath extension functions, classification
# and the evaluation engine; their tests.
src_libpactaudit_a_SOURCES += \
	src/rules/classify.c src/rules/classify.h \
	src/rules/eval.c src/rules/eval.h \
	src/rules/pack.c src/rules/pack.h \
	src/rules/packlint.c src/rules/packlint.h \
	src/rules/xpathcheck.c \
	src/rules/xpathfn.c src/rules/xpathfn.h

check_PROGRAMS += tests/unit/test_rules
tests_unit_test_rules_SOURCES = tests/unit/test_rules.c tests/lib/cutest.h
tests_unit_test_rules_CPPFLAGS = $(PA_TEST_CPPFLAGS)
tests_unit_test_rules_LDADD = $(PA_TEST_LDADD)
TESTS += tests/unit/test_rules \
	tests/cli/check.sh tests/cli/check-cache.sh tests/cli/check-jobs.sh tests/cli/rules.sh
TESTS += tests/fuzz/rules.fuzz

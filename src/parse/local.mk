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
	src/parse/markdown.c src/parse/markdown.h \
	src/parse/spdx.c src/parse/spdx.h

dist_man_MANS += man/pactaudit-licenses.7

nobase_dist_pkgdata_DATA += \
	rules/spdx/licenses.json \
	rules/spdx/exceptions.json \
	rules/spdx/hf-licenses.json \
	rules/spdx/facts.json \
	rules/spdx/VERSION

check_PROGRAMS += tests/unit/test_spdx tests/unit/test_card
TESTS += tests/unit/test_spdx tests/unit/test_card
tests_unit_test_spdx_SOURCES = tests/unit/test_spdx.c tests/lib/cutest.h
tests_unit_test_spdx_CPPFLAGS = $(PA_TEST_CPPFLAGS)
tests_unit_test_spdx_LDADD = $(PA_TEST_LDADD)
tests_unit_test_card_SOURCES = tests/unit/test_card.c tests/lib/cutest.h
tests_unit_test_card_CPPFLAGS = $(PA_TEST_CPPFLAGS)
tests_unit_test_card_LDADD = $(PA_TEST_LDADD)

# Fuzz targets (tests/fuzz/README.md).  A target is tests/fuzz/<name>_fuzzer.c
# with seeds in tests/fuzz/corpus/<name>/ and tokens in tests/fuzz/<name>.dict.
# It is registered by ONE line in the local.mk of the module it tests:
#	TESTS += tests/fuzz/<name>.fuzz
# `make check` then builds tests/fuzz/<name>.fuzz (the target linked with
# replay.c) and runs it over the corpus; with --enable-fuzzing (clang) `make`
# also builds the libFuzzer binary tests/fuzz/<name>_fuzzer.  Everything else
# below is derived from the *.fuzz entries of TESTS.
TEST_EXTENSIONS += .fuzz
TESTS += tests/fuzz/frontmatter.fuzz tests/fuzz/spdx.fuzz

PA_FUZZ_REPLAYS = $(filter %.fuzz,$(TESTS))
PA_FUZZ_NAMES = $(PA_FUZZ_REPLAYS:tests/fuzz/%.fuzz=%)
EXTRA_DIST += tests/fuzz/README.md tests/fuzz/replay.c tests/fuzz/corpus \
	$(PA_FUZZ_NAMES:%=tests/fuzz/%_fuzzer.c) $(PA_FUZZ_NAMES:%=tests/fuzz/%.dict)

tests/fuzz/%.fuzz: tests/fuzz/%_fuzzer.c tests/fuzz/replay.c src/libpactaudit.a
	@$(MKDIR_P) tests/fuzz
	$(AM_V_CCLD)$(COMPILE) -o $@ $(filter %.c,$^) src/libpactaudit.a $(PA_LIBS) \
	    $(AM_LDFLAGS) $(LDFLAGS)

.PRECIOUS: tests/fuzz/%.fuzz
clean-local: pa-fuzz-clean
pa-fuzz-clean:
	-rm -f $(PA_FUZZ_REPLAYS) $(PA_FUZZ_NAMES:%=tests/fuzz/%_fuzzer)
.PHONY: pa-fuzz-clean pa-fuzzers

if FUZZING
# clang: every object gets coverage instrumentation; the fuzzers link libFuzzer
AM_CFLAGS += -fsanitize=fuzzer-no-link
all-local: pa-fuzzers
pa-fuzzers: $(PA_FUZZ_NAMES:%=tests/fuzz/%_fuzzer)
tests/fuzz/%_fuzzer: tests/fuzz/%_fuzzer.c src/libpactaudit.a
	@$(MKDIR_P) tests/fuzz
	$(AM_V_CCLD)$(COMPILE) -fsanitize=fuzzer -o $@ $< src/libpactaudit.a $(PA_LIBS) \
	    $(AM_LDFLAGS) $(LDFLAGS)
endif

# SPDX-License-Identifier: GPL-3.0-or-later
# tests/: what every module's tests share (the libraries, the style checks,
# the fuzz machinery).  Each module registers its own tests in its local.mk.
TESTS += tests/style/boundaries.sh tests/style/headers.sh tests/style/man.sh \
	tests/style/linear.sh
PA_DIST_DIRS += tests/lib tests/style tests/fixtures tests/cli tests/rules tests/fuzz tests/tui
EXTRA_DIST += tests/lsan.supp tests/unit/gitrepo.h tests/lib tests/style tests/fixtures \
	tests/cli tests/rules tests/fuzz tests/tui

# Fuzz targets (tests/fuzz/README.md).  A target is tests/fuzz/<name>_fuzzer.c
# with seeds in tests/fuzz/corpus/<name>/ and tokens in tests/fuzz/<name>.dict.
# It is registered by ONE line in the local.mk of the module it tests:
#	TESTS += tests/fuzz/<name>.fuzz
# `make check` then builds tests/fuzz/<name>.fuzz (the target linked with
# replay.c) and runs it over the corpus; with --enable-fuzzing (clang) `make`
# also builds the libFuzzer binary tests/fuzz/<name>_fuzzer.  Everything else
# below is derived from the *.fuzz entries of TESTS.
TEST_EXTENSIONS += .fuzz

PA_FUZZ_REPLAYS = $(filter %.fuzz,$(TESTS))
PA_FUZZ_NAMES = $(PA_FUZZ_REPLAYS:tests/fuzz/%.fuzz=%)

# memrepo.h: the in-memory repository the git targets share; records.h: the
# "==>" record splitter of the targets whose input is a list of records
tests/fuzz/%.fuzz: tests/fuzz/%_fuzzer.c tests/fuzz/replay.c tests/fuzz/memrepo.h \
    tests/fuzz/records.h src/libpactaudit.a
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
tests/fuzz/%_fuzzer: tests/fuzz/%_fuzzer.c tests/fuzz/memrepo.h tests/fuzz/records.h \
    src/libpactaudit.a
	@$(MKDIR_P) tests/fuzz
	$(AM_V_CCLD)$(COMPILE) -fsanitize=fuzzer -o $@ $< src/libpactaudit.a $(PA_LIBS) \
	    $(AM_LDFLAGS) $(LDFLAGS)
endif

# Each folder of PA_DIST_DIRS from the sources, never the build folder's
# namesake (test logs, fuzz binaries); the generated example call is not
# part of a release.
dist-hook:
	@if test "$(srcdir)" != .; then \
	  for d in $(PA_DIST_DIRS); do \
	    test -d "$(srcdir)/$$d" || continue; \
	    rm -rf "$(distdir)/$$d" && cp -pR "$(srcdir)/$$d" "$(distdir)/$$d" || exit 1; \
	  done; \
	fi
	rm -rf $(distdir)/examples/call

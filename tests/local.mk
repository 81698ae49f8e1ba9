# SPDX-License-Identifier: GPL-3.0-or-later
# Test scripts shared by every module: style checks and CLI tests.
TESTS += tests/style/boundaries.sh tests/style/headers.sh tests/style/man.sh \
	tests/style/linear.sh
EXTRA_DIST += tests/lib tests/style tests/lsan.supp tests/fixtures tests/cli tests/rules tests/fuzz

# the generated example call is not part of a release
dist-hook:
	rm -rf $(distdir)/examples/call

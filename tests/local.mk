# SPDX-License-Identifier: GPL-3.0-or-later
# Test scripts shared by every module: style checks and CLI tests.
TESTS += tests/style/boundaries.sh
EXTRA_DIST += tests/lib tests/style tests/lsan.supp tests/fixtures tests/cli

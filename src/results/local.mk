# SPDX-License-Identifier: GPL-3.0-or-later
# results/: sources and tests of this module.

# SPDX-License-Identifier: GPL-3.0-or-later
# rules/: sources and tests of this module.

# SPDX-License-Identifier: GPL-3.0-or-later
# evidence/: sources and tests of this module.

# SPDX-License-Identifier: GPL-3.0-or-later
# cache/: sources and tests of this module.

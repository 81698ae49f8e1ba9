# SPDX-License-Identifier: GPL-3.0-or-later
# render/: sources and tests of this module.

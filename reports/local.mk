# SPDX-License-Identifier: GPL-3.0-or-later
# XSLT report stylesheets, installed under $(pkgdatadir)/reports.

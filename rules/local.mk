# SPDX-License-Identifier: GPL-3.0-or-later
# Rule packs, schemas, vocabularies and data tables, installed under $(pkgdatadir)/rules.

# SPDX-License-Identifier: GPL-3.0-or-later
# XSLT report stylesheets, installed under $(pkgdatadir)/reports.
nobase_dist_pkgdata_DATA += \
	reports/allocation-csv.xsl \
	reports/allocation-html.xsl \
	reports/common.xsl \
	reports/csv.xsl \
	reports/csv-applicants.xsl \
	reports/diff-html.xsl \
	reports/diff-md.xsl \
	reports/html.xsl \
	reports/md.xsl \
	reports/report.css \
	reports/report.js

# SPDX-License-Identifier: GPL-3.0-or-later
# Man pages (mdoc).  pactaudit-coverage.7 and pactaudit-vocabulary.7 are
# generated from the rule packs (scripts/gen-coverage.sh) and kept in git.
dist_man_MANS += \
	man/pactaudit.1 \
	man/pactaudit-allocate.1 \
	man/pactaudit-check.1 \
	man/pactaudit-decide.1 \
	man/pactaudit-diff.1 \
	man/pactaudit-evidence.1 \
	man/pactaudit-init.1 \
	man/pactaudit-ledger.1 \
	man/pactaudit-pact.1 \
	man/pactaudit-report.1 \
	man/pactaudit-review.1 \
	man/pactaudit-rules.1 \
	man/pactaudit-waive.1 \
	man/pactaudit-application.5 \
	man/pactaudit-call.5 \
	man/pactaudit-formats.5 \
	man/pactaudit-pact.5 \
	man/pactaudit-registry.5 \
	man/pactaudit-results.5 \
	man/pactaudit-rules.5 \
	man/pactaudit-waivers.5 \
	man/pactaudit-coverage.7 \
	man/pactaudit-licenses.7 \
	man/pactaudit-limits.7 \
	man/pactaudit-trust.7 \
	man/pactaudit-vocabulary.7

# SPDX-License-Identifier: GPL-3.0-or-later
# examples/, init templates and contrib/: the templates of `init` and the
# tests of init and the sample call.
# (examples/ and contrib/ are distributed whole by EXTRA_DIST in Makefile.am.)

nobase_dist_pkgdata_DATA += \
	rules/templates/init/README.md \
	rules/templates/init/application.xml \
	rules/templates/init/datasets/example-dataset/README.md \
	rules/templates/init/docs/acceptable-use-policy.md \
	rules/templates/init/docs/copyright-policy.md \
	rules/templates/init/docs/data-governance.md \
	rules/templates/init/docs/human-oversight.md \
	rules/templates/init/docs/instructions-for-use.md \
	rules/templates/init/docs/risk-management.md \
	rules/templates/init/docs/technical-documentation.md \
	rules/templates/init/docs/training-content-summary.md \
	rules/templates/init/docs/transparency-notice.md \
	rules/templates/init/models/example-model/README.md \
	rules/templates/init/pact/commitments.xml \
	rules/templates/init/pact/signers.xml

TESTS += tests/cli/init.sh tests/cli/init-placeholder.sh tests/cli/examples.sh tests/cli/contrib.sh tests/cli/contrib-slurm.sh \
	tests/style/limits.sh

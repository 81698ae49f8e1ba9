/* SPDX-License-Identifier: GPL-3.0-or-later */
/* PLACEHOLDER: replaced by the real command. */
#include "config.h"

#include <stdio.h>

#include "cli/cmd.h"

static const struct pa_opt evidence_opts[] = {
	{ 0 }
};

static int
run_evidence(const struct pa_cmd *cmd, int argc, char **argv)
{
	(void)cmd;
	(void)argc;
	(void)argv;
	fprintf(stderr, "pactaudit: 'evidence' is unfinished\n");
	return PA_EXIT_FAILURE;
}

const struct pa_cmd pa_cmd_evidence = {
	.name = "evidence",
	.run = run_evidence,
	.summary = "evidence",
	.synopsis = "",
	.opts = evidence_opts,
};

/* SPDX-License-Identifier: GPL-3.0-or-later */
/* PLACEHOLDER: replaced by the real command. */
#include "config.h"

#include <stdio.h>

#include "cli/cmd.h"

static const struct pa_opt pact_opts[] = {
	{ 0 }
};

static int
run_pact(const struct pa_cmd *cmd, int argc, char **argv)
{
	(void)cmd;
	(void)argc;
	(void)argv;
	fprintf(stderr, "pactaudit: 'pact' is unfinished\n");
	return PA_EXIT_FAILURE;
}

const struct pa_cmd pa_cmd_pact = {
	.name = "pact",
	.run = run_pact,
	.summary = "pact",
	.synopsis = "",
	.opts = pact_opts,
};

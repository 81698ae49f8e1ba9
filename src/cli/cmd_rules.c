/* SPDX-License-Identifier: GPL-3.0-or-later */
/* PLACEHOLDER: replaced by the real command. */
#include "config.h"

#include <stdio.h>

#include "cli/cmd.h"

static const struct pa_opt rules_opts[] = {
	{ 0 }
};

static int
run_rules(const struct pa_cmd *cmd, int argc, char **argv)
{
	(void)cmd;
	(void)argc;
	(void)argv;
	fprintf(stderr, "pactaudit: 'rules' is unfinished\n");
	return PA_EXIT_FAILURE;
}

const struct pa_cmd pa_cmd_rules = {
	.name = "rules",
	.run = run_rules,
	.summary = "rules",
	.synopsis = "",
	.opts = rules_opts,
};

/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The table of commands and the common error printer. */
#include "config.h"

#include "cli/cmd.h"

#include <stdio.h>
#include <string.h>

#include "util/buf.h"
#include "util/error.h"
#include "util/text.h"

const struct pa_cmd *const pa_cmds[] = {
	&pa_cmd_check,
	&pa_cmd_evidence,
	&pa_cmd_rules,
	&pa_cmd_init,
	&pa_cmd_pact,
	&pa_cmd_report,
	&pa_cmd_decide,
	&pa_cmd_waive,
	&pa_cmd_ledger,
	&pa_cmd_review,
	NULL
};

const struct pa_cmd *
pa_cmd_find(const char *name)
{
	size_t i;

	for (i = 0; pa_cmds[i] != NULL; i++)
		if (strcmp(pa_cmds[i]->name, name) == 0)
			return pa_cmds[i];
	return NULL;
}

void
pa_cmd_put_safe(FILE *fp, const char *s)
{
	struct pa_buf b = PA_BUF_INIT;

	if (s == NULL)
		return;
	pa_text_sanitize(&b, s, strlen(s), PA_TEXT_ONELINE);
	fputs(b.ptr, fp);
	pa_buf_dispose(&b);
}

int
pa_cmd_fail(void)
{
	const char *msg = pa_error_last();

	fprintf(stderr, "pactaudit: %s\n", msg ? msg : "unknown error");
	return PA_EXIT_FAILURE;
}

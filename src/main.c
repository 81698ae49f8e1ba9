/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pactaudit: initialise each library once, run one command, map to exit 0/1/2. */
#include "config.h"

#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cache/cache.h"
#include "cli/cmd.h"
#include "dossier/dossier.h"
#include "parse/xml.h"
#include "sig/gpg.h"
#include "util/cleanup.h"
#include "util/digest.h"
#include "util/error.h"
#include "util/log.h"
#include "util/text.h"

static void
usage(FILE *fp)
{
	size_t i;

	fprintf(fp, "usage: pactaudit [--version] [--help] [-v] [--log FILE] COMMAND [ARGS]\n\n"
	    "Audit an AI compute application (a dossier) against the EU AI Act and\n"
	    "its signed AI Pact commitments.\n\ncommands:\n");
	for (i = 0; pa_cmds[i] != NULL; i++)
		fprintf(fp, "  %-10s %s\n", pa_cmds[i]->name, pa_cmds[i]->summary);
	fprintf(fp, "\n'pactaudit COMMAND --help' describes a command; see pactaudit(1).\n");
}

int
main(int argc, char **argv)
{
	const struct pa_cmd *cmd;
	const char *logpath = NULL, *warning;
	enum pa_log_level level = PA_LOG_INFO;
	char safe[256];		/* what was typed, made safe to print (truncated) */
	int i, rc;

	setlocale(LC_ALL, "");
	for (i = 1; i < argc && argv[i][0] == '-'; i++) {
		if (strcmp(argv[i], "--version") == 0) {
			printf("pactaudit %s\n", PACKAGE_VERSION);
			return PA_EXIT_OK;
		} else if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0) {
			usage(stdout);
			return PA_EXIT_OK;
		} else if (strcmp(argv[i], "-v") == 0 || strcmp(argv[i], "--verbose") == 0) {
			level = level < PA_LOG_TRACE ? level + 1 : level;
		} else if (strcmp(argv[i], "--log") == 0 && i + 1 < argc) {
			logpath = argv[++i];
		} else {
			pa_text_sanitize_into(safe, sizeof(safe), argv[i], strlen(argv[i]));
			fprintf(stderr, "pactaudit: unknown option '%s'\n", safe);
			usage(stderr);
			return PA_EXIT_FAILURE;
		}
	}
	if (i >= argc) {
		usage(stderr);
		return PA_EXIT_FAILURE;
	}
	if ((cmd = pa_cmd_find(argv[i])) == NULL) {
		const char *names[32], *near;
		size_t n;

		for (n = 0; pa_cmds[n] != NULL && n < sizeof(names) / sizeof(names[0]); n++)
			names[n] = pa_cmds[n]->name;
		near = pa_text_closest(argv[i], names, n);
		pa_text_sanitize_into(safe, sizeof(safe), argv[i], strlen(argv[i]));
		if (near != NULL)
			fprintf(stderr, "pactaudit: '%s' is not a command; did you mean '%s'?\n",
			    safe, near);
		else
			fprintf(stderr, "pactaudit: '%s' is not a command; see 'pactaudit --help'\n",
			    safe);
		return PA_EXIT_FAILURE;
	}

	pa_error_clear();
	if (pa_log_open(logpath, level) < 0)
		return pa_cmd_fail();
	pa_digest_global_init();
	pa_xml_global_init();
	/* review's screen restores the terminal on its own signals */
	if (strcmp(cmd->name, "review") != 0 && pa_cleanup_signals_init() < 0) {
		rc = pa_cmd_fail();
		goto done;
	}
	if (pa_dossier_global_init() < 0 || pa_gpg_global_init() < 0) {
		rc = pa_cmd_fail();
		goto done;
	}
	rc = cmd->run(cmd, argc - i, argv + i);
	if ((warning = pa_cache_take_warning()) != NULL) {
		struct pa_buf line = PA_BUF_INIT;

		pa_text_sanitize(&line, warning, strlen(warning), PA_TEXT_ONELINE);
		fprintf(stderr, "pactaudit: warning: %s\n", line.ptr ? line.ptr : "");
		pa_buf_dispose(&line);
	}
	pa_dossier_global_cleanup();
done:
	pa_xml_global_cleanup();
	pa_log_close();
	return rc;
}

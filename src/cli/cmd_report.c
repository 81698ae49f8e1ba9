/* SPDX-License-Identifier: GPL-3.0-or-later */
/* `report`: render one or more results files in any output format. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli/cmd.h"
#include "render/render.h"
#include "results/results.h"
#include "util/buf.h"
#include "util/error.h"
#include "util/file.h"

enum {
	OPT_FORMAT = 1,
	OPT_OUTPUT,
	OPT_FAIL_ON
};

static const struct pa_opt report_opts[] = {
	{ .name = "format", .arg = "FORMAT",
	  .help = "output format (text by default; see the list below)", .id = OPT_FORMAT },
	{ .name = "output", .key = 'o', .arg = "FILE",
	  .help = "write to FILE (replaced atomically) instead of standard output",
	  .id = OPT_OUTPUT },
	{ .name = "fail-on", .arg = "SEVERITY",
	  .help = "exit 1 if an open finding is at least this severe; also the JUnit/TAP threshold",
	  .id = OPT_FAIL_ON },
	{ 0 }
};

static void
print_formats(FILE *fp)
{
	size_t i;

	fprintf(fp, "\nformats:\n");
	for (i = 0; pa_renderers[i].name != NULL; i++)
		fprintf(fp, "  %-28s %s\n", pa_renderers[i].name, pa_renderers[i].summary);
}

/* Colour only for a terminal, and never when NO_COLOR is set (no-color.org). */
static bool
want_color(void)
{
	const char *nc = getenv("NO_COLOR"), *term = getenv("TERM");

	return isatty(STDOUT_FILENO) && (nc == NULL || *nc == '\0') &&
	    term != NULL && strcmp(term, "dumb") != 0;
}

static int
write_file(const char *path, const char *format, struct pa_results *const *docs,
    size_t count, const struct pa_render_opts *ro)
{
	char *mem = NULL;
	size_t size = 0;
	FILE *fp;
	int error;

	if ((fp = open_memstream(&mem, &size)) == NULL)
		return pa_error_oom();
	error = pa_render(fp, format, docs, count, ro);
	if (fclose(fp) != 0 && error == 0)
		error = pa_error_oom();
	if (error == 0)
		error = pa_file_write_atomic(path, mem, size, 0);
	free(mem);
	return error;
}

static int
run_report(const struct pa_cmd *cmd, int argc, char **argv)
{
	struct pa_opt_state st;
	struct pa_render_opts ro = { .color = false, .fail_on = PA_FAIL_ON_ERROR };
	struct pa_vec list = PA_VEC_INIT;
	const char *format = "text", *output = NULL, *fail_on = NULL;
	struct pa_results *const *docs;
	size_t i, failing = 0;
	int c, rc = PA_EXIT_FAILURE;

	pa_opt_start(&st, cmd, argc, argv);
	while ((c = pa_opt_next(&st)) != PA_OPT_DONE) {
		switch (c) {
		case PA_OPT_HELP:
			print_formats(stdout);
			return PA_EXIT_OK;
		case PA_OPT_ERROR:
			return PA_EXIT_FAILURE;
		case OPT_FORMAT:
			format = st.arg;
			break;
		case OPT_OUTPUT:
			output = st.arg;
			break;
		case OPT_FAIL_ON:
			fail_on = st.arg;
			break;
		}
	}
	if (st.optind >= argc)
		return pa_opt_usage_error(cmd, "name at least one results file");
	if (!pa_render_known(format))
		return pa_opt_usage_error(cmd, "unknown format '%s'; see 'pactaudit report --help'",
		    format);
	if (pa_results_fail_on_parse(&ro.fail_on, fail_on) < 0) {
		pa_error_clear();
		return pa_opt_usage_error(cmd,
		    "--fail-on takes blocker, error, warning, info or none");
	}
	for (i = (size_t)st.optind; i < (size_t)argc; i++) {
		if (pa_cmd_load_results(&list, argv[i]) < 0) {
			rc = pa_cmd_fail();
			goto done;
		}
	}
	docs = (struct pa_results *const *)list.items;
	if (output != NULL) {
		if (write_file(output, format, docs, list.count, &ro) < 0) {
			rc = pa_cmd_fail();
			goto done;
		}
	} else {
		ro.color = want_color();
		if (pa_render(stdout, format, docs, list.count, &ro) < 0) {
			rc = pa_cmd_fail();
			goto done;
		}
	}
	/* the same decision as `check` makes, from the same model */
	for (i = 0; fail_on != NULL && i < list.count; i++)
		failing += pa_results_failing(docs[i], ro.fail_on);
	rc = failing > 0 ? PA_EXIT_FINDINGS : PA_EXIT_OK;
done:
	pa_vec_dispose(&list, pa_cmd_results_free);
	return rc;
}

const struct pa_cmd pa_cmd_report = {
	.name = "report",
	.run = run_report,
	.summary = "render results files as text, JSON, SARIF, JUnit, TAP, XML, HTML, Markdown or CSV",
	.synopsis = "[--format FORMAT] [-o FILE] [--fail-on SEVERITY] RESULTS.xml...",
	.description =
	    "Reads results files written by 'pactaudit check --format xml' (\"-\" is\n"
	    "standard input; a results-set holds several dossiers) and writes them in\n"
	    "one format, without loading rules or touching a dossier.  Several files\n"
	    "make one report.  The exit status is 0 once the report is written,\n"
	    "unless --fail-on is given: then 1 if an open finding is at least that\n"
	    "severe.",
	.opts = report_opts,
};

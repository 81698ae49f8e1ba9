/* SPDX-License-Identifier: GPL-3.0-or-later */
/* `report`: render one or more results files in any output format. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "allocate/allocate.h"
#include "cli/cmd.h"
#include "cli/output.h"
#include "render/render.h"
#include "parse/xml.h"
#include "results/results.h"
#include "util/alloc.h"
#include "util/buf.h"
#include "util/error.h"
#include "util/file.h"
#include "util/limits.h"

enum {
	OPT_FORMAT = 1,
	OPT_OUTPUT,
	OPT_FAIL_ON,
	OPT_COLOR,
	OPT_NOT_AUDITED,
	OPT_PLAN,
	OPT_AUDITOR
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
	{ .name = "not-audited", .arg = "FILE", .id = OPT_NOT_AUDITED,
	  .help = "dossiers of the call that could not be audited, one a line: "
	  "REASON, a tab, PATH (json and sarif list them)" },
	{ .name = "plan", .arg = "FILE", .id = OPT_PLAN,
	  .help = "the call's allocation plan ('pactaudit allocate --format xml'): "
	  "html, md and csv-applicants then show each decision and the GPU-hours granted" },
	{ .name = "auditor", .arg = "NAME", .id = OPT_AUDITOR,
	  .help = "who prepared the report (html and md name them)" },
	{ .name = "color", .arg = "WHEN", .id = OPT_COLOR,
	  .help = "colour the text report: auto (default: on a terminal, unless "
	  "NO_COLOR), always or never" },
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

/*
 * --not-audited FILE: "REASON<TAB>PATH" lines into failures[] (strings kept
 * in *text, which the caller frees).  They come after every audited dossier.
 */
static int
load_not_audited(const char *path, char **text, struct pa_render_failure **out,
    size_t *count, size_t before)
{
	struct pa_buf data = PA_BUF_INIT;
	struct pa_render_failure *f = NULL;
	char *p, *eol, *tab;
	size_t n = 0, cap = 0;
	int error;

	if ((error = pa_file_read(&data, path, PA_LIMIT_XML_SIZE, 0)) < 0)
		return error;
	for (p = data.ptr; p != NULL && *p != '\0'; p = eol) {
		if ((eol = strchr(p, '\n')) != NULL)
			*eol++ = '\0';
		if (*p == '\0')
			continue;
		if (n == cap) {
			struct pa_render_failure *g;

			cap = cap ? 2 * cap : 16;
			if ((g = realloc(f, cap * sizeof(*f))) == NULL) {
				free(f);
				pa_buf_dispose(&data);
				return pa_error_oom();
			}
			f = g;
		}
		tab = strchr(p, '\t');
		f[n].before = before;
		f[n].message = tab ? p : "not audited";
		f[n].path = tab ? tab + 1 : p;
		if (tab != NULL)
			*tab = '\0';
		n++;
	}
	*text = pa_buf_detach(&data);
	*out = f;
	*count = n;
	return 0;
}

/*
 * --plan FILE: the plan document, and for each results its <applicant>
 * line (matched by the ledger's dossier identity, as `allocate` wrote it),
 * or NULL.  A line of the plan is used once.
 */
static int
load_plan(xmlDoc **plan, const xmlNode ***lines, const char *path,
    struct pa_results *const *docs, size_t count)
{
	struct pa_buf data = PA_BUF_INIT, id = PA_BUF_INIT;
	const xmlNode **l = NULL;
	xmlNode *root, *n;
	const char *d;
	size_t i;
	int error;

	*lines = NULL;
	if ((error = pa_file_read(&data, path, PA_LIMIT_XML_SIZE, 0)) < 0 ||
	    (error = pa_alloc_plan_read(plan, data.ptr, data.size, path)) < 0)
		goto done;
	if ((l = pa_calloc(count ? count : 1, sizeof(*l))) == NULL) {
		error = pa_error_oom();
		goto done;
	}
	root = xmlDocGetRootElement(*plan);
	for (i = 0; i < count; i++) {
		pa_buf_clear(&id);
		if ((error = pa_cmd_results_identity(&id, docs[i])) < 0)
			goto done;
		for (n = xmlFirstElementChild(root); n != NULL; n = xmlNextElementSibling(n)) {
			if (strcmp((const char *)n->name, "applicant") != 0 || n->_private != NULL)
				continue;
			if ((d = pa_xml_attr(n, "dossier")) != NULL && id.ptr != NULL &&
			    strcmp(d, id.ptr) == 0) {
				n->_private = n;	/* taken */
				l[i] = n;
				break;
			}
		}
	}
	for (n = xmlFirstElementChild(root); n != NULL; n = xmlNextElementSibling(n))
		n->_private = NULL;
	*lines = l;
	l = NULL;
done:
	free(l);
	pa_buf_dispose(&data);
	pa_buf_dispose(&id);
	return error;
}

static int
run_report(const struct pa_cmd *cmd, int argc, char **argv)
{
	struct pa_opt_state st;
	struct pa_render_opts ro = { .color = false, .fail_on = PA_FAIL_ON_ERROR };
	struct pa_vec list = PA_VEC_INIT;
	const char *format = "text", *output = NULL, *fail_on = NULL, *not_audited = NULL;
	const char *plan_path = NULL;
	const xmlNode **lines = NULL;
	xmlDoc *plan = NULL;
	enum pa_cli_color color = PA_CLI_COLOR_AUTO;
	struct pa_render_failure *fails = NULL;
	char *fails_text = NULL;
	struct pa_cli_output out;
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
		case OPT_COLOR:
			if (!pa_cli_color_parse(&color, st.arg))
				return pa_opt_usage_error(cmd, "--color is auto, always or "
				    "never, not '%s'", st.arg);
			break;
		case OPT_NOT_AUDITED:
			not_audited = st.arg;
			break;
		case OPT_PLAN:
			plan_path = st.arg;
			break;
		case OPT_AUDITOR:
			ro.auditor = st.arg;
			break;
		}
	}
	if (st.optind >= argc)
		return pa_opt_usage_error(cmd, "name at least one results file");
	if (!pa_render_known(format))
		return pa_opt_usage_error(cmd, "unknown format '%s'; see 'pactaudit report --help'",
		    format);
	if (plan_path != NULL && !pa_render_shows_plan(format))
		return pa_opt_usage_error(cmd, "--plan is shown by the formats html, md and "
		    "csv-applicants, not '%s'", format);
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
	if (not_audited != NULL && load_not_audited(not_audited, &fails_text, &fails,
	    &ro.nfailures, list.count) < 0) {
		rc = pa_cmd_fail();
		goto done;
	}
	ro.failures = fails;
	if (plan_path != NULL) {
		if (load_plan(&plan, &lines, plan_path, docs, list.count) < 0) {
			rc = pa_cmd_fail();
			goto done;
		}
		ro.allocation = xmlDocGetRootElement(plan);
		ro.allocated = lines;
	}
	out.format = format;
	out.file = output;
	ro.color = (output == NULL || strcmp(output, "-") == 0) && pa_cli_want_color(color);
	if (pa_cli_write_report(&out, docs, list.count, &ro) < 0) {
		rc = pa_cmd_fail();
		goto done;
	}
	/* the same decision as `check` makes, from the same model */
	for (i = 0; fail_on != NULL && i < list.count; i++)
		failing += pa_results_failing(docs[i], ro.fail_on);
	rc = failing > 0 ? PA_EXIT_FINDINGS : PA_EXIT_OK;
done:
	free(lines);
	xmlFreeDoc(plan);
	free(fails);
	free(fails_text);
	pa_vec_dispose(&list, pa_cmd_results_free);
	return rc;
}

const struct pa_cmd pa_cmd_report = {
	.name = "report",
	.run = run_report,
	.summary = "render results files as text, JSON, SARIF, JUnit, TAP, XML, HTML, Markdown or CSV",
	.synopsis = "[--format FORMAT] [-o FILE] [--fail-on SEVERITY] [--color WHEN] "
	    "[--not-audited FILE] [--plan PLAN.xml] [--auditor NAME] RESULTS.xml...",
	.description =
	    "Reads results files written by 'pactaudit check --format xml' (\"-\" is\n"
	    "standard input; a results-set holds several dossiers) and writes them in\n"
	    "one format, without loading rules or touching a dossier.  Several files\n"
	    "make one report.  The exit status is 0 once the report is written,\n"
	    "unless --fail-on is given: then 1 if an open finding is at least that\n"
	    "severe.  With --plan, the board report, Markdown and csv-applicants\n"
	    "show each applicant's decision and granted GPU-hours, and the totals\n"
	    "per machine against the call's capacity, from the allocation plan.",
	.opts = report_opts,
};

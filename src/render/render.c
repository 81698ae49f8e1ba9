/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The table of output formats and the dispatch to one of them. */
#include "config.h"

#include "render/render.h"

#include <string.h>

#include "render/model.h"
#include "util/error.h"

const struct pa_renderer pa_renderers[] = {
	{ .name = "text", .summary = "findings for a terminal, grouped by severity", .write = pa_render_text },
	{ .name = "json", .summary = "one JSON object per dossier (an array for several)", .write = pa_render_json },
	{ .name = "sarif", .summary = "SARIF 2.1.0 log, one run per dossier", .write = pa_render_sarif },
	{ .name = "junit", .summary = "JUnit XML, one test suite per dossier", .write = pa_render_junit },
	{ .name = "tap", .summary = "Test Anything Protocol version 13", .write = pa_render_tap },
	{ .name = "xml", .summary = "the results document (a results-set for several)", .write = pa_render_xml },
	{ .name = "html", .summary = "a self-contained HTML report (XSLT)", .write = pa_render_html },
	{ .name = "md", .summary = "a Markdown report (XSLT)", .write = pa_render_md },
	{ .name = "csv", .summary = "one CSV row per finding, RFC 4180 (XSLT)", .write = pa_render_csv },
	{ 0 }
};

static const struct pa_renderer *
render_find(const char *format)
{
	size_t i;

	if (format == NULL)
		return NULL;
	for (i = 0; pa_renderers[i].name != NULL; i++)
		if (strcmp(pa_renderers[i].name, format) == 0)
			return &pa_renderers[i];
	return NULL;
}

bool
pa_render_known(const char *format)
{
	return render_find(format) != NULL;
}

int
pa_render(FILE *out, const char *format, xmlDoc *const *results, size_t count,
    const struct pa_render_opts *opts)
{
	static const struct pa_render_opts defaults = { .color = false };
	const struct pa_renderer *r = render_find(format);
	struct pa_render_input in;
	int error, rank;

	if (r == NULL)
		return pa_error_setc(PA_ENOTFOUND, PA_ERRCLASS_USAGE,
		    "unknown output format '%s'", format ? format : "");
	if (opts == NULL)
		opts = &defaults;
	if ((error = pa_render_fail_rank(&rank, opts->fail_on)) < 0)
		return error;
	if ((error = pa_render_input_init(&in, results, count)) < 0)
		return error;
	if ((error = r->write(out, &in, opts)) == 0)
		error = pa_render_check_stream(out);
	pa_render_input_dispose(&in);
	return error;
}

int
pa_render_failing(size_t *out, xmlDoc *const *results, size_t count,
    const char *fail_on)
{
	struct pa_render_input in;
	size_t i, k;
	int error, rank;

	*out = 0;
	if ((error = pa_render_fail_rank(&rank, fail_on)) < 0 ||
	    (error = pa_render_input_init(&in, results, count)) < 0)
		return error;
	for (i = 0; i < in.count; i++)
		for (k = 0; k < in.dossiers[i].nfindings; k++)
			*out += pa_render_fails(&in.dossiers[i].findings[k], rank);
	pa_render_input_dispose(&in);
	return 0;
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The table of output formats and the dispatch to one of them. */
#include "config.h"

#include "render/render.h"

#include <string.h>

#include "util/error.h"

static int
render_pending(FILE *out, xmlDoc *const *results, size_t count,
    const struct pa_render_opts *opts)
{
	(void)out;
	(void)results;
	(void)count;
	(void)opts;
	return pa_error_set(PA_ERRCLASS_INTERNAL,
	    "this output format is not implemented yet");
}

const struct pa_renderer pa_renderers[] = {
	{ .name = "text", .summary = "findings for a terminal", .write = render_pending },
	{ .name = "json", .summary = "one JSON object per dossier", .write = render_pending },
	{ .name = "sarif", .summary = "SARIF 2.1.0 log, one run per dossier", .write = render_pending },
	{ .name = "junit", .summary = "JUnit XML, one test suite per dossier", .write = render_pending },
	{ .name = "tap", .summary = "Test Anything Protocol version 13", .write = render_pending },
	{ .name = "xml", .summary = "the results documents themselves", .write = render_pending },
	{ .name = "html", .summary = "a self-contained HTML report", .write = render_pending },
	{ .name = "md", .summary = "a Markdown report", .write = render_pending },
	{ .name = "csv", .summary = "findings as CSV (RFC 4180)", .write = render_pending },
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
	const struct pa_renderer *r = render_find(format);
	static const struct pa_render_opts defaults = { .color = false };

	if (r == NULL)
		return pa_error_setc(PA_ENOTFOUND, PA_ERRCLASS_USAGE,
		    "unknown output format '%s'", format ? format : "");
	return r->write(out, results, count, opts ? opts : &defaults);
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Outputs of the report-writing commands (check, report): files, colour, closed pipes. */
#include "config.h"

#include "cli/output.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "util/error.h"
#include "util/file.h"

bool
pa_cli_color_parse(enum pa_cli_color *out, const char *word)
{
	if (strcmp(word, "auto") == 0)
		*out = PA_CLI_COLOR_AUTO;
	else if (strcmp(word, "always") == 0 || strcmp(word, "yes") == 0)
		*out = PA_CLI_COLOR_ALWAYS;
	else if (strcmp(word, "never") == 0 || strcmp(word, "no") == 0)
		*out = PA_CLI_COLOR_NEVER;
	else
		return false;
	return true;
}

bool
pa_cli_want_color(enum pa_cli_color when)
{
	const char *nc = getenv("NO_COLOR"), *term = getenv("TERM");

	if (when != PA_CLI_COLOR_AUTO)
		return when == PA_CLI_COLOR_ALWAYS;
	/* no-color.org: NO_COLOR counts when set and not empty */
	return isatty(STDOUT_FILENO) && (nc == NULL || *nc == '\0') &&
	    term != NULL && *term != '\0' && strcmp(term, "dumb") != 0;
}

void
pa_cli_output_parse(const char *arg, const char **format, const char **file)
{
	const char *eq = strchr(arg, '=');
	size_t i, len = eq ? (size_t)(eq - arg) : 0;

	*format = NULL;
	*file = arg;
	for (i = 0; len > 0 && pa_renderers[i].name != NULL; i++) {
		if (strlen(pa_renderers[i].name) == len &&
		    strncmp(pa_renderers[i].name, arg, len) == 0) {
			*format = pa_renderers[i].name;
			*file = eq + 1;
			return;
		}
	}
}

bool
pa_cli_reader_gone(int err)
{
	return err == EPIPE;
}

int
pa_cli_write_report(const struct pa_cli_output *out, struct pa_results *const *docs,
    size_t count, const struct pa_render_opts *ro)
{
	struct pa_cmd_sink sink;
	int error;

	if (out->file == NULL || strcmp(out->file, "-") == 0) {
		errno = 0;
		error = pa_render(stdout, out->format, docs, count, ro);
		if (error == 0 && fflush(stdout) != 0)
			error = pa_error_from_os("cannot write", "standard output");
		if (error < 0 && pa_cli_reader_gone(errno)) {
			/* like other Unix filters: the reader has all it wanted */
			pa_error_clear();
			clearerr(stdout);
			return 0;
		}
		return error;
	}
	/* to a file: streamed, never held in memory whole (pa_cmd_sink) */
	if ((error = pa_cmd_sink_open(&sink, out->file)) < 0)
		return error;
	return pa_cmd_sink_close(&sink, pa_render(sink.fp, out->format, docs, count, ro));
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
/* What the commands that write reports share: outputs, colour, severity filter. */
#ifndef PA_CLI_OUTPUT_H
#define PA_CLI_OUTPUT_H

#include <stdbool.h>
#include <stddef.h>

#include "cli/cmd.h"
#include "render/render.h"
#include "results/results.h"

/* --color=WHEN */
enum pa_cli_color {
	PA_CLI_COLOR_AUTO,
	PA_CLI_COLOR_ALWAYS,
	PA_CLI_COLOR_NEVER
};

/* auto, always or never (also yes/no); false otherwise. */
bool pa_cli_color_parse(enum pa_cli_color *out, const char *word);
/*
 * Whether text on standard output is coloured: always, never, or for auto
 * only on a terminal, with NO_COLOR unset or empty and TERM set and not
 * "dumb".
 */
bool pa_cli_want_color(enum pa_cli_color when);

/* One report a run writes: a format and a file ("-" or NULL: standard output). */
struct pa_cli_output {
	const char *format;
	const char *file;
};

#define PA_CLI_MAX_OUTPUTS 16

/*
 * The argument of -o/--output: FORMAT=FILE when what comes before the
 * first '=' is a format name (then *format is set), else a FILE for the
 * --format report.  A file whose name starts that way is written ./F=X.
 */
void pa_cli_output_parse(const char *arg, const char **format, const char **file);

/*
 * Render to out->file (replaced atomically, pa_file_write_atomic) or to
 * standard output.  A reader that went away (a closed pipe: `| head`) is
 * not an error: the rest is dropped and 0 returned.
 */
int pa_cli_write_report(const struct pa_cli_output *out, struct pa_results *const *docs,
    size_t count, const struct pa_render_opts *ro);

/* An error number that means standard output's reader is gone. */
bool pa_cli_reader_gone(int err);

#endif

/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Renderers: results documents (urn:pactaudit:results:1) to output formats. */
#ifndef PA_RENDER_RENDER_H
#define PA_RENDER_RENDER_H

#include <libxml/tree.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

struct pa_render_opts { bool color; const char *fail_on; };

/* The sanitised input a writer receives from pa_render() (render/model.h). */
struct pa_render_input;

/* One output format; the table below drives pa_render() and --help. */
struct pa_renderer {
	const char *name;	/* the --format value */
	const char *summary;	/* one line for --help and the man page */
	/* Called by pa_render() only; 0, or < 0 with the message set. */
	int (*write)(FILE *out, const struct pa_render_input *in,
	    const struct pa_render_opts *opts);
};

/* Every format, terminated by { 0 }. */
extern const struct pa_renderer pa_renderers[];

/* Write results (count documents, urn:pactaudit:results:1) in `format` to out. PA_ENOTFOUND for an unknown format (message set). */
int pa_render(FILE *out, const char *format, xmlDoc *const *results, size_t count, const struct pa_render_opts *opts);
bool pa_render_known(const char *format);

/*
 * pa_render() writes nothing before its input is known to be results, and
 * every string it writes has passed pa_text_sanitize().  opts->fail_on
 * (blocker, error, warning, info or none; NULL means error) decides which
 * findings fail a JUnit test case or TAP test point; an unknown word is
 * PA_EINVALID.
 *
 * Count into *out the findings across results that are unresolved (open
 * or needs-review), in force and at least as severe as fail_on (same
 * words): what makes `check` and `report --fail-on` exit 1.
 */
int pa_render_failing(size_t *out, xmlDoc *const *results, size_t count,
    const char *fail_on);

#endif

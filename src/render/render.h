/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Renderers: results documents (urn:pactaudit:results:1) to output formats. */
#ifndef PA_RENDER_RENDER_H
#define PA_RENDER_RENDER_H

#include <libxml/tree.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

struct pa_render_opts { bool color; const char *fail_on; };

/* One output format; the table below drives pa_render() and --help. */
struct pa_renderer {
	const char *name;	/* the --format value */
	const char *summary;	/* one line for --help and the man page */
	/* Write count results documents to out; 0 or < 0 with the message set. */
	int (*write)(FILE *out, xmlDoc *const *results, size_t count,
	    const struct pa_render_opts *opts);
};

/* Every format, terminated by { 0 }. */
extern const struct pa_renderer pa_renderers[];

/* Write results (count documents, urn:pactaudit:results:1) in `format` to out. PA_ENOTFOUND for an unknown format (message set). */
int pa_render(FILE *out, const char *format, xmlDoc *const *results, size_t count, const struct pa_render_opts *opts);
bool pa_render_known(const char *format);

#endif

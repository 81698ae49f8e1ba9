/* SPDX-License-Identifier: GPL-3.0-or-later */
/* What pa_render() hands each writer: sanitised copies of the results, and their document. */
#ifndef PA_RENDER_WRITER_H
#define PA_RENDER_WRITER_H

#include <libxml/tree.h>
#include <stdbool.h>
#include <stdio.h>

#include "render/render.h"
#include "results/results.h"
#include "util/buf.h"

/*
 * results: one sanitised copy per dossier (see pa_render()), with element
 * text made tidy for display (message and as-of on one line, remedy
 * trimmed line by line).  doc: for writers with `doc` set in the table,
 * the results document of those copies before the tidying (one <results>,
 * or a <results-set> when count is not 1); NULL otherwise.
 */
struct pa_render_input {
	struct pa_results **results;	/* NULL for lazy writers */
	size_t count;
	xmlDoc *doc;
	struct pa_results *const *source;	/* the caller's results, for lazy writers */
};

/*
 * Lazy writers (`lazy` in the table): the sanitised, tidied copy of
 * dossier i, made on demand, exactly as non-lazy writers find it in
 * in->results[i]; free it with pa_results_free() when written.
 */
int pa_render_input_copy(struct pa_results **out, const struct pa_render_input *in, size_t i);

/* The writers, one per format (render.c lists them). */
int pa_render_text(FILE *out, const struct pa_render_input *in, const struct pa_render_opts *opts);
int pa_render_json(FILE *out, const struct pa_render_input *in, const struct pa_render_opts *opts);
int pa_render_sarif(FILE *out, const struct pa_render_input *in, const struct pa_render_opts *opts);
int pa_render_junit(FILE *out, const struct pa_render_input *in, const struct pa_render_opts *opts);
int pa_render_tap(FILE *out, const struct pa_render_input *in, const struct pa_render_opts *opts);
int pa_render_xml(FILE *out, const struct pa_render_input *in, const struct pa_render_opts *opts);
int pa_render_html(FILE *out, const struct pa_render_input *in, const struct pa_render_opts *opts);
int pa_render_md(FILE *out, const struct pa_render_input *in, const struct pa_render_opts *opts);
int pa_render_csv(FILE *out, const struct pa_render_input *in, const struct pa_render_opts *opts);
int pa_render_codequality(FILE *out, const struct pa_render_input *in,
    const struct pa_render_opts *opts);
int pa_render_csv_applicants(FILE *out, const struct pa_render_input *in,
    const struct pa_render_opts *opts);

/*
 * s made safe to show and legal as XML character data, into out (emptied
 * first): one line for attributes (one_line), else keeping \n and \t.
 * The one cleaning every string a writer sees goes through.  0 or PA_ENOMEM.
 */
int pa_render_clean(struct pa_buf *out, const char *s, bool one_line);

struct json_t;
/* The JSON object of one dossier (a new reference), or NULL on OOM. */
struct json_t *pa_render_json_dossier(const struct pa_results *res);

/*
 * The file a finding is shown on, relative to the repository root (the
 * --path folder, then the dossier-relative path), and its line: a finding
 * about the whole dossier is put on pact/signers.xml (signatures) or
 * application.xml, line 1, for the formats that need a file for each.
 */
int pa_render_repo_path(struct pa_buf *out, const struct pa_results *d,
    const struct pa_results_finding *f, long *line);

/* Map a write error on out to PA_ERROR with a message; 0 if out is fine. */
int pa_render_check_stream(FILE *out);

#endif

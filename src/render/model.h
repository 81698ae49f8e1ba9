/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The sanitised, read-only view of results documents that every renderer reads. */
#ifndef PA_RENDER_MODEL_H
#define PA_RENDER_MODEL_H

#include <libxml/tree.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "render/render.h"
#include "util/vec.h"

#define PA_RESULTS_NS "urn:pactaudit:results:1"

/* Severity ranks: lower is more severe; PA_SEV_OTHER for an unknown word. */
enum pa_sev {
	PA_SEV_BLOCKER = 0,
	PA_SEV_ERROR,
	PA_SEV_WARNING,
	PA_SEV_INFO,
	PA_SEV_OTHER
};

struct pa_rfinding {
	const char *rule, *severity, *status, *fingerprint, *path, *anchor;
	const char *ref, *applies_from, *message, *remedy;
	long line;		/* 0 when unknown */
	bool in_force;		/* false only for in-force="false" */
	int waivable;		/* 1, 0, or -1 when not stated */
	enum pa_sev rank;
	size_t order;		/* position in the document */
};

struct pa_rsystem { const char *id, *tier; };
struct pa_rmodel { const char *id, *gpai; };
struct pa_rsig { const char *object, *kind, *status, *fingerprint; };

/* Counts that the text, TAP and JUnit writers share. */
struct pa_rcounts {
	size_t open[PA_SEV_OTHER + 1];	/* status open, in force, by rank */
	size_t needs_review, waived, baselined, not_in_force, total;
};

struct pa_rdossier {
	const char *tool_name, *tool_version, *rules_version, *rules_digest;
	const char *path, *commit, *rev, *mode, *trust, *as_of, *verdict;
	struct pa_rsystem *systems;
	size_t nsystems;
	struct pa_rmodel *models;
	size_t nmodels;
	struct pa_rsig *sigs;
	size_t nsigs;
	struct pa_rfinding *findings;	/* document order */
	size_t nfindings;
	/* findings ordered by rank, path, line, rule, document order */
	const struct pa_rfinding **sorted;
	struct pa_rcounts counts;
};

/*
 * What a renderer receives: one document holding every <results> (alone,
 * or in a <results-set> when there are several or none) in which every
 * attribute and text has passed pa_text_sanitize() (attributes on one
 * line; text keeps \n and \t), comments and processing instructions
 * dropped; and the same content as C structs.  Strings are never NULL
 * when the item exists in the document, NULL when it is absent.
 */
struct pa_render_input {
	xmlDoc *doc;
	struct pa_rdossier *dossiers;
	size_t count;
	struct pa_vec strings;	/* owns every string above */
};

/* Build *in from count documents; PA_EINVALID if one is not results. */
int pa_render_input_init(struct pa_render_input *in, xmlDoc *const *results,
    size_t count);
void pa_render_input_dispose(struct pa_render_input *in);

/* Rank of a severity word (NULL -> PA_SEV_OTHER). */
enum pa_sev pa_render_sev_rank(const char *severity);
/*
 * Threshold for --fail-on: the rank at or above which an unresolved
 * finding fails (NULL means "error"), -1 for "none".  PA_EINVALID for
 * another word (message set).
 */
int pa_render_fail_rank(int *out, const char *fail_on);
/* True if f is unresolved (open or needs-review), in force, and at least as severe as fail_rank. */
bool pa_render_fails(const struct pa_rfinding *f, int fail_rank);

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

struct json_t;
/* The JSON object of one dossier (a new reference), or NULL on OOM. */
struct json_t *pa_render_json_dossier(const struct pa_rdossier *d);

/* Map a write error on out to PA_ERROR with a message; 0 if out is fine. */
int pa_render_check_stream(FILE *out);

#endif

/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The review's views: each builds a page from the model (pure) and says what Enter opens. */
#ifndef PA_REVIEW_VIEW_H
#define PA_REVIEW_VIEW_H

#include <stdbool.h>
#include <stddef.h>

#include "review/keys.h"
#include "review/model.h"
#include "util/buf.h"

/* The rule behind a finding, as the evidence view shows it (strings owned). */
struct pa_review_rule {
	char *title, *ref, *applies_from, *context, *applicable, *assertion;
	char *location, *message, *remedy, *note, *file;
	bool waivable;
};
void pa_review_rule_dispose(struct pa_review_rule *r);

/*
 * What the review reads besides the results: supplied by the command
 * (which owns the audit), so that views never open or parse a dossier.
 * Each returns 0, or < 0 with a message when it cannot; any may be NULL.
 */
struct pa_review_source {
	/* The raw bytes of a dossier file at the audited commit. */
	int (*file)(struct pa_buf *out, void *payload, const struct pa_review_dossier *d,
	    const char *path);
	/* The dossier's evidence document, as XML text. */
	int (*evidence)(struct pa_buf *out, void *payload, const struct pa_review_dossier *d);
	/* The rule with this id. */
	int (*rule)(struct pa_review_rule *out, void *payload, const char *id);
	void *payload;
};

/* Everything a view is built from (borrowed). */
struct pa_review_ctx {
	const struct pa_review_call *call;
	const struct pa_review_keymap *keys;
	const struct pa_review_source *source;	/* may be NULL */
	size_t dossier;		/* index in the call */
	size_t finding;		/* index in the dossier's findings */
	size_t width;		/* screen columns */
};

struct pa_review_view {
	const char *name;
	/* Fill the (cleared) page.  0 or PA_ENOMEM. */
	int (*build)(struct pa_review_page *page, const struct pa_review_ctx *ctx);
	/* What Enter on row opens: the view and its context, or NULL. */
	const struct pa_review_view *(*open)(struct pa_review_ctx *next,
	    const struct pa_review_ctx *ctx, const struct pa_review_row *row);
	/* Where the cursor starts (visible position); NULL: the first row. */
	size_t (*initial)(const struct pa_review_page *page, const struct pa_review_ctx *ctx);
	bool dossier_rows;	/* rows are dossiers: tag and act on tagged apply */
};

extern const struct pa_review_view pa_review_view_call;
extern const struct pa_review_view pa_review_view_dossier;
extern const struct pa_review_view pa_review_view_findings;
extern const struct pa_review_view pa_review_view_evidence;
extern const struct pa_review_view pa_review_view_help;
/* The allocation plan (view_plan.c): only with a call policy (pa_review_call_has_plan). */
extern const struct pa_review_view pa_review_view_plan;

/* Enter on a row of dossiers (call and allocation views): that dossier's view. */
const struct pa_review_view *pa_review_view_open_dossier(struct pa_review_ctx *next,
    const struct pa_review_ctx *ctx, const struct pa_review_row *row);

/* Build a view's page: clear it, build, refresh (keeps sort and filter). */
int pa_review_view_build(const struct pa_review_view *v, struct pa_review_page *page,
    const struct pa_review_ctx *ctx);

#endif

/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The findings view: a dossier's findings grouped by severity, with article, status, message and remedy. */
#include "config.h"

#include <string.h>

#include "review/view.h"

static enum pa_review_style
status_style(const char *status, enum pa_severity sev)
{
	if (strcmp(status, "open") == 0 || strcmp(status, "needs review") == 0)
		return pa_review_severity_style(sev);
	return PA_REVIEW_STYLE_DIM;
}

/* One row about a finding's waiver in the ledger, in a style. */
static int
waiver_row(struct pa_review_page *p, enum pa_review_style style, size_t i, const char *what,
    const struct pa_review_record *w)
{
	struct pa_review_row *r;
	struct pa_buf b = PA_BUF_INIT;
	int error;

	pa_buf_printf(&b, "      %s %s%s%s", what, w->text ? w->text : PA_REVIEW_NONE,
	    w->who ? " by " : "", w->who ? w->who : "");
	if (!w->trusted)
		pa_buf_printf(&b, ": %s", w->problem ? w->problem : "not trusted");
	if ((r = pa_review_page_row(p, style, PA_REVIEW_ROW_FINDING, i)) == NULL || pa_buf_oom(&b))
		error = PA_ENOMEM;
	else
		error = pa_review_row_text(r, b.ptr);
	pa_buf_dispose(&b);
	return error;
}

/* The ledger's waiver of the finding: in force, expired, or not trusted (and not counted). */
static int
waiver_rows(struct pa_review_page *p, const struct pa_review_dossier *d,
    const struct pa_results_finding *f, size_t i)
{
	const struct pa_review_record *w;
	int error = 0;

	if ((w = pa_review_finding_waiver(d, f)) != NULL)
		error |= waiver_row(p, PA_REVIEW_STYLE_DIM, i, "waived:", w);
	else if ((w = pa_review_finding_waiver_expired(d, f)) != NULL)
		error |= waiver_row(p, pa_review_severity_style(f->severity), i, "waiver EXPIRED:", w);
	if ((w = pa_review_finding_waiver_untrusted(d, f)) != NULL)
		error |= waiver_row(p, PA_REVIEW_STYLE_BAD, i, "UNTRUSTED waiver, not counted:", w);
	return error < 0 ? PA_ENOMEM : 0;
}

/*
 * Three rows per finding: rule, article, status and place; the message;
 * the remedy.  Each opens the finding's evidence.
 */
static int
finding_rows(struct pa_review_page *p, const struct pa_review_dossier *d, size_t i)
{
	const struct pa_results_finding *f = d->res->findings.items[i];
	const char *status = pa_review_finding_status(d, f);
	enum pa_review_style style = status_style(status, f->severity);
	struct pa_buf b = PA_BUF_INIT;
	struct pa_review_row *r;
	int error = 0;

	pa_buf_printf(&b, "  %s  %s  [%s]", f->rule, f->ref ? f->ref : PA_REVIEW_NONE, status);
	if (!f->in_force && f->applies_from != NULL)
		pa_buf_printf(&b, " from %s", f->applies_from);
	/* the rule judges headings or text: a human judges the substance */
	if (f->heuristic)
		pa_buf_puts(&b, " [heuristic]");
	if (f->path != NULL && f->line > 0)
		pa_buf_printf(&b, "  %s:%ld", f->path, f->line);
	else if (f->path != NULL)
		pa_buf_printf(&b, "  %s", f->path);
	if ((r = pa_review_page_row(p, style, PA_REVIEW_ROW_FINDING, i)) == NULL ||
	    pa_buf_oom(&b)) {
		pa_buf_dispose(&b);
		return PA_ENOMEM;
	}
	error |= pa_review_row_text(r, b.ptr);
	pa_buf_clear(&b);
	pa_buf_printf(&b, "      %s", f->message);
	if ((r = pa_review_page_row(p, PA_REVIEW_STYLE_NORMAL, PA_REVIEW_ROW_FINDING, i)) == NULL)
		error = PA_ENOMEM;
	else
		error |= pa_review_row_text(r, b.ptr);
	if ((error |= waiver_rows(p, d, f, i)) < 0) {
		pa_buf_dispose(&b);
		return PA_ENOMEM;
	}
	if (f->remedy != NULL) {
		pa_buf_clear(&b);
		pa_buf_printf(&b, "      fix: %s", f->remedy);
		if ((r = pa_review_page_row(p, PA_REVIEW_STYLE_DIM, PA_REVIEW_ROW_FINDING, i)) == NULL)
			error = PA_ENOMEM;
		else
			error |= pa_review_row_text(r, b.ptr);
	}
	pa_buf_dispose(&b);
	return error < 0 ? PA_ENOMEM : 0;
}

static int
build(struct pa_review_page *p, const struct pa_review_ctx *ctx)
{
	static const enum pa_severity order[] = {
		PA_SEVERITY_BLOCKER, PA_SEVERITY_ERROR, PA_SEVERITY_WARNING, PA_SEVERITY_INFO
	};
	static const char *const heads[] = { "Blockers", "Errors", "Warnings", "Info" };
	const struct pa_review_dossier *d = pa_review_call_at(ctx->call, ctx->dossier);
	const struct pa_results_finding *f;
	size_t g, i, n;
	int error = 0;

	if (d == NULL || d->res == NULL)
		return 0;
	error |= pa_review_page_title(p, "Findings of %s: %zu", d->name, d->res->findings.count);
	for (g = 0; g < 4 && error == 0; g++) {
		for (n = 0, i = 0; i < d->res->findings.count; i++)
			n += ((const struct pa_results_finding *)d->res->findings.items[i])->severity == order[g];
		if (n == 0)
			continue;
		error |= pa_review_page_line(p, PA_REVIEW_STYLE_HEADING, "%s (%zu)", heads[g], n);
		for (i = 0; i < d->res->findings.count && error == 0; i++) {
			f = d->res->findings.items[i];
			if (f->severity == order[g])
				error = finding_rows(p, d, i);
		}
	}
	if (d->res->findings.count == 0)
		error |= pa_review_page_line(p, PA_REVIEW_STYLE_GOOD, "  no findings");
	return error < 0 ? PA_ENOMEM : 0;
}

static size_t
initial(const struct pa_review_page *page, const struct pa_review_ctx *ctx)
{
	(void)ctx;
	return pa_review_page_first(page, PA_REVIEW_ROW_FINDING);
}

static const struct pa_review_view *
open(struct pa_review_ctx *next, const struct pa_review_ctx *ctx,
    const struct pa_review_row *row)
{
	if (row == NULL || row->kind != PA_REVIEW_ROW_FINDING)
		return NULL;
	*next = *ctx;
	next->finding = row->ref;
	return &pa_review_view_evidence;
}

const struct pa_review_view pa_review_view_findings = {
	.name = "findings",
	.build = build,
	.open = open,
	.initial = initial,
};

/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The call view: one line per dossier, sortable by any column, filterable. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "review/view.h"

enum {
	COL_DOSSIER, COL_TIER, COL_VERDICT, COL_BLOCKER, COL_ERROR, COL_WARNING,
	COL_INFO, COL_SIG, COL_REQUESTED, COL_GRANTED, COL_DECISION, COL_APPLICANT,
	NCOLS
};

static const struct pa_review_column call_cols[NCOLS] = {
	[COL_DOSSIER] = { .name = "Dossier", .min = 7, .max = 16 },
	[COL_TIER] = { .name = "Tier", .min = 4, .max = 19 },
	[COL_VERDICT] = { .name = "Verdict", .min = 7, .max = 13 },
	[COL_BLOCKER] = { .name = "B", .min = 2, .max = 4, .right = true },
	[COL_ERROR] = { .name = "E", .min = 2, .max = 4, .right = true },
	[COL_WARNING] = { .name = "W", .min = 2, .max = 4, .right = true },
	[COL_INFO] = { .name = "I", .min = 2, .max = 4, .right = true },
	[COL_SIG] = { .name = "Sig", .min = 4, .max = 22, .shrink = true },
	[COL_REQUESTED] = { .name = "Req-h", .min = 5, .max = 6, .right = true },
	[COL_GRANTED] = { .name = "Grant", .min = 5, .max = 6, .right = true },
	[COL_DECISION] = { .name = "Decided", .min = 4, .max = 9 },
	[COL_APPLICANT] = { .name = "Applicant", .min = 3 },
};

static enum pa_review_style
verdict_style(enum pa_verdict v)
{
	switch (v) {
	case PA_VERDICT_INELIGIBLE:
		return PA_REVIEW_STYLE_BLOCKER;
	case PA_VERDICT_NEEDS_CHANGES:
		return PA_REVIEW_STYLE_WARNING;
	case PA_VERDICT_ELIGIBLE:
		break;
	}
	return PA_REVIEW_STYLE_GOOD;
}

/* "high", "high/systemic", "systemic" (a minimal system with a systemic model), or nothing. */
static void
tier_text(struct pa_buf *b, const struct pa_review_dossier *d)
{
	const char *tier = pa_review_dossier_tier(d), *gpai = pa_review_dossier_gpai(d);

	bool model = gpai != NULL && strcmp(gpai, "none") != 0;

	/* a GPAI model says more than "minimal": show it instead */
	if (tier != NULL && !(model && strcmp(tier, "minimal") == 0))
		pa_buf_puts(b, tier);
	if (model)
		pa_buf_printf(b, "%s%s", b->size ? "/" : "",
		    strcmp(gpai, "systemic") == 0 ? "systemic" : "gpai");
}

/* Decided: the trusted decision, or "untrusted" when only untrusted records claim one. */
static int
decision_cell(struct pa_review_row *r, const struct pa_review_dossier *d)
{
	enum pa_review_style style;
	const char *text = pa_review_dossier_decision_cell(d, &style);
	int error = pa_review_row_text(r, text);

	if (text != NULL)
		pa_review_row_style(r, style);
	return error;
}

/* Req-h: the GPU-hours the application asks for; a value that is not a number is shown as written. */
static int
requested_cell(struct pa_review_row *r, struct pa_buf *b, const struct pa_review_dossier *d)
{
	const char *h = d->res != NULL ? d->res->applicant.gpu_hours : NULL;
	double v;

	if (h == NULL || *h == '\0')
		return pa_review_row_text(r, NULL);
	/* beyond 1e15 the short form would need more than the column holds */
	if (!pa_results_gpu_hours(&d->res->applicant, &v) || v >= 1e15)
		return pa_review_row_text(r, h);
	pa_buf_clear(b);
	pa_review_format_hours(b, v);
	return pa_review_row_num(r, v, b->ptr);
}

/* Applicant: "legal name (CC)", or the registry id when the application names nobody. */
static int
applicant_cell(struct pa_review_row *r, struct pa_buf *b, const struct pa_review_dossier *d)
{
	const struct pa_results_applicant *a = d->res != NULL ? &d->res->applicant : NULL;

	if (a == NULL || (a->name == NULL && a->registry_id == NULL))
		return pa_review_row_text(r, NULL);
	pa_buf_clear(b);
	pa_buf_puts(b, a->name != NULL ? a->name : a->registry_id);
	if (a->country != NULL)
		pa_buf_printf(b, " (%s)", a->country);
	return pa_review_row_text(r, b->ptr);
}

static int
dossier_row(struct pa_review_page *page, const struct pa_review_dossier *d, size_t i)
{
	static const enum pa_severity sev[4] = {
		PA_SEVERITY_BLOCKER, PA_SEVERITY_ERROR, PA_SEVERITY_WARNING, PA_SEVERITY_INFO
	};
	struct pa_review_row *r;
	struct pa_buf b = PA_BUF_INIT;
	size_t counts[4], k;
	enum pa_verdict v;
	int error = 0, sr;

	if ((r = pa_review_page_row(page, PA_REVIEW_STYLE_NORMAL, PA_REVIEW_ROW_DOSSIER, i)) == NULL)
		return PA_ENOMEM;
	r->tagged = d->tagged;
	error |= pa_review_row_text(r, d->name);
	tier_text(&b, d);
	error |= pa_review_row_keyed(r, b.size ? b.ptr : NULL, pa_review_dossier_tier_rank(d));
	if (d->res == NULL) {
		error |= pa_review_row_keyed(r, "not audited", 3);
		pa_review_row_style(r, PA_REVIEW_STYLE_BAD);
	} else {
		v = pa_results_verdict(d->res);
		error |= pa_review_row_keyed(r, pa_results_verdict_name(v), v);
		pa_review_row_style(r, verdict_style(v));
	}
	pa_review_dossier_open(d, counts);
	for (k = 0; k < 4; k++) {
		if (d->res == NULL) {
			error |= pa_review_row_text(r, NULL);
			continue;
		}
		error |= pa_review_row_num(r, (double)counts[sev[k]], NULL);
		if (counts[sev[k]] > 0 && k < 2)
			pa_review_row_style(r, pa_review_severity_style(sev[k]));
	}
	pa_buf_clear(&b);
	pa_review_dossier_sigstate(&b, d);
	sr = pa_review_dossier_sigrank(d);
	error |= pa_review_row_keyed(r, b.size ? b.ptr : NULL, sr);
	if (sr >= 0)
		pa_review_row_style(r, sr == 0 ? PA_REVIEW_STYLE_GOOD : PA_REVIEW_STYLE_BAD);
	error |= requested_cell(r, &b, d);
	if (d->decision.granted_hours >= 0) {
		pa_buf_clear(&b);
		pa_review_format_hours(&b, (double)d->decision.granted_hours);
		error |= pa_review_row_num(r, (double)d->decision.granted_hours, b.ptr);
	} else
		error |= pa_review_row_text(r, NULL);
	error |= decision_cell(r, d);
	if (d->error != NULL)
		error |= pa_review_row_text(r, d->error);
	else
		error |= applicant_cell(r, &b, d);
	pa_buf_dispose(&b);
	return error < 0 ? PA_ENOMEM : 0;
}

static int
build(struct pa_review_page *page, const struct pa_review_ctx *ctx)
{
	size_t i, n = pa_review_call_count(ctx->call), tagged = 0, decided = 0, untrusted = 0;
	const struct pa_review_dossier *d;
	struct pa_buf title = PA_BUF_INIT;
	int error;

	page->cols = call_cols;
	page->ncols = NCOLS;
	for (i = 0; i < n; i++) {
		d = pa_review_call_at(ctx->call, i);
		if ((error = dossier_row(page, d, i)) < 0)
			return error;
		tagged += d->tagged;
		decided += d->decision.decision != NULL;
		untrusted += pa_review_dossier_untrusted(d);
	}
	pa_buf_printf(&title, "Call: %zu dossier%s", n, n == 1 ? "" : "s");
	if (decided > 0)
		pa_buf_printf(&title, ", %zu decided", decided);
	if (untrusted > 0)
		pa_buf_printf(&title, ", %zu untrusted record%s", untrusted,
		    untrusted == 1 ? "" : "s");
	if (tagged > 0)
		pa_buf_printf(&title, ", %zu tagged", tagged);
	error = pa_buf_oom(&title) ? PA_ENOMEM : pa_review_page_title(page, "%s", title.ptr);
	pa_buf_dispose(&title);
	return error;
}

const struct pa_review_view *
pa_review_view_open_dossier(struct pa_review_ctx *next, const struct pa_review_ctx *ctx,
    const struct pa_review_row *row)
{
	if (row == NULL || row->kind != PA_REVIEW_ROW_DOSSIER)
		return NULL;
	*next = *ctx;
	next->dossier = row->ref;
	return &pa_review_view_dossier;
}

const struct pa_review_view pa_review_view_call = {
	.name = "call",
	.build = build,
	.open = pa_review_view_open_dossier,
	.dossier_rows = true,
};

int
pa_review_view_build(const struct pa_review_view *v, struct pa_review_page *page,
    const struct pa_review_ctx *ctx)
{
	int error;

	pa_review_page_clear(page);
	page->cols = NULL;
	page->ncols = 0;
	if ((error = v->build(page, ctx)) < 0)
		return error;
	return pa_review_page_refresh(page);
}

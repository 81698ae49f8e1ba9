/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * The allocation view: the call policy's plan over the call (model_plan.c),
 * one line per applicant in rank order under the totals against capacity
 * of each machine/partition; Enter opens the applicant's dossier.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "review/view.h"
#include "util/alloc.h"
#include "util/text.h"

#define H PA_REVIEW_STYLE_HEADING
#define N PA_REVIEW_STYLE_NORMAL

/* The columns, each as wide as its widest text within [min, max]; the reason takes the rest. */
enum { C_RANK, C_NAME, C_VERDICT, C_DECIDED, C_SCORE, C_REQ, C_WANT, C_GRANT, C_WHERE,
	C_OUTCOME, C_WHY, NC };
static const struct pa_review_column plan_cols[NC] = {
	[C_RANK] = { .name = "Rank", .min = 4, .max = 5, .right = true },
	[C_NAME] = { .name = "Applicant", .min = 9, .max = 28 },
	[C_VERDICT] = { .name = "Verdict", .min = 7, .max = 13 },
	[C_DECIDED] = { .name = "Decided", .min = 7, .max = 9 },
	[C_SCORE] = { .name = "Score", .min = 5, .max = 6, .right = true },
	[C_REQ] = { .name = "Req-h", .min = 5, .max = 6, .right = true },
	[C_WANT] = { .name = "Want", .min = 5, .max = 6, .right = true },
	[C_GRANT] = { .name = "Grant", .min = 5, .max = 6, .right = true },
	[C_WHERE] = { .name = "Machine/partition", .min = 17, .max = 32 },
	[C_OUTCOME] = { .name = "Outcome", .min = 7, .max = 17 },
	[C_WHY] = { .name = "Why", .min = 3 },
};

/* The plan's verdict sub-score names the verdict it was given (allocate.h). */
static const char *
verdict_name(const struct pa_alloc_line *l)
{
	switch (l->sub[PA_ALLOC_SUB_VERDICT]) {
	case 100: return "eligible";
	case 50: return "needs-changes";
	default: return "ineligible";
	}
}

static void
hours(struct pa_buf *b, long long h)
{
	if (h < 0)
		pa_buf_puts(b, PA_REVIEW_NONE);
	else
		pa_review_format_hours(b, (double)h);
}

/* The cells of one line of the plan, sanitised (cells[k] owned by the caller). */
static int
line_cells(char *cells[NC], const struct pa_alloc_plan *plan, const struct pa_alloc_line *l)
{
	const struct pa_alloc_applicant *a = &plan->applicants[l->applicant];
	struct pa_buf b = PA_BUF_INIT;
	size_t k;

	for (k = 0; k < NC; k++) {
		pa_buf_clear(&b);
		switch (k) {
		case C_RANK: pa_buf_printf(&b, "%zu", l->rank); break;
		case C_NAME: pa_buf_puts(&b, a->label ? a->label : PA_REVIEW_NONE); break;
		case C_VERDICT: pa_buf_puts(&b, verdict_name(l)); break;
		case C_DECIDED:
			pa_buf_puts(&b, a->decision != NULL ?
			    pa_decision_name(a->decision->decision.decision) : PA_REVIEW_NONE);
			break;
		case C_SCORE: pa_buf_printf(&b, "%lld", l->score); break;
		case C_REQ: hours(&b, l->requested); break;
		case C_WANT: hours(&b, l->wanted); break;
		case C_GRANT: hours(&b, l->granted); break;
		case C_WHERE:
			if (l->machine != NULL)
				pa_buf_printf(&b, "%s/%s", l->machine, l->partition);
			else if (a->machine != NULL)
				pa_buf_printf(&b, "(%s%s%s)", a->machine, a->partition ? "/" : "",
				    a->partition ? a->partition : "");
			else
				pa_buf_puts(&b, PA_REVIEW_NONE);
			break;
		case C_OUTCOME: pa_buf_puts(&b, pa_alloc_outcome_name(l->outcome)); break;
		case C_WHY:
			/* an exclusion says why; a grant, where it is cut (where is a column already) */
			if (l->outcome != PA_ALLOC_GRANTED)
				pa_buf_puts(&b, l->why ? l->why : "");
			else
				pa_buf_printf(&b, "%s%s%s", l->capped ? "cut to the cap" : "",
				    l->capped && l->partial ? ", " : "",
				    l->partial ? "partial: the partition is full" : "");
			break;
		}
		if (pa_buf_oom(&b) || (cells[k] = pa_text_sanitize_dup(b.ptr)) == NULL) {
			pa_buf_dispose(&b);
			return PA_ENOMEM;
		}
	}
	pa_buf_dispose(&b);
	return 0;
}

/* Join the cells at the widths given (the last as it is). */
static void
join(struct pa_buf *out, char *const cells[NC], const size_t w[NC])
{
	size_t k;

	for (k = 0; k < NC; k++) {
		if (k > 0)
			pa_buf_putc(out, ' ');
		if (k == NC - 1)
			pa_buf_puts(out, cells[k]);
		else
			pa_review_fit(out, cells[k], w[k], plan_cols[k].right);
	}
}

static int
totals(struct pa_review_page *page, const struct pa_review_call *call)
{
	const struct pa_review_plan *rp = &call->plan;
	const struct pa_alloc_plan *plan = rp->plan;
	const struct pa_alloc_total *t;
	size_t i;
	int error = 0;

	error |= pa_review_page_line(page, H, "Call %s: %zu of %zu applicant%s funded, %lld of %lld "
	    "GPU-hours granted", rp->policy->id ? rp->policy->id : "", plan->funded, plan->count,
	    plan->count == 1 ? "" : "s", plan->granted, plan->capacity);
	for (i = 0; i < plan->ntotals; i++) {
		t = &plan->totals[i];
		error |= pa_review_page_line(page, t->granted >= t->capacity ? PA_REVIEW_STYLE_WARNING :
		    N, "  %s/%s: %lld of %lld GPU-hours (%lld node-hours at %ld GPUs per node), "
		    "%lld left", t->machine, t->partition, t->granted, t->capacity, t->node_hours,
		    t->gpus_per_node, t->capacity - t->granted);
	}
	if (rp->unaudited > 0)
		error |= pa_review_page_line(page, PA_REVIEW_STYLE_BAD, "  %zu dossier%s not audited: "
		    "not in the plan", rp->unaudited, rp->unaudited == 1 ? "" : "s");
	error |= pa_review_page_line(page, N, " ");
	return error < 0 ? PA_ENOMEM : 0;
}

static int
build(struct pa_review_page *page, const struct pa_review_ctx *ctx)
{
	const struct pa_review_plan *rp = &ctx->call->plan;
	const struct pa_alloc_plan *plan = rp->plan;
	const struct pa_alloc_line *l;
	struct pa_review_row *r;
	struct pa_buf b = PA_BUF_INIT;
	char *(*cells)[NC] = NULL;
	size_t w[NC], i, k, tw;
	int error = 0;

	if (rp->policy == NULL)
		return pa_review_page_title(page, "Allocation: no call policy (--policy FILE)");
	if ((error = pa_review_page_title(page, "Allocation: call %s, %zu applicant%s in rank "
	    "order", rp->policy->id ? rp->policy->id : "", plan ? plan->count : 0,
	    plan && plan->count == 1 ? "" : "s")) < 0)
		return error;
	if (plan == NULL)
		return pa_review_page_line(page, PA_REVIEW_STYLE_BAD, "  the plan could not be made");
	if ((error = totals(page, ctx->call)) < 0)
		return error;
	if ((cells = pa_calloc(plan->count + 1, sizeof(*cells))) == NULL)
		return PA_ENOMEM;
	for (k = 0; k < NC; k++)
		w[k] = pa_text_width(plan_cols[k].name);
	for (i = 0; i < plan->count && error == 0; i++) {
		if ((error = line_cells(cells[i], plan, &plan->lines[i])) < 0)
			break;
		for (k = 0; k < NC; k++)
			if ((tw = pa_text_width(cells[i][k])) > w[k])
				w[k] = tw;
	}
	for (k = 0; k < NC && error == 0; k++) {
		if (w[k] < plan_cols[k].min)
			w[k] = plan_cols[k].min;
		if (plan_cols[k].max > 0 && w[k] > plan_cols[k].max)
			w[k] = plan_cols[k].max;
	}
	if (error == 0) {
		char *names[NC];

		for (k = 0; k < NC; k++)
			names[k] = (char *)plan_cols[k].name;
		join(&b, names, w);
		error = pa_buf_oom(&b) ? PA_ENOMEM :
		    pa_review_page_line(page, PA_REVIEW_STYLE_HEADER, "%s", b.ptr);
	}
	for (i = 0; i < plan->count && error == 0; i++) {
		l = &plan->lines[i];
		r = pa_review_page_row(page, l->outcome == PA_ALLOC_GRANTED ? PA_REVIEW_STYLE_GOOD :
		    PA_REVIEW_STYLE_WARNING, PA_REVIEW_ROW_DOSSIER, rp->dossier[l->applicant]);
		if (r == NULL) {
			error = PA_ENOMEM;
			break;
		}
		r->tagged = pa_review_call_at(ctx->call, rp->dossier[l->applicant])->tagged;
		pa_buf_clear(&b);
		join(&b, cells[i], w);
		error = pa_buf_oom(&b) ? PA_ENOMEM : pa_review_row_text(r, b.ptr);
	}
	for (i = 0; i < plan->count; i++)
		for (k = 0; k < NC; k++)
			free(cells[i][k]);
	free(cells);
	pa_buf_dispose(&b);
	return error < 0 ? PA_ENOMEM : 0;
}

/* The cursor starts on the first applicant. */
static size_t
initial(const struct pa_review_page *page, const struct pa_review_ctx *ctx)
{
	(void)ctx;
	return pa_review_page_first(page, PA_REVIEW_ROW_DOSSIER);
}

const struct pa_review_view pa_review_view_plan = {
	.name = "allocation",
	.build = build,
	.open = pa_review_view_open_dossier,
	.initial = initial,
	.dossier_rows = true,
};

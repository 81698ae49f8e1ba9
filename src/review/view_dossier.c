/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The dossier view: what was audited, systems and tiers, models and GPAI status, signatures, decision. */
#include "config.h"

#include <string.h>

#include "review/view.h"

#define H PA_REVIEW_STYLE_HEADING
#define N PA_REVIEW_STYLE_NORMAL

static const char *
or_none(const char *s)
{
	return s != NULL && *s != '\0' ? s : PA_REVIEW_NONE;
}

static enum pa_review_style
tier_style(const char *tier)
{
	if (tier == NULL)
		return N;
	if (strcmp(tier, "prohibited") == 0)
		return PA_REVIEW_STYLE_BLOCKER;
	if (strcmp(tier, "high") == 0)
		return PA_REVIEW_STYLE_ERROR;
	return N;
}

static int
sigs(struct pa_review_page *p, const struct pa_results *res)
{
	const struct pa_results_signature *s;
	size_t i;
	int error = 0;

	error |= pa_review_page_line(p, H, "Signers and signatures (%zu)", res->signatures.count);
	for (i = 0; i < res->signatures.count; i++) {
		s = res->signatures.items[i];
		error |= pa_review_page_line(p, s->status && strcmp(s->status, "good") == 0 ?
		    PA_REVIEW_STYLE_GOOD : PA_REVIEW_STYLE_BAD, "  %-18s %-12s %-8s %s",
		    or_none(s->status), or_none(s->kind), or_none(s->right), or_none(s->object));
		error |= pa_review_page_line(p, PA_REVIEW_STYLE_DIM, "      %s %s%s%s",
		    or_none(s->uid), or_none(s->fingerprint),
		    s->missing_right ? "  lacks right: " : "", s->missing_right ? s->missing_right : "");
	}
	if (res->signatures.count == 0)
		error |= pa_review_page_line(p, N, "  %s no signature was checked", PA_REVIEW_NONE);
	return error;
}

/* The decision in force, then every ledger record about the dossier; untrusted ones say why. */
static int
ledger_lines(struct pa_review_page *p, const struct pa_review_dossier *d)
{
	const struct pa_review_record *r;
	size_t i, untrusted = pa_review_dossier_untrusted(d);
	int error = 0;

	error |= pa_review_page_line(p, H, "Decision");
	if (d->decision.decision == NULL)
		error |= pa_review_page_line(p, N, "  %s none recorded", PA_REVIEW_NONE);
	else if (d->decision.granted_hours >= 0)
		error |= pa_review_page_line(p, PA_REVIEW_STYLE_GOOD, "  %s, %ld GPU-hours granted%s%s",
		    d->decision.decision, d->decision.granted_hours,
		    d->decision.auditor ? ", by " : "", d->decision.auditor ? d->decision.auditor : "");
	else
		error |= pa_review_page_line(p, N, "  %s%s%s", d->decision.decision,
		    d->decision.auditor ? ", by " : "", d->decision.auditor ? d->decision.auditor : "");
	if (d->decision.note != NULL)
		error |= pa_review_page_line(p, N, "  note: %s", d->decision.note);
	if (d->records.count == 0)
		return error;
	if (untrusted > 0)
		error |= pa_review_page_line(p, H, "Ledger records (%zu, %zu untrusted)",
		    d->records.count, untrusted);
	else
		error |= pa_review_page_line(p, H, "Ledger records (%zu)", d->records.count);
	for (i = 0; i < d->records.count; i++) {
		r = d->records.items[i];
		error |= pa_review_page_line(p, r->trusted ? N : PA_REVIEW_STYLE_BAD, "  %s %-9s %s%s%s",
		    r->commit, r->trusted ? "trusted" : "UNTRUSTED", or_none(r->text),
		    r->who ? " by " : "", r->who ? r->who : "");
		if (!r->trusted)
			error |= pa_review_page_line(p, PA_REVIEW_STYLE_BAD, "      not counted: %s",
			    or_none(r->problem));
	}
	return error;
}

/* A card's licence: fine when read as SPDX, a warning when not exact, bad when absent or invalid. */
static enum pa_review_style
license_style(const struct pa_results_item *it)
{
	const char *st = it->license_status;

	if (st == NULL)
		return PA_REVIEW_STYLE_DIM;
	if (strcmp(st, "valid") == 0)
		return N;
	if (strcmp(st, "invalid") == 0 || strcmp(st, "missing") == 0)
		return PA_REVIEW_STYLE_ERROR;
	return PA_REVIEW_STYLE_WARNING;
}

/* The AI Pact declaration: who signed it when, each core commitment and pledge. */
static int
pact_lines(struct pa_review_page *p, const struct pa_results_pact *pact)
{
	size_t i;
	int error = 0;

	error |= pa_review_page_line(p, H, "AI Pact commitments (%zu)", pact->commitments.count);
	if (pact->state == NULL)
		return error | pa_review_page_line(p, PA_REVIEW_STYLE_DIM,
		    "  no pact/commitments.xml in this dossier");
	if (strcmp(pact->state, "valid") != 0)
		return error | pa_review_page_line(p, PA_REVIEW_STYLE_ERROR,
		    "  pact/commitments.xml does not match its schema (see the findings)");
	error |= pa_review_page_line(p, N, "  signed by %s on %s", or_none(pact->organisation),
	    or_none(pact->signed_on));
	for (i = 0; i < pact->commitments.count; i++) {
		const struct pa_results_commitment *c = pact->commitments.items[i];

		error |= pa_review_page_line(p, N, "  %-6s %-24s %s%s%s%s%s%s", c->kind, c->id,
		    c->article ? "Art. " : "", c->article ? c->article : "",
		    c->due ? " due " : "", c->due ? c->due : "", c->article || c->due ? "  " : "",
		    or_none(c->text));
	}
	return error;
}

static int
build(struct pa_review_page *p, const struct pa_review_ctx *ctx)
{
	const struct pa_review_dossier *d = pa_review_call_at(ctx->call, ctx->dossier);
	const struct pa_results *res;
	const struct pa_results_item *it;
	size_t i, counts[4];
	int error = 0;

	if (d == NULL)
		return 0;
	res = d->res;
	error |= pa_review_page_title(p, "Dossier %s", d->name);
	error |= pa_review_page_line(p, H, "Dossier");
	error |= pa_review_page_line(p, N, "  location  %s", d->location);
	if (res == NULL) {
		error |= pa_review_page_line(p, PA_REVIEW_STYLE_BAD, "  not audited: %s",
		    or_none(d->error));
		return error < 0 ? PA_ENOMEM : 0;
	}
	error |= pa_review_page_line(p, N, "  commit    %s (%s, %s)", or_none(res->dossier_commit),
	    or_none(res->dossier_rev), or_none(res->dossier_mode));
	error |= pa_review_page_line(p, N, "  as of     %s   trust %s   rules %s%s",
	    or_none(res->as_of), or_none(res->trust), or_none(res->rules_version),
	    d->cached ? "   (results from the cache)" : "");
	error |= pa_review_page_line(p, N, "  verdict   %s",
	    pa_results_verdict_name(pa_results_verdict(res)));
	error |= pa_review_page_line(p, N, "  applicant %s%s%s%s   registry %s",
	    or_none(res->applicant.name), res->applicant.country ? " (" : "",
	    res->applicant.country ? res->applicant.country : "",
	    res->applicant.country ? ")" : "", or_none(res->applicant.registry_id));
	error |= pa_review_page_line(p, N, "  request   %s GPU-hours on %s, partition %s, call %s",
	    or_none(res->applicant.gpu_hours), or_none(res->applicant.machine),
	    or_none(res->applicant.partition), or_none(res->applicant.call));

	pa_review_dossier_open(d, counts);
	error |= pa_review_page_line(p, H, "Findings (%zu)", res->findings.count);
	if (pa_review_page_row(p, PA_REVIEW_STYLE_NORMAL, PA_REVIEW_ROW_LINK, 0) == NULL)
		return PA_ENOMEM;
	{
		struct pa_buf b = PA_BUF_INIT;
		struct pa_review_row *r = p->rows.items[p->rows.count - 1];

		pa_buf_printf(&b, "  open: %zu blocker, %zu error, %zu warning, %zu info  "
		    "(Enter: the findings)", counts[PA_SEVERITY_BLOCKER], counts[PA_SEVERITY_ERROR],
		    counts[PA_SEVERITY_WARNING], counts[PA_SEVERITY_INFO]);
		error |= pa_review_row_text(r, b.ptr);
		pa_buf_dispose(&b);
	}
	error |= ledger_lines(p, d);

	error |= pa_review_page_line(p, H, "Systems and tiers (%zu)", res->systems.count);
	for (i = 0; i < res->systems.count; i++) {
		it = res->systems.items[i];
		error |= pa_review_page_line(p, tier_style(it->tier), "  %-28s %-11s%s%s",
		    it->id, or_none(it->tier), it->gpai ? " GPAI " : "", it->gpai ? it->gpai : "");
	}
	error |= pa_review_page_line(p, H, "Models, GPAI status and licences (%zu)",
	    res->models.count);
	for (i = 0; i < res->models.count; i++) {
		it = res->models.items[i];
		error |= pa_review_page_line(p, it->gpai && strcmp(it->gpai, "systemic") == 0 ?
		    PA_REVIEW_STYLE_ERROR : license_style(it), "  %-28s GPAI %-9s %s%s%s%s",
		    it->id, or_none(it->gpai), or_none(it->license),
		    it->license_status ? " (" : "", it->license_status ? it->license_status : "",
		    it->license_status ? ")" : "");
	}
	error |= pa_review_page_line(p, H, "Datasets and licences (%zu)", res->datasets.count);
	for (i = 0; i < res->datasets.count; i++) {
		it = res->datasets.items[i];
		error |= pa_review_page_line(p, license_style(it), "  %-28s %s%s%s%s", it->id,
		    or_none(it->license), it->license_status ? " (" : "",
		    it->license_status ? it->license_status : "", it->license_status ? ")" : "");
	}
	error |= sigs(p, res);
	error |= pact_lines(p, &res->pact);

	return error < 0 ? PA_ENOMEM : 0;
}

static size_t
initial(const struct pa_review_page *page, const struct pa_review_ctx *ctx)
{
	(void)ctx;
	return pa_review_page_first(page, PA_REVIEW_ROW_LINK);
}

static const struct pa_review_view *
open(struct pa_review_ctx *next, const struct pa_review_ctx *ctx,
    const struct pa_review_row *row)
{
	const struct pa_review_dossier *d = pa_review_call_at(ctx->call, ctx->dossier);

	(void)row;
	if (d == NULL || d->res == NULL)
		return NULL;
	*next = *ctx;
	return &pa_review_view_findings;
}

const struct pa_review_view pa_review_view_dossier = {
	.name = "dossier",
	.build = build,
	.open = open,
	.initial = initial,
};

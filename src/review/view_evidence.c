/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The evidence view: a finding, the file at the audited commit at its line, the rule, the evidence document. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "review/view.h"
#include "util/error.h"

#define H PA_REVIEW_STYLE_HEADING
#define N PA_REVIEW_STYLE_NORMAL
#define D PA_REVIEW_STYLE_DIM

/* Rows of the file view: ref is the line number, kind LINK. */
#define FILE_LINE_KIND PA_REVIEW_ROW_LINK

void
pa_review_rule_dispose(struct pa_review_rule *r)
{
	free(r->title);
	free(r->ref);
	free(r->applies_from);
	free(r->context);
	free(r->applicable);
	free(r->assertion);
	free(r->location);
	free(r->message);
	free(r->remedy);
	free(r->note);
	free(r->file);
	memset(r, 0, sizeof(*r));
}

/* One line of text: tabs expanded to 8 columns (the sanitiser would escape them). */
static void
expand_tabs(struct pa_buf *out, const char *s, size_t n)
{
	size_t i, col = 0;

	for (i = 0; i < n; i++) {
		if (s[i] == '\t') {
			do
				pa_buf_putc(out, ' ');
			while (++col % 8 != 0);
		} else {
			pa_buf_putc(out, s[i]);
			if (((unsigned char)s[i] & 0xc0) != 0x80)
				col++;
		}
	}
}

/* Each line of text as a row "NNNN│ text"; the line `mark` (1-based, 0: none) highlighted. */
static int
text_rows(struct pa_review_page *p, const char *text, size_t len, long mark)
{
	struct pa_buf b = PA_BUF_INIT;
	struct pa_review_row *r;
	const char *s = text, *end = text + len, *nl;
	long line = 0;
	int error = 0;

	while (error == 0 && s < end) {
		line++;
		if ((nl = memchr(s, '\n', (size_t)(end - s))) == NULL)
			nl = end;
		pa_buf_clear(&b);
		pa_buf_printf(&b, "%c%5ld\xe2\x94\x82 ", line == mark ? '>' : ' ', line);	/* │ */
		expand_tabs(&b, s, (size_t)(nl - s - (nl > s && nl[-1] == '\r')));
		if (pa_buf_oom(&b) || (r = pa_review_page_row(p, line == mark ?
		    PA_REVIEW_STYLE_LINE : N, FILE_LINE_KIND, (size_t)line)) == NULL)
			error = PA_ENOMEM;
		else
			error = pa_review_row_text(r, b.ptr);
		s = nl + 1;
	}
	pa_buf_dispose(&b);
	return error;
}

static int
rule_rows(struct pa_review_page *p, const struct pa_review_ctx *ctx, const char *id)
{
	struct pa_review_rule rule = { 0 };
	int error = 0, rc;

	error |= pa_review_page_line(p, H, "Rule %s", id);
	if (ctx->source == NULL || ctx->source->rule == NULL)
		return pa_review_page_line(p, D, "  %s the rule packs are not loaded", PA_REVIEW_NONE);
	if ((rc = ctx->source->rule(&rule, ctx->source->payload, id)) < 0) {
		error |= pa_review_page_line(p, D, "  %s %s", PA_REVIEW_NONE,
		    pa_error_last() ? pa_error_last() : "no such rule");
		pa_error_clear();
		return error;
	}
#define FIELD(label, v)							\
	if ((v) != NULL)						\
		error |= pa_review_page_line(p, N, "  %-12s %s", label, (v));
	FIELD("title", rule.title);
	FIELD("reference", rule.ref);
	FIELD("applies from", rule.applies_from);
	error |= pa_review_page_line(p, N, "  %-12s %s", "waivable", rule.waivable ? "yes" : "no");
	FIELD("context", rule.context);
	FIELD("applicable", rule.applicable);
	FIELD("assertion", rule.assertion);
	FIELD("location", rule.location);
	FIELD("message", rule.message);
	FIELD("file", rule.file);
#undef FIELD
	if (rule.note != NULL) {
		error |= pa_review_page_line(p, N, "  notes");
		error |= pa_review_page_wrap(p, N, 4, rule.note, ctx->width);
	}
	pa_review_rule_dispose(&rule);
	return error;
}

/* What the ledger says about the finding's waiver. */
static int
waiver_lines(struct pa_review_page *p, const struct pa_review_dossier *d,
    const struct pa_results_finding *f)
{
	const struct pa_review_record *w;
	int error = 0;

	if ((w = pa_review_finding_waiver(d, f)) != NULL)
		error |= pa_review_page_line(p, D, "  waived: %s%s%s (ledger %s)",
		    w->text ? w->text : "", w->who ? " by " : "", w->who ? w->who : "", w->commit);
	else if ((w = pa_review_finding_waiver_expired(d, f)) != NULL)
		error |= pa_review_page_line(p, pa_review_severity_style(f->severity),
		    "  waiver EXPIRED: %s (ledger %s)", w->text ? w->text : "", w->commit);
	if ((w = pa_review_finding_waiver_untrusted(d, f)) != NULL)
		error |= pa_review_page_line(p, PA_REVIEW_STYLE_BAD,
		    "  UNTRUSTED waiver, not counted: %s (ledger %s): %s", w->text ? w->text : "",
		    w->commit, w->problem ? w->problem : "not trusted");
	return error;
}

static int
build(struct pa_review_page *p, const struct pa_review_ctx *ctx)
{
	const struct pa_review_dossier *d = pa_review_call_at(ctx->call, ctx->dossier);
	const struct pa_results_finding *f;
	struct pa_buf text = PA_BUF_INIT;
	int error = 0;

	if (d == NULL || d->res == NULL || ctx->finding >= d->res->findings.count)
		return 0;
	f = d->res->findings.items[ctx->finding];
	error |= pa_review_page_title(p, "%s: %s %s", d->name, f->rule,
	    f->path ? f->path : "");
	error |= pa_review_page_line(p, H, "Finding %s", f->rule);
	error |= pa_review_page_line(p, pa_review_severity_style(f->severity),
	    "  %s, %s%s%s", pa_results_severity_name(f->severity),
	    pa_review_finding_status(d, f), f->ref ? ", " : "", f->ref ? f->ref : "");
	error |= pa_review_page_wrap(p, N, 2, f->message, ctx->width);
	if (f->remedy != NULL) {
		error |= pa_review_page_line(p, N, "  remedy");
		error |= pa_review_page_wrap(p, N, 4, f->remedy, ctx->width);
	}
	error |= pa_review_page_line(p, D, "  fingerprint %s%s%s", f->fingerprint,
	    f->anchor ? "  anchor " : "", f->anchor ? f->anchor : "");
	if (!f->waivable)
		error |= pa_review_page_line(p, D, "  this finding cannot be waived");
	error |= waiver_lines(p, d, f);

	if (f->path != NULL) {
		if (f->line > 0)
			error |= pa_review_page_line(p, H, "File %s, line %ld, at %.12s", f->path,
			    f->line, d->res->dossier_commit ? d->res->dossier_commit : "the worktree");
		else
			error |= pa_review_page_line(p, H, "File %s at %.12s", f->path,
			    d->res->dossier_commit ? d->res->dossier_commit : "the worktree");
		if (ctx->source == NULL || ctx->source->file == NULL) {
			error |= pa_review_page_line(p, D, "  %s the dossier is not open", PA_REVIEW_NONE);
		} else if (ctx->source->file(&text, ctx->source->payload, d, f->path) < 0) {
			error |= pa_review_page_line(p, D, "  %s %s", PA_REVIEW_NONE,
			    pa_error_last() ? pa_error_last() : "cannot read the file");
			pa_error_clear();
		} else {
			error |= text_rows(p, text.ptr, text.size, f->line);
		}
	}
	if (error == 0)
		error = rule_rows(p, ctx, f->rule);
	pa_buf_clear(&text);
	if (error == 0 && ctx->source != NULL && ctx->source->evidence != NULL) {
		error |= pa_review_page_line(p, H, "Evidence document");
		if (ctx->source->evidence(&text, ctx->source->payload, d) < 0) {
			error |= pa_review_page_line(p, D, "  %s %s", PA_REVIEW_NONE,
			    pa_error_last() ? pa_error_last() : "cannot build the evidence");
			pa_error_clear();
		} else {
			error |= text_rows(p, text.ptr, text.size, 0);
		}
	}
	pa_buf_dispose(&text);
	return error < 0 ? PA_ENOMEM : 0;
}

/* The finding's line when the file is shown, else the top. */
static size_t
initial(const struct pa_review_page *page, const struct pa_review_ctx *ctx)
{
	size_t i;

	(void)ctx;
	for (i = 0; i < page->nvisible; i++)
		if (pa_review_page_visible(page, i)->style == PA_REVIEW_STYLE_LINE)
			return i;
	return 0;
}

const struct pa_review_view pa_review_view_evidence = {
	.name = "evidence",
	.build = build,
	.initial = initial,
};

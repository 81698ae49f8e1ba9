/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Human output for a terminal: header, tiers, signatures, findings by severity, summary. */
#include "config.h"

#include "render/writer.h"

#include <stdlib.h>
#include <string.h>

#include "util/error.h"

#include "util/text.h"

#define C_RESET		"\033[0m"
#define C_BOLD		"\033[1m"
#define C_RED		"\033[1;31m"
#define C_GREEN		"\033[1;32m"
#define C_YELLOW	"\033[1;33m"
#define C_MAGENTA	"\033[1;35m"
#define C_CYAN		"\033[36m"

#define NAME_WIDTH_MAX	40

struct text_out {
	FILE *fp;
	bool color;
	enum pa_severity min_severity;
};

static const char *
or_q(const char *s)
{
	return s != NULL && *s != '\0' ? s : "?";
}

/* Write s, wrapped in an SGR colour when colour is on. */
static void
put_c(const struct text_out *o, const char *sgr, const char *s)
{
	if (o->color && sgr != NULL)
		fprintf(o->fp, "%s%s%s", sgr, s, C_RESET);
	else
		fputs(s, o->fp);
}

/* Write s and pad it with spaces to width display columns. */
static void
put_padded(const struct text_out *o, const char *sgr, const char *s, size_t width)
{
	size_t w = pa_text_width(s);

	put_c(o, sgr, s);
	for (; w < width; w++)
		fputc(' ', o->fp);
}

static const char *
sev_color(enum pa_severity sev)
{
	switch (sev) {
	case PA_SEVERITY_BLOCKER:
		return C_MAGENTA;
	case PA_SEVERITY_ERROR:
		return C_RED;
	case PA_SEVERITY_WARNING:
		return C_YELLOW;
	case PA_SEVERITY_INFO:
		return C_CYAN;
	default:
		return NULL;
	}
}

static const char *
verdict_color(enum pa_verdict v)
{
	switch (v) {
	case PA_VERDICT_ELIGIBLE:
		return C_GREEN;
	case PA_VERDICT_NEEDS_CHANGES:
		return C_YELLOW;
	default:
		return C_RED;
	}
}

static void
write_header(const struct text_out *o, const struct pa_results *d)
{
	fputs("dossier: ", o->fp);
	put_c(o, C_BOLD, or_q(d->dossier_path));
	fputc('\n', o->fp);
	if (d->dossier_commit != NULL)
		fprintf(o->fp, "  commit: %.12s", d->dossier_commit);
	else
		fputs("  commit: none", o->fp);
	if (d->dossier_rev != NULL && d->dossier_mode != NULL)
		fprintf(o->fp, " (%s, %s)\n", d->dossier_rev, d->dossier_mode);
	else if (d->dossier_rev != NULL || d->dossier_mode != NULL)
		fprintf(o->fp, " (%s)\n", d->dossier_rev ? d->dossier_rev : d->dossier_mode);
	else
		fputc('\n', o->fp);
	fprintf(o->fp, "  as of:  %s\n", or_q(d->as_of));
	fprintf(o->fp, "  trust:  %s\n", or_q(d->trust));
	fprintf(o->fp, "  rules:  %s (pactaudit %s)\n", or_q(d->rules_version),
	    d->tool_version ? d->tool_version : PACKAGE_VERSION);
}

static const struct pa_results_item *
item_at(const struct pa_vec *v, size_t i)
{
	return v->items[i];
}

static size_t
name_width(const struct pa_results *d)
{
	size_t i, w, max = 0;

	for (i = 0; i < d->systems.count; i++)
		if ((w = pa_text_width(or_q(item_at(&d->systems, i)->id))) > max)
			max = w;
	for (i = 0; i < d->models.count; i++)
		if ((w = pa_text_width(or_q(item_at(&d->models, i)->id))) > max)
			max = w;
	return max > NAME_WIDTH_MAX ? NAME_WIDTH_MAX : max;
}

static void
write_tiers(const struct text_out *o, const struct pa_results *d)
{
	size_t i, w = name_width(d);

	fputs(d->systems.count ? "systems:\n" : "systems: none\n", o->fp);
	for (i = 0; i < d->systems.count; i++) {
		fputs("  ", o->fp);
		put_padded(o, NULL, or_q(item_at(&d->systems, i)->id), w);
		fprintf(o->fp, "  %s\n", or_q(item_at(&d->systems, i)->tier));
	}
	fputs(d->models.count ? "models:\n" : "models: none\n", o->fp);
	for (i = 0; i < d->models.count; i++) {
		fputs("  ", o->fp);
		put_padded(o, NULL, or_q(item_at(&d->models, i)->id), w);
		fprintf(o->fp, "  %s\n", or_q(item_at(&d->models, i)->gpai));
	}
}

static void
write_signatures(const struct text_out *o, const struct pa_results *d)
{
	const struct pa_results_signature *s;
	size_t i, len, w = 0;
	const char *status;

	for (i = 0; i < d->signatures.count; i++) {
		s = d->signatures.items[i];
		if ((len = pa_text_width(or_q(s->status))) > w)
			w = len;
	}
	fputs(d->signatures.count ? "signatures:\n" : "signatures: none\n", o->fp);
	for (i = 0; i < d->signatures.count; i++) {
		s = d->signatures.items[i];
		status = or_q(s->status);
		fputs("  ", o->fp);
		put_padded(o, strcmp(status, "good") == 0 ? C_GREEN : C_RED, status, w);
		fprintf(o->fp, "  %s", or_q(s->object));
		if (s->kind != NULL)
			fprintf(o->fp, " (%s)", s->kind);
		if (s->fingerprint != NULL)
			fprintf(o->fp, " %s", s->fingerprint);
		fputc('\n', o->fp);
	}
}

static void
write_remedy(const struct text_out *o, const char *remedy)
{
	const char *p, *nl;

	fputs("    remedy: ", o->fp);
	for (p = remedy; (nl = strchr(p, '\n')) != NULL; p = nl + 1) {
		fwrite(p, 1, (size_t)(nl - p), o->fp);
		fputs(nl[1] == '\n' ? "\n" : "\n            ", o->fp);
	}
	fprintf(o->fp, "%s\n", p);
}

/*
 * The waiver under its finding:
 *   waived: REASON until DATE, self-declared (FILE:N) by APPROVER: JUSTIFICATION
 *   waiver expired DATE (...): open again
 */
static void
write_waiver(const struct text_out *o, const struct pa_results_waiver *w)
{
	bool ledger = w->source != NULL && strcmp(w->source, "ledger") == 0;

	fputs("    ", o->fp);
	switch (w->state) {
	case PA_WAIVER_APPLIED:
		put_c(o, C_GREEN, "waived");
		break;
	case PA_WAIVER_EXPIRED:
		put_c(o, C_YELLOW, "waiver expired, open again");
		break;
	case PA_WAIVER_REFUSED:
		put_c(o, C_RED, "waiver refused, this rule cannot be waived");
		break;
	default:
		put_c(o, C_RED, "waiver not applied, untrusted ledger record");
		break;
	}
	fprintf(o->fp, ": %s", or_q(w->reason));
	if (w->until != NULL)
		fprintf(o->fp, " until %s", w->until);
	fprintf(o->fp, ", %s", ledger ? "auditor's ledger" : "self-declared");
	if (w->id != NULL && ledger)	/* the ledger and its commit, abbreviated */
		fprintf(o->fp, " (%s%s%.12s)", w->origin ? w->origin : "", w->origin ? " " : "",
		    w->id);
	else if (w->id != NULL)		/* FILE:N */
		fprintf(o->fp, " (%s)", w->id);
	if (w->approver_name != NULL || w->approver != NULL)
		fprintf(o->fp, " by %s", w->approver_name ? w->approver_name : w->approver);
	if (w->justification != NULL)
		fprintf(o->fp, ": %s", w->justification);
	if (w->problem != NULL)
		fprintf(o->fp, " [%s]", w->problem);
	fputc('\n', o->fp);
}

/* path:line: severity: [RULE] message (ref) [status] */
static void
write_finding(const struct text_out *o, const struct pa_results_finding *f)
{
	if (f->path != NULL && f->line > 0)
		fprintf(o->fp, "%s:%ld: ", f->path, f->line);
	else if (f->path != NULL)
		fprintf(o->fp, "%s: ", f->path);
	put_c(o, sev_color(f->severity), pa_results_severity_name(f->severity));
	fprintf(o->fp, ": [%s] %s", or_q(f->rule), f->message ? f->message : "");
	if (f->ref != NULL)
		fprintf(o->fp, " (%s)", f->ref);
	if (!f->in_force && f->applies_from != NULL)
		fprintf(o->fp, " [applies from %s]", f->applies_from);
	else if (!f->in_force)
		fputs(" [not yet in force]", o->fp);
	else if (f->status != PA_FINDING_OPEN)
		fprintf(o->fp, " [%s]", f->status == PA_FINDING_NEEDS_REVIEW ?
		    "needs review" : pa_results_status_name(f->status));
	fputc('\n', o->fp);
	if (f->remedy != NULL && *f->remedy != '\0')
		write_remedy(o, f->remedy);
	if (f->waiver != NULL)
		write_waiver(o, f->waiver);
	if (f->fingerprint[0] != '\0' && f->waiver != NULL)
		fprintf(o->fp, "    fingerprint: %s\n", f->fingerprint);
}

/* The baseline's findings that are gone. */
static void
write_fixed(const struct text_out *o, const struct pa_results *d)
{
	size_t i;

	if (d->baseline == NULL)
		return;
	fprintf(o->fp, "fixed since the baseline %s:%s\n", d->baseline,
	    d->fixed.count ? "" : " none");
	for (i = 0; i < d->fixed.count; i++) {
		const struct pa_results_fixed *fx = d->fixed.items[i];

		fputs("  ", o->fp);
		if (fx->path != NULL)
			fprintf(o->fp, "%s: ", fx->path);
		put_c(o, C_GREEN, "fixed");
		fprintf(o->fp, ": %s [%s] %s (%.12s)\n", pa_results_severity_name(fx->severity),
		    or_q(fx->rule), fx->message ? fx->message : "", fx->fingerprint);
	}
}

static int
write_findings(const struct text_out *o, const struct pa_results *d)
{
	const struct pa_results_finding **sorted;
	size_t i, n = d->findings.count, in_force = 0, later = 0, hidden = 0;
	int error;

	if ((error = pa_results_report_order(&sorted, d)) < 0)
		return pa_error_oom();
	for (i = 0; i < n; i++) {
		if (sorted[i]->severity < o->min_severity)
			hidden++;
		else if (sorted[i]->in_force)
			in_force++;
		else
			later++;
	}
	fputs(in_force ? "findings:\n" : "findings: none\n", o->fp);
	for (i = 0; i < n; i++)
		if (sorted[i]->in_force && sorted[i]->severity >= o->min_severity)
			write_finding(o, sorted[i]);
	if (later > 0) {
		fputs("not yet in force:\n", o->fp);
		for (i = 0; i < n; i++)
			if (!sorted[i]->in_force && sorted[i]->severity >= o->min_severity)
				write_finding(o, sorted[i]);
	}
	if (hidden > 0)
		fprintf(o->fp, "(%zu less severe than %s not shown)\n", hidden,
		    pa_results_severity_name(o->min_severity));
	free(sorted);
	return 0;
}

static void
write_count(FILE *fp, size_t n, const char *one, const char *many)
{
	fprintf(fp, "%zu %s", n, n == 1 ? one : many);
}

static void
write_summary(const struct text_out *o, const struct pa_results *d)
{
	struct pa_results_counts c;
	enum pa_verdict v = pa_results_verdict(d);

	pa_results_count(&c, d);
	fputs("summary: ", o->fp);
	write_count(o->fp, c.open[PA_SEVERITY_BLOCKER], "blocker", "blockers");
	fputs(", ", o->fp);
	write_count(o->fp, c.open[PA_SEVERITY_ERROR], "error", "errors");
	fputs(", ", o->fp);
	write_count(o->fp, c.open[PA_SEVERITY_WARNING], "warning", "warnings");
	fprintf(o->fp, ", %zu info", c.open[PA_SEVERITY_INFO]);
	fprintf(o->fp, " open; %zu needs review, %zu waived, %zu baselined, "
	    "%zu not yet in force; verdict: ", c.needs_review, c.waived,
	    c.baselined, c.not_in_force);
	put_c(o, verdict_color(v), pa_results_verdict_name(v));
	fputc('\n', o->fp);
}

static void
write_total(const struct text_out *o, const struct pa_render_input *in)
{
	size_t i, n[PA_VERDICT_INELIGIBLE + 1] = { 0 };

	for (i = 0; i < in->count; i++)
		n[pa_results_verdict(in->results[i])]++;
	fprintf(o->fp, "total: %zu dossiers: %zu eligible, %zu needs-changes, %zu ineligible\n",
	    in->count, n[PA_VERDICT_ELIGIBLE], n[PA_VERDICT_NEEDS_CHANGES],
	    n[PA_VERDICT_INELIGIBLE]);
}

int
pa_render_text(FILE *out, const struct pa_render_input *in,
    const struct pa_render_opts *opts)
{
	const struct text_out o = { .fp = out, .color = opts->color,
	    .min_severity = opts->min_severity };
	size_t i;

	for (i = 0; i < in->count; i++) {
		const struct pa_results *d = in->results[i];

		if (i > 0)
			fputc('\n', out);
		write_header(&o, d);
		write_tiers(&o, d);
		write_signatures(&o, d);
		if (write_findings(&o, d) < 0)
			return PA_ENOMEM;
		write_fixed(&o, d);
		write_summary(&o, d);
	}
	if (in->count != 1) {
		if (in->count > 1)
			fputc('\n', out);
		write_total(&o, in);
	}
	return 0;
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Human output for a terminal: header, tiers, signatures, findings by severity, summary. */
#include "config.h"

#include "render/model.h"

#include <string.h>

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
sev_color(enum pa_sev rank)
{
	switch (rank) {
	case PA_SEV_BLOCKER:
		return C_MAGENTA;
	case PA_SEV_ERROR:
		return C_RED;
	case PA_SEV_WARNING:
		return C_YELLOW;
	case PA_SEV_INFO:
		return C_CYAN;
	default:
		return NULL;
	}
}

static const char *
verdict_color(const char *v)
{
	if (v == NULL)
		return NULL;
	if (strcmp(v, "eligible") == 0)
		return C_GREEN;
	if (strcmp(v, "needs-changes") == 0)
		return C_YELLOW;
	if (strcmp(v, "ineligible") == 0)
		return C_RED;
	return NULL;
}

static void
write_header(const struct text_out *o, const struct pa_rdossier *d)
{
	fputs("dossier: ", o->fp);
	put_c(o, C_BOLD, or_q(d->path));
	fputc('\n', o->fp);
	if (d->commit != NULL)
		fprintf(o->fp, "  commit: %.12s", d->commit);
	else
		fputs("  commit: none", o->fp);
	if (d->rev != NULL && d->mode != NULL)
		fprintf(o->fp, " (%s, %s)\n", d->rev, d->mode);
	else if (d->rev != NULL || d->mode != NULL)
		fprintf(o->fp, " (%s)\n", d->rev ? d->rev : d->mode);
	else
		fputc('\n', o->fp);
	fprintf(o->fp, "  as of:  %s\n", or_q(d->as_of));
	fprintf(o->fp, "  trust:  %s\n", or_q(d->trust));
	if (d->rules_version != NULL || d->tool_version != NULL)
		fprintf(o->fp, "  rules:  %s (%s %s)\n", or_q(d->rules_version),
		    d->tool_name ? d->tool_name : "pactaudit", or_q(d->tool_version));
}

static size_t
name_width(const struct pa_rdossier *d)
{
	size_t i, w, max = 0;

	for (i = 0; i < d->nsystems; i++)
		if ((w = pa_text_width(or_q(d->systems[i].id))) > max)
			max = w;
	for (i = 0; i < d->nmodels; i++)
		if ((w = pa_text_width(or_q(d->models[i].id))) > max)
			max = w;
	return max > NAME_WIDTH_MAX ? NAME_WIDTH_MAX : max;
}

static void
write_tiers(const struct text_out *o, const struct pa_rdossier *d)
{
	size_t i, w = name_width(d);

	fputs(d->nsystems ? "systems:\n" : "systems: none\n", o->fp);
	for (i = 0; i < d->nsystems; i++) {
		fputs("  ", o->fp);
		put_padded(o, NULL, or_q(d->systems[i].id), w);
		fprintf(o->fp, "  %s\n", or_q(d->systems[i].tier));
	}
	fputs(d->nmodels ? "models:\n" : "models: none\n", o->fp);
	for (i = 0; i < d->nmodels; i++) {
		fputs("  ", o->fp);
		put_padded(o, NULL, or_q(d->models[i].id), w);
		fprintf(o->fp, "  %s\n", or_q(d->models[i].gpai));
	}
}

static void
write_signatures(const struct text_out *o, const struct pa_rdossier *d)
{
	size_t i, len, w = 0;
	const char *status;

	for (i = 0; i < d->nsigs; i++)
		if ((len = pa_text_width(or_q(d->sigs[i].status))) > w)
			w = len;
	fputs(d->nsigs ? "signatures:\n" : "signatures: none\n", o->fp);
	for (i = 0; i < d->nsigs; i++) {
		status = or_q(d->sigs[i].status);
		fputs("  ", o->fp);
		put_padded(o, strcmp(status, "good") == 0 ? C_GREEN : C_RED, status, w);
		fprintf(o->fp, "  %s", or_q(d->sigs[i].object));
		if (d->sigs[i].kind != NULL)
			fprintf(o->fp, " (%s)", d->sigs[i].kind);
		if (d->sigs[i].fingerprint != NULL)
			fprintf(o->fp, " %s", d->sigs[i].fingerprint);
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

/* path:line: severity: [RULE] message (ref) [status] */
static void
write_finding(const struct text_out *o, const struct pa_rfinding *f)
{
	if (f->path != NULL && f->line > 0)
		fprintf(o->fp, "%s:%ld: ", f->path, f->line);
	else if (f->path != NULL)
		fprintf(o->fp, "%s: ", f->path);
	put_c(o, sev_color(f->rank), or_q(f->severity));
	fprintf(o->fp, ": [%s] %s", or_q(f->rule), f->message ? f->message : "");
	if (f->ref != NULL)
		fprintf(o->fp, " (%s)", f->ref);
	if (!f->in_force && f->applies_from != NULL)
		fprintf(o->fp, " [applies from %s]", f->applies_from);
	else if (!f->in_force)
		fputs(" [not yet in force]", o->fp);
	else if (f->status != NULL && strcmp(f->status, "open") != 0)
		fprintf(o->fp, " [%s]", strcmp(f->status, "needs-review") == 0 ?
		    "needs review" : f->status);
	fputc('\n', o->fp);
	if (f->remedy != NULL && *f->remedy != '\0')
		write_remedy(o, f->remedy);
}

static void
write_findings(const struct text_out *o, const struct pa_rdossier *d)
{
	size_t i, in_force = 0;

	for (i = 0; i < d->nfindings; i++)
		in_force += d->sorted[i]->in_force;
	fputs(in_force ? "findings:\n" : "findings: none\n", o->fp);
	for (i = 0; i < d->nfindings; i++)
		if (d->sorted[i]->in_force)
			write_finding(o, d->sorted[i]);
	if (in_force == d->nfindings)
		return;
	fputs("not yet in force:\n", o->fp);
	for (i = 0; i < d->nfindings; i++)
		if (!d->sorted[i]->in_force)
			write_finding(o, d->sorted[i]);
}

static void
write_count(FILE *fp, size_t n, const char *one, const char *many)
{
	fprintf(fp, "%zu %s", n, n == 1 ? one : many);
}

static void
write_summary(const struct text_out *o, const struct pa_rdossier *d)
{
	const struct pa_rcounts *c = &d->counts;

	fputs("summary: ", o->fp);
	write_count(o->fp, c->open[PA_SEV_BLOCKER], "blocker", "blockers");
	fputs(", ", o->fp);
	write_count(o->fp, c->open[PA_SEV_ERROR], "error", "errors");
	fputs(", ", o->fp);
	write_count(o->fp, c->open[PA_SEV_WARNING], "warning", "warnings");
	fprintf(o->fp, ", %zu info", c->open[PA_SEV_INFO]);
	if (c->open[PA_SEV_OTHER] > 0)
		fprintf(o->fp, ", %zu other", c->open[PA_SEV_OTHER]);
	fprintf(o->fp, " open; %zu needs review, %zu waived, %zu baselined, "
	    "%zu not yet in force; verdict: ", c->needs_review, c->waived,
	    c->baselined, c->not_in_force);
	put_c(o, verdict_color(d->verdict), d->verdict ? d->verdict : "unknown");
	fputc('\n', o->fp);
}

static void
write_total(const struct text_out *o, const struct pa_render_input *in)
{
	static const char *const verdicts[] = { "eligible", "needs-changes", "ineligible" };
	size_t i, k, n[4] = { 0 };

	for (i = 0; i < in->count; i++) {
		for (k = 0; k < 3; k++)
			if (in->dossiers[i].verdict != NULL &&
			    strcmp(in->dossiers[i].verdict, verdicts[k]) == 0)
				break;
		n[k]++;
	}
	fprintf(o->fp, "total: %zu dossiers: %zu eligible, %zu needs-changes, %zu ineligible",
	    in->count, n[0], n[1], n[2]);
	if (n[3] > 0)
		fprintf(o->fp, ", %zu without a verdict", n[3]);
	fputc('\n', o->fp);
}

int
pa_render_text(FILE *out, const struct pa_render_input *in,
    const struct pa_render_opts *opts)
{
	const struct text_out o = { .fp = out, .color = opts->color };
	size_t i;

	for (i = 0; i < in->count; i++) {
		const struct pa_rdossier *d = &in->dossiers[i];

		if (i > 0)
			fputc('\n', out);
		write_header(&o, d);
		write_tiers(&o, d);
		write_signatures(&o, d);
		write_findings(&o, d);
		write_summary(&o, d);
	}
	if (in->count != 1) {
		if (in->count > 1)
			fputc('\n', out);
		write_total(&o, in);
	}
	return 0;
}

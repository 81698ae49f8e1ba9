/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Test Anything Protocol version 13: one test point per finding, details in a YAML block. */
#include "config.h"

#include "render/writer.h"

#include <stdlib.h>
#include <string.h>

#include "util/error.h"

/*
 * A finding that fails --fail-on is "not ok"; waived, baselined and not
 * yet in force findings are "ok ... # SKIP why"; unresolved findings below
 * --fail-on are "not ok ... # TODO" (reported, not counted as failures).
 * A dossier without findings gets one "ok" point.
 */

/* A description: '#' escaped as TAP 13 asks (the text is already on one line). */
static void
put_desc(FILE *fp, const char *s)
{
	for (; *s != '\0'; s++) {
		if (*s == '#')
			fputc('\\', fp);
		fputc(*s, fp);
	}
}

/* A YAML double-quoted scalar. */
static void
put_yaml(FILE *fp, const char *key, const char *s)
{
	if (s == NULL)
		return;
	fprintf(fp, "  %s: \"", key);
	for (; *s != '\0'; s++) {
		if (*s == '"' || *s == '\\')
			fprintf(fp, "\\%c", *s);
		else if (*s == '\n')
			fputs("\\n", fp);
		else if (*s == '\t')
			fputs("\\t", fp);
		else
			fputc(*s, fp);
	}
	fputs("\"\n", fp);
}

static void
write_point(FILE *fp, size_t n, const struct pa_results_finding *f, enum pa_fail_on fail_on)
{
	bool skip = !f->in_force || f->status == PA_FINDING_WAIVED ||
	    f->status == PA_FINDING_BASELINED;
	bool fails = pa_results_finding_fails(f, fail_on);

	fprintf(fp, "%s %zu - ", skip ? "ok" : "not ok", n);
	put_desc(fp, f->rule ? f->rule : "?");
	if (f->path != NULL) {
		fputc(' ', fp);
		put_desc(fp, f->path);
		if (f->line > 0)
			fprintf(fp, ":%ld", f->line);
	}
	if (f->message != NULL) {
		fputc(' ', fp);
		put_desc(fp, f->message);
	}
	if (!f->in_force) {
		fputs(" # SKIP applies from ", fp);
		put_desc(fp, f->applies_from ? f->applies_from : "a later date");
	} else if (skip) {
		fputs(" # SKIP ", fp);
		put_desc(fp, pa_results_status_name(f->status));
		if (f->status == PA_FINDING_WAIVED && f->waiver != NULL && f->waiver->reason) {
			fputs(" (", fp);
			put_desc(fp, f->waiver->reason);
			fputs(f->waiver->source && strcmp(f->waiver->source, "ledger") == 0 ?
			    ", ledger)" : ", self-declared)", fp);
		}
	} else if (!fails) {
		fputs(" # TODO below --fail-on", fp);
	}
	fputc('\n', fp);
	fputs("  ---\n", fp);
	put_yaml(fp, "severity", pa_results_severity_name(f->severity));
	put_yaml(fp, "status", pa_results_status_name(f->status));
	put_yaml(fp, "ref", f->ref);
	put_yaml(fp, "applies_from", f->applies_from);
	put_yaml(fp, "remedy", f->remedy);
	put_yaml(fp, "fingerprint", f->fingerprint[0] ? f->fingerprint : NULL);
	if (f->waiver != NULL) {
		const struct pa_results_waiver *w = f->waiver;

		put_yaml(fp, "waiver", pa_results_waiver_state_name(w->state));
		put_yaml(fp, "waiver_source", w->source);
		put_yaml(fp, "waiver_origin", w->origin);
		put_yaml(fp, "waiver_id", w->id);
		put_yaml(fp, "waiver_reason", w->reason);
		put_yaml(fp, "waiver_until", w->until);
		put_yaml(fp, "waiver_approver", w->approver_name ? w->approver_name : w->approver);
		put_yaml(fp, "waiver_justification", w->justification);
		put_yaml(fp, "waiver_problem", w->problem);
	}
	fputs("  ...\n", fp);
}

/* Comment lines: who applies, for what, and each system's purpose (strings are one line). */
static void
put_who(FILE *out, const struct pa_results *d)
{
	const struct pa_results_applicant *a = &d->applicant;
	size_t i;

	if (a->name || a->country || a->registry_id) {
		fprintf(out, "# applicant %s", a->name ? a->name : "?");
		if (a->country)
			fprintf(out, " (%s)", a->country);
		if (a->registry_id)
			fprintf(out, " registry %s", a->registry_id);
		fputc('\n', out);
	}
	if (a->call || a->machine || a->partition || a->gpu_hours) {
		fputs("# request", out);
		if (a->call)
			fprintf(out, " call %s", a->call);
		if (a->machine)
			fprintf(out, " machine %s", a->machine);
		if (a->partition)
			fprintf(out, " partition %s", a->partition);
		if (a->gpu_hours)
			fprintf(out, " gpu-hours %s", a->gpu_hours);
		fputc('\n', out);
	}
	for (i = 0; i < d->systems.count; i++) {
		const struct pa_results_item *it = d->systems.items[i];

		fprintf(out, "# system %s", it->id);
		if (it->tier)
			fprintf(out, " tier %s", it->tier);
		if (it->purpose)
			fprintf(out, ": %s", it->purpose);
		fputc('\n', out);
	}
}

int
pa_render_tap(FILE *out, const struct pa_render_input *in,
    const struct pa_render_opts *opts)
{
	const struct pa_results_finding **sorted;
	size_t i, k, n = 0, plan = 0;

	for (i = 0; i < in->count; i++)
		plan += in->results[i]->findings.count ? in->results[i]->findings.count : 1;
	fprintf(out, "TAP version 13\n1..%zu\n", plan);
	for (i = 0; i < in->count; i++) {
		const struct pa_results *d = in->results[i];

		fprintf(out, "# dossier %s", d->dossier_path ? d->dossier_path : "?");
		if (d->dossier_commit != NULL)
			fprintf(out, " commit %.12s", d->dossier_commit);
		fprintf(out, " verdict %s\n", pa_results_verdict_name(pa_results_verdict(d)));
		put_who(out, d);
		if (pa_results_report_order(&sorted, d) < 0)
			return pa_error_oom();
		for (k = 0; k < d->findings.count; k++)
			write_point(out, ++n, sorted[k], opts->fail_on);
		free(sorted);
		if (d->findings.count == 0) {
			fprintf(out, "ok %zu - ", ++n);
			put_desc(out, d->dossier_path ? d->dossier_path : "dossier");
			fputs(" no findings\n", out);
		}
	}
	return 0;
}

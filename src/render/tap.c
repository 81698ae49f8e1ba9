/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Test Anything Protocol version 13: one test point per finding, details in a YAML block. */
#include "config.h"

#include "render/model.h"

#include <string.h>

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
write_point(FILE *fp, size_t n, const struct pa_rfinding *f, int fail_rank)
{
	bool skip = !f->in_force || (f->status != NULL &&
	    (strcmp(f->status, "waived") == 0 || strcmp(f->status, "baselined") == 0));
	bool fails = pa_render_fails(f, fail_rank);

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
		put_desc(fp, f->status);
	} else if (!fails) {
		fputs(" # TODO below --fail-on", fp);
	}
	fputc('\n', fp);
	fputs("  ---\n", fp);
	put_yaml(fp, "severity", f->severity);
	put_yaml(fp, "status", f->status);
	put_yaml(fp, "ref", f->ref);
	put_yaml(fp, "applies_from", f->applies_from);
	put_yaml(fp, "remedy", f->remedy);
	put_yaml(fp, "fingerprint", f->fingerprint);
	fputs("  ...\n", fp);
}

int
pa_render_tap(FILE *out, const struct pa_render_input *in,
    const struct pa_render_opts *opts)
{
	size_t i, k, n = 0, plan = 0;
	int error, fail_rank;

	if ((error = pa_render_fail_rank(&fail_rank, opts->fail_on)) < 0)
		return error;
	for (i = 0; i < in->count; i++)
		plan += in->dossiers[i].nfindings ? in->dossiers[i].nfindings : 1;
	fprintf(out, "TAP version 13\n1..%zu\n", plan);
	for (i = 0; i < in->count; i++) {
		const struct pa_rdossier *d = &in->dossiers[i];

		fprintf(out, "# dossier %s", d->path ? d->path : "?");
		if (d->commit != NULL)
			fprintf(out, " commit %.12s", d->commit);
		fprintf(out, " verdict %s\n", d->verdict ? d->verdict : "unknown");
		for (k = 0; k < d->nfindings; k++)
			write_point(out, ++n, d->sorted[k], fail_rank);
		if (d->nfindings == 0) {
			fprintf(out, "ok %zu - ", ++n);
			put_desc(out, d->path ? d->path : "dossier");
			fputs(" no findings\n", out);
		}
	}
	return 0;
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * A diff of two results (results/diff.h) written out: its document
 * (urn:pactaudit:diff:1; Markdown and HTML come from it through
 * reports/diff-md.xsl and diff-html.xsl), JSON and text.  Every string
 * from a dossier is sanitised (one line) before it is written.
 */
#include "config.h"

#include "render/writer.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/alloc.h"
#include "util/error.h"
#include "util/text.h"

#define DIFF_NS "urn:pactaudit:diff:1"

static const char *
sev(const struct pa_results_finding *f)
{
	return pa_results_severity_name(f->severity);
}

static const char *
status(const struct pa_results_finding *f)
{
	return pa_results_status_name(f->status);
}

static void
prop(xmlNode *n, const char *name, const char *value, bool *oom)
{
	char *c;

	if (value == NULL)
		return;
	if ((c = pa_text_sanitize_dup(value)) == NULL ||
	    xmlNewProp(n, BAD_CAST name, BAD_CAST c) == NULL)
		*oom = true;
	free(c);
}

static void
propn(xmlNode *n, const char *name, long long v, bool *oom)
{
	char num[32];

	snprintf(num, sizeof(num), "%lld", v);
	prop(n, name, num, oom);
}

static xmlNode *
child(xmlNode *parent, const char *name, bool *oom)
{
	xmlNode *n = xmlNewChild(parent, parent->ns, BAD_CAST name, NULL);

	if (n == NULL)
		*oom = true;
	return n;
}

static void
side(xmlNode *root, const char *name, const struct pa_results *r, bool *oom)
{
	xmlNode *n = child(root, name, oom);

	if (n == NULL)
		return;
	prop(n, "path", r->dossier_path, oom);
	prop(n, "commit", r->dossier_commit, oom);
	prop(n, "rev", r->dossier_rev, oom);
	prop(n, "verdict", pa_results_verdict_name(pa_results_verdict(r)), oom);
}

static void
finding(xmlNode *root, const char *change, const struct pa_results_finding *f,
    const struct pa_results_finding *old, bool *oom)
{
	xmlNode *n = child(root, "finding", oom);
	char *msg;

	if (n == NULL)
		return;
	prop(n, "change", change, oom);
	prop(n, "rule", f->rule, oom);
	prop(n, "severity", sev(f), oom);
	prop(n, "status", status(f), oom);
	if (old != NULL) {
		prop(n, "old-severity", sev(old), oom);
		prop(n, "old-status", status(old), oom);
	}
	prop(n, "path", f->path, oom);
	if (f->line > 0)
		propn(n, "line", f->line, oom);
	prop(n, "ref", f->ref, oom);
	prop(n, "fingerprint", f->fingerprint, oom);
	if ((msg = pa_text_sanitize_dup(f->message)) == NULL ||
	    xmlNewTextChild(n, n->ns, BAD_CAST "message", BAD_CAST msg) == NULL)
		*oom = true;
	free(msg);
}

static const char *
item_change(const struct pa_diff_item *it)
{
	return it->old_value == NULL ? "added" : it->new_value == NULL ? "removed" : "changed";
}

static void
items(xmlNode *root, const char *list, const char *elem, const struct pa_vec *v,
    bool compared, bool *oom)
{
	xmlNode *l = child(root, list, oom), *n;
	size_t i;

	if (l == NULL)
		return;
	prop(l, "compared", compared ? "true" : "false", oom);
	for (i = 0; i < v->count; i++) {
		const struct pa_diff_item *it = v->items[i];

		if ((n = child(l, elem, oom)) == NULL)
			return;
		prop(n, "change", item_change(it), oom);
		prop(n, "key", it->key, oom);
		prop(n, "label", it->label, oom);
		prop(n, "old", it->old_value, oom);
		prop(n, "new", it->new_value, oom);
	}
}

int
pa_render_diff_xml(xmlDoc **out, const struct pa_diff *d, enum pa_fail_on fail_on)
{
	xmlDoc *doc = xmlNewDoc(BAD_CAST "1.0");
	xmlNode *root = xmlNewNode(NULL, BAD_CAST "diff"), *n;
	bool oom = doc == NULL || root == NULL;
	size_t i;

	*out = NULL;
	if (oom) {
		xmlFreeDoc(doc);
		xmlFreeNode(root);
		return pa_error_oom();
	}
	xmlDocSetRootElement(doc, root);
	xmlSetNs(root, xmlNewNs(root, BAD_CAST DIFF_NS, NULL));
	prop(root, "version", "1", &oom);
	prop(root, "fail-on", pa_results_fail_on_name(fail_on), &oom);
	propn(root, "failing", (long long)pa_diff_failing(d, fail_on), &oom);
	side(root, "old", d->old, &oom);
	side(root, "new", d->new_, &oom);
	if ((n = child(root, "findings", &oom)) != NULL) {
		propn(n, "new", (long long)d->added.count, &oom);
		propn(n, "fixed", (long long)d->fixed.count, &oom);
		propn(n, "unchanged", (long long)d->unchanged.count, &oom);
		propn(n, "changed", (long long)d->changed, &oom);
		for (i = 0; i < d->added.count; i++)
			finding(n, "new", d->added.items[i], NULL, &oom);
		for (i = 0; i < d->fixed.count; i++)
			finding(n, "fixed", d->fixed.items[i], NULL, &oom);
		for (i = 0; i < d->unchanged.count; i++) {
			const struct pa_diff_pair *p = d->unchanged.items[i];

			if (pa_diff_pair_changed(p))
				finding(n, "changed", p->new_, p->old, &oom);
		}
	}
	items(root, "tiers", "tier", &d->tiers, true, &oom);
	items(root, "signers", "signer", &d->signers, d->signers_compared, &oom);
	items(root, "commitments", "pledge", &d->commitments, d->commitments_compared, &oom);
	if (oom) {
		xmlFreeDoc(doc);
		return pa_error_oom();
	}
	*out = doc;
	return 0;
}

static void
jstr(json_t *o, const char *key, const char *s, bool *oom)
{
	char *c;

	if (s == NULL) {
		if (json_object_set_new(o, key, json_null()) != 0)
			*oom = true;
		return;
	}
	if ((c = pa_text_sanitize_dup(s)) == NULL ||
	    json_object_set_new(o, key, json_string(c)) != 0)
		*oom = true;
	free(c);
}

static json_t *
jside(const struct pa_results *r, bool *oom)
{
	json_t *o = json_object();

	if (o == NULL) {
		*oom = true;
		return NULL;
	}
	jstr(o, "path", r->dossier_path, oom);
	jstr(o, "commit", r->dossier_commit, oom);
	jstr(o, "verdict", pa_results_verdict_name(pa_results_verdict(r)), oom);
	return o;
}

static void
jfinding(json_t *a, const char *change, const struct pa_results_finding *f,
    const struct pa_results_finding *old, bool *oom)
{
	json_t *o = json_object();

	if (o == NULL || json_array_append_new(a, o) != 0) {
		*oom = true;
		return;
	}
	jstr(o, "change", change, oom);
	jstr(o, "rule", f->rule, oom);
	jstr(o, "severity", sev(f), oom);
	jstr(o, "status", status(f), oom);
	jstr(o, "old_severity", old ? sev(old) : NULL, oom);
	jstr(o, "old_status", old ? status(old) : NULL, oom);
	jstr(o, "path", f->path, oom);
	if (json_object_set_new(o, "line", f->line > 0 ? json_integer(f->line) : json_null()) != 0)
		*oom = true;
	jstr(o, "ref", f->ref, oom);
	jstr(o, "message", f->message, oom);
	jstr(o, "fingerprint", f->fingerprint, oom);
}

static json_t *
jitems(const struct pa_vec *v, bool compared, bool *oom)
{
	json_t *a = json_array();
	size_t i;

	if (a == NULL || !compared) {
		json_decref(a);
		if (compared)
			*oom = true;
		return json_null();
	}
	for (i = 0; i < v->count; i++) {
		const struct pa_diff_item *it = v->items[i];
		json_t *o = json_object();

		if (o == NULL || json_array_append_new(a, o) != 0) {
			*oom = true;
			break;
		}
		jstr(o, "change", item_change(it), oom);
		jstr(o, "key", it->key, oom);
		jstr(o, "label", it->label, oom);
		jstr(o, "old", it->old_value, oom);
		jstr(o, "new", it->new_value, oom);
	}
	return a;
}

int
pa_render_diff_json(FILE *out, const struct pa_diff *d, enum pa_fail_on fail_on)
{
	json_t *root = json_object(), *f = json_array(), *counts = json_object();
	bool oom = root == NULL || f == NULL || counts == NULL;
	size_t i;
	int error = 0;

	if (!oom) {
		json_object_set_new(root, "version", json_integer(1));
		json_object_set_new(root, "old", jside(d->old, &oom));
		json_object_set_new(root, "new", jside(d->new_, &oom));
		json_object_set_new(counts, "new", json_integer((json_int_t)d->added.count));
		json_object_set_new(counts, "fixed", json_integer((json_int_t)d->fixed.count));
		json_object_set_new(counts, "unchanged", json_integer((json_int_t)d->unchanged.count));
		json_object_set_new(counts, "changed", json_integer((json_int_t)d->changed));
		json_object_set_new(root, "counts", json_incref(counts));
		for (i = 0; i < d->added.count; i++)
			jfinding(f, "new", d->added.items[i], NULL, &oom);
		for (i = 0; i < d->fixed.count; i++)
			jfinding(f, "fixed", d->fixed.items[i], NULL, &oom);
		for (i = 0; i < d->unchanged.count; i++) {
			const struct pa_diff_pair *p = d->unchanged.items[i];

			if (pa_diff_pair_changed(p))
				jfinding(f, "changed", p->new_, p->old, &oom);
		}
		json_object_set_new(root, "findings", json_incref(f));
		json_object_set_new(root, "tiers", jitems(&d->tiers, true, &oom));
		json_object_set_new(root, "signers", jitems(&d->signers, d->signers_compared, &oom));
		json_object_set_new(root, "commitments", jitems(&d->commitments,
		    d->commitments_compared, &oom));
		jstr(root, "fail_on", pa_results_fail_on_name(fail_on), &oom);
		json_object_set_new(root, "failing", json_integer((json_int_t)pa_diff_failing(d,
		    fail_on)));
	}
	if (oom)
		error = pa_error_oom();
	else if (json_dumpf(root, out, JSON_INDENT(2) | JSON_PRESERVE_ORDER) != 0 ||
	    fputc('\n', out) == EOF)
		error = pa_error_set(PA_ERRCLASS_OS, "cannot write the diff");
	json_decref(root);
	json_decref(f);
	json_decref(counts);
	return error;
}

static void
put(FILE *out, const char *s)
{
	char *c = pa_text_sanitize_dup(s ? s : "");

	fputs(c ? c : "?", out);
	free(c);
}

static void
tfinding(FILE *out, char mark, const struct pa_results_finding *f,
    const struct pa_results_finding *old)
{
	fprintf(out, "  %c %-7s ", mark, sev(f));
	put(out, f->rule);
	if (f->path != NULL) {
		fputc(' ', out);
		put(out, f->path);
		if (f->line > 0)
			fprintf(out, ":%ld", f->line);
	}
	if (old != NULL)
		fprintf(out, " (was %s, %s; now %s)", sev(old), status(old), status(f));
	fputs(": ", out);
	put(out, f->message);
	fprintf(out, " [%.12s]\n", f->fingerprint);
}

static void
titems(FILE *out, const char *title, const struct pa_vec *v, bool compared)
{
	size_t i;

	if (!compared) {
		fprintf(out, "%s: not compared (a side could not be read)\n", title);
		return;
	}
	fprintf(out, "%s: %zu change(s)\n", title, v->count);
	for (i = 0; i < v->count; i++) {
		const struct pa_diff_item *it = v->items[i];

		fprintf(out, "  %c ", it->old_value == NULL ? '+' : it->new_value == NULL ? '-' : '~');
		put(out, it->key);
		if (it->label != NULL) {
			fputs(" (", out);
			put(out, it->label);
			fputc(')', out);
		}
		fputs(": ", out);
		if (it->old_value != NULL && it->new_value != NULL) {
			put(out, it->old_value);
			fputs(" -> ", out);
			put(out, it->new_value);
		} else {
			put(out, it->old_value ? it->old_value : it->new_value);
		}
		fputc('\n', out);
	}
}

int
pa_render_diff_text(FILE *out, const struct pa_diff *d, enum pa_fail_on fail_on)
{
	size_t i;

	fputs("old: ", out);
	put(out, d->old->dossier_path);
	fprintf(out, " at %.12s\nnew: ", d->old->dossier_commit ? d->old->dossier_commit : "(folder)");
	put(out, d->new_->dossier_path);
	fprintf(out, " at %.12s\n", d->new_->dossier_commit ? d->new_->dossier_commit : "(folder)");
	fprintf(out, "verdict: %s -> %s\n", pa_results_verdict_name(pa_results_verdict(d->old)),
	    pa_results_verdict_name(pa_results_verdict(d->new_)));
	fprintf(out, "findings: %zu new, %zu fixed, %zu unchanged (%zu changed severity or status)\n",
	    d->added.count, d->fixed.count, d->unchanged.count, d->changed);
	for (i = 0; i < d->added.count; i++)
		tfinding(out, '+', d->added.items[i], NULL);
	for (i = 0; i < d->fixed.count; i++)
		tfinding(out, '-', d->fixed.items[i], NULL);
	for (i = 0; i < d->unchanged.count; i++) {
		const struct pa_diff_pair *p = d->unchanged.items[i];

		if (pa_diff_pair_changed(p))
			tfinding(out, '~', p->new_, p->old);
	}
	titems(out, "tiers", &d->tiers, true);
	titems(out, "signers", &d->signers, d->signers_compared);
	titems(out, "commitments", &d->commitments, d->commitments_compared);
	fprintf(out, "failing: %zu new finding(s) at or above %s\n", pa_diff_failing(d, fail_on),
	    pa_results_fail_on_name(fail_on));
	return pa_render_check_stream(out);
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
/* JSON output (jansson): one object per dossier with the keys DESIGN.md section 4 fixes. */
#include "config.h"

#include "render/writer.h"

#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "util/error.h"
#include "util/text.h"

/* A string or null; NULL only when jansson is out of memory. */
static json_t *
jstr(const char *s)
{
	return s != NULL ? json_string(s) : json_null();
}

/* Set key to value (which it steals); false if either failed. */
static bool
jset(json_t *obj, const char *key, json_t *value)
{
	return value != NULL && json_object_set_new(obj, key, value) == 0;
}

/* The waiver object of a finding, or null. */
static json_t *
json_waiver(const struct pa_results_waiver *w)
{
	json_t *o;

	if (w == NULL)
		return json_null();
	if ((o = json_object()) == NULL ||
	    !jset(o, "state", jstr(pa_results_waiver_state_name(w->state))) ||
	    !jset(o, "applied", json_boolean(w->state == PA_WAIVER_APPLIED)) ||
	    !jset(o, "source", jstr(w->source)) ||
	    !jset(o, "origin", jstr(w->origin)) ||
	    !jset(o, "id", jstr(w->id)) ||
	    !jset(o, "reason", jstr(w->reason)) ||
	    !jset(o, "justification", jstr(w->justification)) ||
	    !jset(o, "until", jstr(w->until)) ||
	    !jset(o, "approver", jstr(w->approver)) ||
	    !jset(o, "approver_name", jstr(w->approver_name)) ||
	    !jset(o, "created", jstr(w->created)) ||
	    !jset(o, "problem", jstr(w->problem))) {
		json_decref(o);
		return NULL;
	}
	return o;
}

/* {"file": ..., "fixed": [...]} of a results compared with a baseline, or null. */
static json_t *
json_baseline(const struct pa_results *d)
{
	json_t *o, *fixed, *item;
	size_t i;
	bool ok;

	if (d->baseline == NULL)
		return json_null();
	o = json_object();
	fixed = json_array();
	ok = o != NULL && fixed != NULL && jset(o, "file", jstr(d->baseline));
	for (i = 0; ok && i < d->fixed.count; i++) {
		const struct pa_results_fixed *fx = d->fixed.items[i];

		ok = (item = json_object()) != NULL &&
		    json_array_append_new(fixed, item) == 0 &&
		    jset(item, "rule", jstr(fx->rule)) &&
		    jset(item, "severity", jstr(pa_results_severity_name(fx->severity))) &&
		    jset(item, "fingerprint", jstr(fx->fingerprint)) &&
		    jset(item, "path", jstr(fx->path)) &&
		    jset(item, "anchor", jstr(fx->anchor)) &&
		    jset(item, "message", jstr(fx->message));
	}
	if (ok && json_object_set(o, "fixed", fixed) == 0) {
		json_decref(fixed);
		return o;
	}
	json_decref(fixed);
	json_decref(o);
	return NULL;
}

/* GPU-hours as a JSON number (an integer when it is one), null when absent or not a number. */
static json_t *
jhours(const struct pa_results_applicant *a)
{
	double v;

	if (!pa_results_gpu_hours(a, &v))
		return json_null();
	if (v < 9007199254740992.0 && v == (double)(json_int_t)v)
		return json_integer((json_int_t)v);
	return json_real(v);
}

/* "applicant" and "request" of one dossier (who applies for what). */
static bool
json_applicant(json_t *o, const struct pa_results_applicant *a)
{
	json_t *who = json_object(), *req = json_object();
	bool ok = who != NULL && req != NULL &&
	    jset(who, "name", jstr(a->name)) &&
	    jset(who, "country", jstr(a->country)) &&
	    jset(who, "registry_id", jstr(a->registry_id)) &&
	    jset(req, "call", jstr(a->call)) &&
	    jset(req, "machine", jstr(a->machine)) &&
	    jset(req, "partition", jstr(a->partition)) &&
	    jset(req, "gpu_hours", jhours(a));

	if (!ok) {
		json_decref(who);
		json_decref(req);
		return false;
	}
	return jset(o, "applicant", who) && jset(o, "request", req);
}

static json_t *
json_finding(const struct pa_results_finding *f)
{
	json_t *o = json_object();
	bool ok;

	ok = o != NULL &&
	    jset(o, "rule", jstr(f->rule)) &&
	    jset(o, "severity", jstr(pa_results_severity_name(f->severity))) &&
	    jset(o, "status", jstr(pa_results_status_name(f->status))) &&
	    jset(o, "path", jstr(f->path)) &&
	    jset(o, "line", f->line > 0 ? json_integer(f->line) : json_null()) &&
	    jset(o, "message", jstr(f->message)) &&
	    jset(o, "fingerprint", jstr(f->fingerprint[0] ? f->fingerprint : NULL)) &&
	    jset(o, "ref", jstr(f->ref)) &&
	    jset(o, "remedy", jstr(f->remedy)) &&
	    jset(o, "anchor", jstr(f->anchor)) &&
	    jset(o, "in_force", json_boolean(f->in_force)) &&
	    jset(o, "applies_from", jstr(f->applies_from)) &&
	    jset(o, "waivable", json_boolean(f->waivable)) &&
	    jset(o, "waiver", json_waiver(f->waiver));
	if (!ok) {
		json_decref(o);
		return NULL;
	}
	return o;
}

/* Move *value into obj under key; *value is NULL afterwards whatever happens. */
static bool
jmove(json_t *obj, const char *key, json_t **value)
{
	json_t *v = *value;

	*value = NULL;
	return jset(obj, key, v);
}

static bool
jpush(json_t *arr, json_t *value)
{
	return value != NULL && json_array_append_new(arr, value) == 0;
}

/* "datasets" (id and licence of each card) and "pact" (null without pact/commitments.xml). */
static bool
json_inventory(json_t *o, const struct pa_results *d)
{
	json_t *datasets = json_array(), *pact = NULL, *list = NULL, *item;
	size_t i;
	bool ok = datasets != NULL;

	for (i = 0; ok && i < d->datasets.count; i++) {
		const struct pa_results_item *it = d->datasets.items[i];

		ok = (item = json_object()) != NULL && jpush(datasets, item) &&
		    jset(item, "id", jstr(it->id)) &&
		    jset(item, "license", jstr(it->license)) &&
		    jset(item, "license_status", jstr(it->license_status));
	}
	if (ok && d->pact.state != NULL) {
		ok = (pact = json_object()) != NULL && (list = json_array()) != NULL &&
		    jset(pact, "state", jstr(d->pact.state)) &&
		    jset(pact, "organisation", jstr(d->pact.organisation)) &&
		    jset(pact, "signed_on", jstr(d->pact.signed_on));
		for (i = 0; ok && i < d->pact.commitments.count; i++) {
			const struct pa_results_commitment *c = d->pact.commitments.items[i];

			ok = (item = json_object()) != NULL && jpush(list, item) &&
			    jset(item, "kind", jstr(c->kind)) && jset(item, "id", jstr(c->id)) &&
			    jset(item, "role", jstr(c->role)) &&
			    jset(item, "article", jstr(c->article)) &&
			    jset(item, "due", jstr(c->due)) && jset(item, "text", jstr(c->text));
		}
		ok = ok && jmove(pact, "commitments", &list);
	}
	ok = ok && jmove(o, "datasets", &datasets) &&
	    (pact != NULL ? jmove(o, "pact", &pact) : jset(o, "pact", json_null()));
	json_decref(datasets);
	json_decref(list);
	json_decref(pact);
	return ok;
}

json_t *
pa_render_json_dossier(const struct pa_results *d)
{
	const struct pa_results_item *it;
	const struct pa_results_signature *s;
	json_t *o = json_object(), *tool = json_object(), *rules = json_object();
	json_t *dos = json_object(), *systems = json_array(), *models = json_array();
	json_t *sigs = json_array(), *findings = json_array(), *item;
	size_t i;
	bool ok = o && tool && rules && dos && systems && models && sigs && findings;

	ok = ok &&
	    jset(tool, "name", jstr("pactaudit")) &&
	    jset(tool, "version", jstr(d->tool_version ? d->tool_version : PACKAGE_VERSION)) &&
	    jset(rules, "version", jstr(d->rules_version)) &&
	    jset(rules, "digest", jstr(d->rules_digest[0] ? d->rules_digest : NULL)) &&
	    jset(dos, "path", jstr(d->dossier_path)) &&
	    jset(dos, "commit", jstr(d->dossier_commit)) &&
	    jset(dos, "rev", jstr(d->dossier_rev)) &&
	    jset(dos, "mode", jstr(d->dossier_mode)) &&
	    jset(dos, "trust", jstr(d->trust));
	for (i = 0; ok && i < d->systems.count; i++) {
		it = d->systems.items[i];
		ok = (item = json_object()) != NULL &&
		    jpush(systems, item) &&
		    jset(item, "id", jstr(it->id)) &&
		    jset(item, "tier", jstr(it->tier)) &&
		    jset(item, "purpose", jstr(it->purpose));
	}
	for (i = 0; ok && i < d->models.count; i++) {
		it = d->models.items[i];
		ok = (item = json_object()) != NULL &&
		    jpush(models, item) &&
		    jset(item, "id", jstr(it->id)) &&
		    jset(item, "gpai", jstr(it->gpai)) &&
		    jset(item, "license", jstr(it->license)) &&
		    jset(item, "license_status", jstr(it->license_status));
	}
	for (i = 0; ok && i < d->signatures.count; i++) {
		s = d->signatures.items[i];
		ok = (item = json_object()) != NULL &&
		    jpush(sigs, item) &&
		    jset(item, "object", jstr(s->object)) &&
		    jset(item, "kind", jstr(s->kind)) &&
		    jset(item, "status", jstr(s->status)) &&
		    jset(item, "fingerprint", jstr(s->fingerprint));
	}
	for (i = 0; ok && i < d->findings.count; i++)
		ok = jpush(findings, json_finding(d->findings.items[i]));
	ok = ok &&
	    jmove(o, "dossier", &dos) &&
	    json_applicant(o, &d->applicant) &&
	    jset(o, "as_of", jstr(d->as_of)) &&
	    jmove(o, "systems", &systems) &&
	    jmove(o, "models", &models) &&
	    json_inventory(o, d) &&
	    jmove(o, "signatures", &sigs) &&
	    jmove(o, "findings", &findings) &&
	    jset(o, "baseline", json_baseline(d)) &&
	    jset(o, "verdict", jstr(pa_results_verdict_name(pa_results_verdict(d)))) &&
	    jmove(o, "tool", &tool) &&
	    jmove(o, "rules", &rules);
	json_decref(tool);
	json_decref(rules);
	json_decref(dos);
	json_decref(systems);
	json_decref(models);
	json_decref(sigs);
	json_decref(findings);
	if (!ok) {
		json_decref(o);
		return NULL;
	}
	return o;
}

/*
 * A dossier of the call that could not be audited: the keys of an audited
 * one, empty, with verdict null and the reason under "error".
 */
static json_t *
json_failure(const struct pa_render_failure *fail)
{
	json_t *o = json_object(), *dos;
	char *path = pa_text_sanitize_dup(fail->path ? fail->path : "");
	char *why = pa_text_sanitize_dup(fail->message ? fail->message : "");
	bool ok;

	ok = o != NULL && path != NULL && why != NULL &&
	    (dos = json_object()) != NULL && jset(o, "dossier", dos) &&
	    jset(dos, "path", json_string(path)) &&
	    jset(dos, "commit", json_null()) &&
	    jset(o, "as_of", json_null()) &&
	    jset(o, "systems", json_array()) &&
	    jset(o, "models", json_array()) &&
	    jset(o, "datasets", json_array()) &&
	    jset(o, "pact", json_null()) &&
	    jset(o, "signatures", json_array()) &&
	    jset(o, "findings", json_array()) &&
	    jset(o, "verdict", json_null()) &&
	    jset(o, "baseline", json_null()) &&
	    jset(o, "applicant", json_null()) &&
	    jset(o, "request", json_null()) &&
	    jset(o, "error", json_string(why));
	free(path);
	free(why);
	if (!ok) {
		json_decref(o);
		return NULL;
	}
	return o;
}

/* json_dump_callback() sink: the text of an array element, indented one level. */
static int
put_indented(const char *buf, size_t size, void *data)
{
	FILE *out = data;
	const char *p = buf, *nl, *end = buf + size;

	while ((nl = memchr(p, '\n', (size_t)(end - p))) != NULL) {
		if (fwrite(p, 1, (size_t)(nl - p), out) != (size_t)(nl - p) ||
		    fputs("\n  ", out) == EOF)
			return -1;
		p = nl + 1;
	}
	return fwrite(p, 1, (size_t)(end - p), out) == (size_t)(end - p) ? 0 : -1;
}

/*
 * One element of the top-level array, consumed: written as json_dumpf()
 * of the whole array would write it (JSON_INDENT(2): "[", then each element
 * on a new line two spaces in, "," between them, "]" on a line of its
 * own; a string never holds a raw newline, so every newline of the
 * element's own dump is one of its line breaks).
 */
static int
put_element(FILE *out, json_t *elem, bool first)
{
	int error = 0;

	if (elem == NULL)
		return pa_error_oom();
	if (fputs(first ? "[\n  " : ",\n  ", out) == EOF ||
	    json_dump_callback(elem, put_indented, out, JSON_INDENT(2)) < 0)
		error = pa_error_set(PA_ERRCLASS_OS, "cannot write the JSON report");
	json_decref(elem);
	return error;
}

/* The JSON object of dossier i, from its sanitised copy (made and freed here). */
static json_t *
dossier_at(const struct pa_render_input *in, size_t i)
{
	struct pa_results *copy = NULL;
	json_t *o;

	if (pa_render_input_copy(&copy, in, i) < 0)
		return NULL;
	o = pa_render_json_dossier(copy);
	pa_results_free(copy);
	return o;
}

/*
 * One object when one dossier was named, an array of one object per
 * dossier named (audited or not, in their order) otherwise: the shape
 * follows the command line, never what happened to the audits.  The
 * array is written one element at a time, so only one dossier's copy and
 * JSON tree exist at once, whatever the size of the call.
 */
int
pa_render_json(FILE *out, const struct pa_render_input *in,
    const struct pa_render_opts *opts)
{
	json_t *root;
	size_t i, k = 0;
	bool first = true;
	int error = 0;

	if (in->count == 1 && opts->nfailures == 0) {
		if ((root = dossier_at(in, 0)) == NULL)
			return pa_error_oom();
		if (json_dumpf(root, out, JSON_INDENT(2)) < 0 || fputc('\n', out) == EOF)
			error = pa_error_set(PA_ERRCLASS_OS, "cannot write the JSON report");
		json_decref(root);
		return error;
	}
	for (i = 0; error == 0 && i <= in->count; i++) {
		for (; error == 0 && k < opts->nfailures && opts->failures[k].before <= i; k++) {
			error = put_element(out, json_failure(&opts->failures[k]), first);
			first = false;
		}
		if (error == 0 && i < in->count) {
			error = put_element(out, dossier_at(in, i), first);
			first = false;
		}
	}
	if (error == 0 && fputs(first ? "[]\n" : "\n]\n", out) == EOF)
		error = pa_error_set(PA_ERRCLASS_OS, "cannot write the JSON report");
	return error;
}

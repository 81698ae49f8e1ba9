/* SPDX-License-Identifier: GPL-3.0-or-later */
/* SARIF 2.1.0 output (jansson): one run per dossier, one result per finding. */
#include "config.h"

#include "render/writer.h"

#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "util/alloc.h"
#include "util/buf.h"
#include "util/error.h"

#define SARIF_SCHEMA "https://json.schemastore.org/sarif-2.1.0.json"
#define SARIF_FINGERPRINT "pactaudit/v1"
#define SARIF_BASE "DOSSIER"

/* Steal value into obj[key]; false on failure (value is released either way). */
static bool
jset(json_t *obj, const char *key, json_t *value)
{
	return value != NULL && json_object_set_new(obj, key, value) == 0;
}

/* Set obj[key] to the string s unless s is NULL. */
static bool
jopt(json_t *obj, const char *key, const char *s)
{
	return s == NULL || jset(obj, key, json_string(s));
}

static bool
jpush(json_t *arr, json_t *value)
{
	return value != NULL && json_array_append_new(arr, value) == 0;
}

/* {"text": s} */
static json_t *
jtext(const char *s)
{
	json_t *o = json_object();

	if (o != NULL && !jset(o, "text", json_string(s))) {
		json_decref(o);
		return NULL;
	}
	return o;
}

static const char *
sarif_level(enum pa_severity sev)
{
	switch (sev) {
	case PA_SEVERITY_BLOCKER:
	case PA_SEVERITY_ERROR:
		return "error";
	case PA_SEVERITY_WARNING:
		return "warning";
	default:
		return "note";
	}
}

/*
 * The level a rule's most severe in-force finding gives it; -1 while the
 * rule has only findings not yet in force (their level is "note").
 */
static int
level_rank(const struct pa_results_finding *f)
{
	return f->in_force ? (int)f->severity : -1;
}

/* Percent-encode a dossier-relative path into a relative URI reference. */
static int
uri_encode(struct pa_buf *out, const char *path)
{
	static const char keep[] = "-._~!$&'()*+,;=:@/";
	const unsigned char *p;

	for (p = (const unsigned char *)path; *p != '\0'; p++) {
		if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
		    (*p >= '0' && *p <= '9') || strchr(keep, *p) != NULL)
			pa_buf_putc(out, (char)*p);
		else
			pa_buf_printf(out, "%%%02X", *p);
	}
	return pa_buf_oom(out) ? PA_ENOMEM : 0;
}

/*
 * Index of rule in the run's rules[] (adding it), or -1 on OOM.  seen maps
 * each rule id already in rules[] to its index (a hash table), so a run
 * costs one lookup per result, not a scan of the rules.
 */
static json_int_t
rule_index(json_t *rules, json_t *seen, const struct pa_results_finding *f, int *ranks)
{
	json_t *r, *props, *cfg, *known = json_object_get(seen, f->rule);
	struct pa_buf desc = PA_BUF_INIT;
	size_t i, n = json_array_size(rules);
	bool ok;

	if (known != NULL) {
		i = (size_t)json_integer_value(known);
		/* the rule's level is that of its most severe in-force finding */
		if (level_rank(f) > ranks[i]) {
			ranks[i] = level_rank(f);
			cfg = json_object_get(json_array_get(rules, i), "defaultConfiguration");
			props = json_object_get(json_array_get(rules, i), "properties");
			if (!jset(cfg, "level", json_string(sarif_level(f->severity))) ||
			    !jset(props, "severity",
			    json_string(pa_results_severity_name(f->severity))))
				return -1;
		}
		return (json_int_t)i;
	}
	pa_buf_puts(&desc, f->rule);
	if (f->ref != NULL)
		pa_buf_printf(&desc, " (%s)", f->ref);
	ranks[n] = level_rank(f);
	ok = !pa_buf_oom(&desc) &&
	    jset(seen, f->rule, json_integer((json_int_t)n)) &&
	    (r = json_object()) != NULL && jpush(rules, r) &&
	    jset(r, "id", json_string(f->rule)) &&
	    jset(r, "shortDescription", jtext(desc.ptr)) &&
	    (cfg = json_object()) != NULL && jset(r, "defaultConfiguration", cfg) &&
	    jset(cfg, "level", json_string(sarif_level(f->in_force ? f->severity :
	    PA_SEVERITY_INFO))) &&
	    (props = json_object()) != NULL && jset(r, "properties", props) &&
	    jopt(props, "ref", f->ref) &&
	    jopt(props, "severity", pa_results_severity_name(f->severity));
	pa_buf_dispose(&desc);
	return ok ? (json_int_t)n : -1;
}

static json_t *
sarif_location(const struct pa_results_finding *f)
{
	json_t *locs = json_array(), *loc, *phys, *art, *region;
	struct pa_buf uri = PA_BUF_INIT;
	bool ok;

	ok = locs != NULL && uri_encode(&uri, f->path) == 0 &&
	    (loc = json_object()) != NULL && jpush(locs, loc) &&
	    (phys = json_object()) != NULL && jset(loc, "physicalLocation", phys) &&
	    (art = json_object()) != NULL && jset(phys, "artifactLocation", art) &&
	    jset(art, "uri", json_string(uri.ptr)) &&
	    jset(art, "uriBaseId", json_string(SARIF_BASE)) &&
	    (f->line <= 0 ||
	    ((region = json_object()) != NULL && jset(phys, "region", region) &&
	    jset(region, "startLine", json_integer(f->line))));
	pa_buf_dispose(&uri);
	if (!ok) {
		json_decref(locs);
		return NULL;
	}
	return locs;
}

static json_t *
sarif_suppressions(const struct pa_results_finding *f)
{
	json_t *arr = json_array(), *s;
	const char *why = f->status == PA_FINDING_WAIVED ?
	    "waived in the auditor's ledger" : "recorded in the baseline";

	if (arr == NULL || (s = json_object()) == NULL || !jpush(arr, s) ||
	    !jset(s, "kind", json_string("external")) ||
	    !jset(s, "status", json_string("accepted")) ||
	    !jset(s, "justification", json_string(why))) {
		json_decref(arr);
		return NULL;
	}
	return arr;
}

static json_t *
sarif_result(const struct pa_results_finding *f, json_t *rules, json_t *seen, int *ranks)
{
	json_t *r = json_object(), *fp, *props;
	json_int_t idx = -2;
	bool ok, suppressed = f->status == PA_FINDING_WAIVED ||
	    f->status == PA_FINDING_BASELINED;

	ok = r != NULL;
	if (ok && f->rule != NULL)
		ok = (idx = rule_index(rules, seen, f, ranks)) >= 0 &&
		    jset(r, "ruleId", json_string(f->rule)) &&
		    jset(r, "ruleIndex", json_integer(idx));
	ok = ok &&
	    jset(r, "level", json_string(sarif_level(f->severity))) &&
	    jset(r, "message", jtext(f->message ? f->message :
	    f->rule ? f->rule : "finding")) &&
	    (f->path == NULL || jset(r, "locations", sarif_location(f))) &&
	    (f->fingerprint[0] == '\0' ||
	    ((fp = json_object()) != NULL && jset(r, "partialFingerprints", fp) &&
	    jset(fp, SARIF_FINGERPRINT, json_string(f->fingerprint)))) &&
	    (!suppressed || jset(r, "suppressions", sarif_suppressions(f))) &&
	    (props = json_object()) != NULL && jset(r, "properties", props) &&
	    jopt(props, "severity", pa_results_severity_name(f->severity)) &&
	    jopt(props, "status", pa_results_status_name(f->status)) &&
	    jset(props, "inForce", json_boolean(f->in_force)) &&
	    jopt(props, "appliesFrom", f->applies_from) &&
	    jopt(props, "ref", f->ref) &&
	    jopt(props, "anchor", f->anchor) &&
	    jopt(props, "remedy", f->remedy);
	if (!ok) {
		json_decref(r);
		return NULL;
	}
	return r;
}

/* file:// URI of an absolute dossier folder, with a final slash. */
static json_t *
sarif_base(const char *path)
{
	json_t *bases = json_object(), *base;
	struct pa_buf uri = PA_BUF_INIT;
	bool ok;

	pa_buf_puts(&uri, "file://");
	ok = bases != NULL && uri_encode(&uri, path) == 0 &&
	    (uri.ptr[uri.size - 1] == '/' || pa_buf_putc(&uri, '/') == 0) &&
	    (base = json_object()) != NULL && jset(bases, SARIF_BASE, base) &&
	    jset(base, "uri", json_string(uri.ptr));
	pa_buf_dispose(&uri);
	if (!ok) {
		json_decref(bases);
		return NULL;
	}
	return bases;
}

static json_t *
sarif_run(const struct pa_results *d)
{
	json_t *run = json_object(), *tool, *driver, *props;
	json_t *rules = NULL, *results = NULL, *seen = json_object();
	int *ranks = NULL;
	size_t i;
	bool ok;

	ok = run != NULL && seen != NULL &&
	    (ranks = pa_calloc(d->findings.count + 1, sizeof(*ranks))) != NULL &&
	    (tool = json_object()) != NULL && jset(run, "tool", tool) &&
	    (driver = json_object()) != NULL && jset(tool, "driver", driver) &&
	    jset(driver, "name", json_string("pactaudit")) &&
	    jopt(driver, "version", d->tool_version ? d->tool_version : PACKAGE_VERSION) &&
	    (rules = json_array()) != NULL && jset(driver, "rules", rules) &&
	    (d->dossier_path == NULL || d->dossier_path[0] != '/' ||
	    jset(run, "originalUriBaseIds", sarif_base(d->dossier_path))) &&
	    (results = json_array()) != NULL && jset(run, "results", results);
	for (i = 0; ok && i < d->findings.count; i++)
		ok = jpush(results, sarif_result(d->findings.items[i], rules, seen, ranks));
	/* the dossier's facts, as in the JSON format, without the findings */
	ok = ok && (props = pa_render_json_dossier(d)) != NULL &&
	    jset(run, "properties", props) &&
	    json_object_del(props, "findings") == 0 &&
	    json_object_del(props, "tool") == 0;
	free(ranks);
	json_decref(seen);
	if (!ok) {
		json_decref(run);
		return NULL;
	}
	return run;
}

int
pa_render_sarif(FILE *out, const struct pa_render_input *in,
    const struct pa_render_opts *opts)
{
	json_t *log = json_object(), *runs = NULL;
	size_t i;
	bool ok;
	int error = 0;

	(void)opts;
	ok = log != NULL &&
	    jset(log, "$schema", json_string(SARIF_SCHEMA)) &&
	    jset(log, "version", json_string("2.1.0")) &&
	    (runs = json_array()) != NULL && jset(log, "runs", runs);
	for (i = 0; ok && i < in->count; i++)
		ok = jpush(runs, sarif_run(in->results[i]));
	if (!ok)
		error = pa_error_oom();
	else if (json_dumpf(log, out, JSON_INDENT(2)) < 0 || fputc('\n', out) == EOF)
		error = pa_error_set(PA_ERRCLASS_OS, "cannot write the SARIF log");
	json_decref(log);
	return error;
}

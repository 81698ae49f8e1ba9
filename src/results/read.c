/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Reading results documents back into the results model, after validating them. */
#include "config.h"

#include "results/results.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "parse/xml.h"
#include "results/internal.h"
#include "util/alloc.h"
#include "util/diag.h"
#include "util/error.h"
#include "util/limits.h"

#define RESULTS_SCHEMA "results.rng"

static bool
is_elem(const xmlNode *n, const char *name)
{
	return n != NULL && n->type == XML_ELEMENT_NODE && n->ns != NULL &&
	    xmlStrEqual(n->ns->href, BAD_CAST PA_RESULTS_NS) &&
	    xmlStrEqual(n->name, BAD_CAST name);
}

/* The first diagnostic as "name:line: message" (one line), PA_EINVALID. */
static int
diag_error(const struct pa_diag *diag, const char *name, const char *fallback)
{
	if (diag->count > 0 && diag->entries[0].line > 0)
		return pa_error_setc(PA_EINVALID, PA_ERRCLASS_XML, "%s:%ld: %s", name,
		    diag->entries[0].line, diag->entries[0].message);
	if (diag->count > 0)
		return pa_error_setc(PA_EINVALID, PA_ERRCLASS_XML, "%s: %s", name,
		    diag->entries[0].message);
	return pa_error_setc(PA_EINVALID, PA_ERRCLASS_XML, "%s: %s", name, fallback);
}

/* Element text as it is in the document (NULL when absent). */
static char *
text_of(const xmlNode *n)
{
	xmlChar *v = xmlNodeGetContent(n);
	char *s;

	if (v == NULL)
		return NULL;
	s = pa_strdup((const char *)v);
	xmlFree(v);
	return s;
}

/* The schema made sure the pattern; a value too large for long is refused there too. */
static long
line_of(const char *s)
{
	char *end;
	long v;

	if (s == NULL)
		return 0;
	errno = 0;
	v = strtol(s, &end, 10);
	return (errno != 0 || *end != '\0' || v < 0) ? 0 : v;
}

static bool
is_true(const char *s)
{
	return s != NULL && strcmp(s, "true") == 0;
}

/* The text of n's first child element `name` (a new string), or NULL; *oom on failure. */
static char *
child_text(const xmlNode *n, const char *name, bool *oom)
{
	const xmlNode *c;
	char *s;

	for (c = n->children; c != NULL && !is_elem(c, name); c = c->next)
		;
	if (c == NULL)
		return NULL;
	if ((s = text_of(c)) == NULL)
		*oom = true;
	return s;
}

/* The <waiver> of a finding element, onto the model's finding f. */
static int
read_waiver(struct pa_results_finding *f, const xmlNode *finding)
{
	struct pa_results_waiver w = { 0 };
	const xmlNode *n;
	const char *state;
	bool oom = false;
	size_t i;
	int error;

	for (n = finding->children; n != NULL && !is_elem(n, "waiver"); n = n->next)
		;
	if (n == NULL)
		return 0;
	state = pa_xml_attr(n, "state");
	for (i = 0; state != NULL && i <= PA_WAIVER_UNTRUSTED; i++)
		if (strcmp(state, pa_results_waiver_state_name(i)) == 0)
			w.state = (enum pa_waiver_state)i;
	w.source = pa_xml_attr(n, "source");
	w.origin = pa_xml_attr(n, "origin");
	w.id = pa_xml_attr(n, "id");
	w.reason = pa_xml_attr(n, "reason");
	w.until = pa_xml_attr(n, "until");
	w.approver = pa_xml_attr(n, "approver");
	w.approver_name = pa_xml_attr(n, "approver-name");
	w.created = pa_xml_attr(n, "created");
	w.problem = pa_xml_attr(n, "problem");
	w.justification = child_text(n, "justification", &oom);
	error = oom ? pa_error_oom() : pa_results_set_waiver(f, &w);
	free((char *)w.justification);
	return error;
}

/* <baseline file=>, its <fixed> findings. */
static int
read_baseline(struct pa_results *res, const xmlNode *b)
{
	const xmlNode *n;
	int error;

	if ((error = pa_results__set_raw(&res->baseline, pa_xml_attr(b, "file"))) < 0)
		return error;
	for (n = b->children; n != NULL; n = n->next) {
		struct pa_results_fixed fx = { 0 };
		const char *fp = pa_xml_attr(n, "fingerprint");
		bool oom = false;

		if (!is_elem(n, "fixed"))
			continue;
		fx.rule = pa_xml_attr(n, "rule");
		fx.path = pa_xml_attr(n, "path");
		fx.anchor = pa_xml_attr(n, "anchor");
		if ((error = pa_results_severity_parse(&fx.severity, pa_xml_attr(n, "severity"))) < 0)
			return error;
		snprintf(fx.fingerprint, sizeof(fx.fingerprint), "%s", fp ? fp : "");
		fx.message = child_text(n, "message", &oom);
		error = oom ? pa_error_oom() : pa_results_add_fixed(res, &fx);
		free((char *)fx.message);
		if (error < 0)
			return error;
	}
	return 0;
}

static int
read_finding(struct pa_results *res, const xmlNode *n)
{
	struct pa_results_finding f = { 0 };
	const char *fp = pa_xml_attr(n, "fingerprint"), *sv = pa_xml_attr(n, "in-force");
	const xmlNode *c;
	char *message = NULL, *remedy = NULL;
	size_t i;
	int error;

	f.rule = pa_xml_attr(n, "rule");
	f.path = pa_xml_attr(n, "path");
	f.line = line_of(pa_xml_attr(n, "line"));
	f.anchor = pa_xml_attr(n, "anchor");
	f.ref = pa_xml_attr(n, "ref");
	f.title = pa_xml_attr(n, "title");
	f.help_uri = pa_xml_attr(n, "help-uri");
	f.applies_from = pa_xml_attr(n, "applies-from");
	f.in_force = sv == NULL || is_true(sv);
	f.waivable = is_true(pa_xml_attr(n, "waivable"));
	f.heuristic = is_true(pa_xml_attr(n, "heuristic"));
	if ((error = pa_results_severity_parse(&f.severity, pa_xml_attr(n, "severity"))) < 0)
		return error;
	f.status = PA_FINDING_OPEN;
	for (i = 0; i <= PA_FINDING_NEEDS_REVIEW; i++)
		if (strcmp(pa_xml_attr(n, "status"), pa_results_status_name(i)) == 0)
			f.status = (enum pa_finding_status)i;
	snprintf(f.fingerprint, sizeof(f.fingerprint), "%s", fp ? fp : "");
	for (c = n->children; c != NULL; c = c->next) {
		if (is_elem(c, "message") && message == NULL &&
		    (message = text_of(c)) == NULL)
			return pa_error_oom();
		if (is_elem(c, "remedy") && remedy == NULL &&
		    (remedy = text_of(c)) == NULL) {
			free(message);
			return pa_error_oom();
		}
	}
	f.message = message;
	f.remedy = remedy;
	if ((error = pa_results__push_finding(res, &f)) == 0)
		error = read_waiver(res->findings.items[res->findings.count - 1], n);
	free(message);
	free(remedy);
	return error;
}

/* license= and license-status= of a <model> or <dataset>. */
static int
read_license(struct pa_results_item *it, const xmlNode *n)
{
	int error;

	if ((error = pa_results__set_raw(&it->license, pa_xml_attr(n, "license"))) < 0)
		return error;
	return pa_results__set_raw(&it->license_status, pa_xml_attr(n, "license-status"));
}

/* <pact state organisation signed-on> and its <commitment>s. */
static int
read_pact(struct pa_results *res, const xmlNode *p)
{
	const xmlNode *c;
	int error;

	if ((error = pa_results__set_raw(&res->pact.state, pa_xml_attr(p, "state"))) < 0 ||
	    (error = pa_results__set_raw(&res->pact.organisation,
	    pa_xml_attr(p, "organisation"))) < 0 ||
	    (error = pa_results__set_raw(&res->pact.signed_on, pa_xml_attr(p, "signed-on"))) < 0)
		return error;
	for (c = p->children; c != NULL; c = c->next) {
		struct pa_results_commitment cm = { 0 };

		if (!is_elem(c, "commitment"))
			continue;
		cm.kind = (char *)pa_xml_attr(c, "kind");
		cm.id = (char *)pa_xml_attr(c, "id");
		cm.role = (char *)pa_xml_attr(c, "role");
		cm.article = (char *)pa_xml_attr(c, "article");
		cm.due = (char *)pa_xml_attr(c, "due");
		cm.text = (char *)pa_xml_attr(c, "text");
		if ((error = pa_results__push_commitment(res, &cm)) < 0)
			return error;
	}
	return 0;
}

static int
read_signature(struct pa_results *res, const xmlNode *n)
{
	struct pa_results_signature s = { 0 };

	s.object = pa_xml_attr(n, "object");
	s.kind = pa_xml_attr(n, "kind");
	s.status = pa_xml_attr(n, "status");
	s.fingerprint = pa_xml_attr(n, "fingerprint");
	s.uid = pa_xml_attr(n, "uid");
	s.created = pa_xml_attr(n, "created");
	s.right = pa_xml_attr(n, "right");
	s.authorised = pa_xml_attr(n, "authorised");
	s.missing_right = pa_xml_attr(n, "missing-right");
	return pa_results__push_signature(res, &s);
}

/* One valid <results> element into a new model. */
static int
read_results(struct pa_results **out, const xmlNode *r, const char *name)
{
	struct pa_results *res = NULL;
	const xmlNode *c, *p;
	char *verdict = NULL;
	enum pa_verdict computed;
	int error;

	*out = NULL;
	if ((error = pa_results_new(&res)) < 0)
		return pa_error_oom();
	for (c = r->children; c != NULL && error == 0; c = c->next) {
		if (is_elem(c, "tool")) {
			error = pa_results__set_raw(&res->tool_version, pa_xml_attr(c, "version"));
		} else if (is_elem(c, "rules")) {
			const char *digest = pa_xml_attr(c, "digest");

			snprintf(res->rules_digest, sizeof(res->rules_digest), "%s",
			    digest ? digest : "");
			error = pa_results__set_raw(&res->rules_version, pa_xml_attr(c, "version"));
			for (p = c->children; p != NULL && error == 0; p = p->next)
				if (is_elem(p, "pack"))
					error = pa_results__push_pack(res, pa_xml_attr(p, "id"),
					    pa_xml_attr(p, "version"));
		} else if (is_elem(c, "dossier")) {
			if ((error = pa_results__set_raw(&res->dossier_path, pa_xml_attr(c, "path"))) == 0 &&
			    (error = pa_results__set_raw(&res->dossier_commit, pa_xml_attr(c, "commit"))) == 0 &&
			    (error = pa_results__set_raw(&res->dossier_rev, pa_xml_attr(c, "rev"))) == 0 &&
			    (error = pa_results__set_raw(&res->dossier_mode, pa_xml_attr(c, "mode"))) == 0 &&
			    (error = pa_results__set_raw(&res->dossier_subdir, pa_xml_attr(c, "subdir"))) == 0)
				error = pa_results__set_raw(&res->trust, pa_xml_attr(c, "trust"));
		} else if (is_elem(c, "as-of")) {
			free(res->as_of);
			if ((res->as_of = text_of(c)) == NULL)
				error = pa_error_oom();
		} else if (is_elem(c, "applicant")) {
			if ((error = pa_results__set_raw(&res->applicant.name, pa_xml_attr(c, "name"))) == 0 &&
			    (error = pa_results__set_raw(&res->applicant.country, pa_xml_attr(c, "country"))) == 0)
				error = pa_results__set_raw(&res->applicant.registry_id,
				    pa_xml_attr(c, "registry-id"));
		} else if (is_elem(c, "request")) {
			if ((error = pa_results__set_raw(&res->applicant.call, pa_xml_attr(c, "call"))) == 0 &&
			    (error = pa_results__set_raw(&res->applicant.machine, pa_xml_attr(c, "machine"))) == 0 &&
			    (error = pa_results__set_raw(&res->applicant.partition, pa_xml_attr(c, "partition"))) == 0)
				error = pa_results__set_raw(&res->applicant.gpu_hours,
				    pa_xml_attr(c, "gpu-hours"));
		} else if (is_elem(c, "system")) {
			if ((error = pa_results__push_item(&res->systems, pa_xml_attr(c, "id"),
			    pa_xml_attr(c, "tier"), pa_xml_attr(c, "gpai"))) == 0)
				error = pa_results__set_raw(&((struct pa_results_item *)
				    res->systems.items[res->systems.count - 1])->purpose,
				    pa_xml_attr(c, "purpose"));
		} else if (is_elem(c, "model")) {
			if ((error = pa_results__push_item(&res->models, pa_xml_attr(c, "id"), NULL,
			    pa_xml_attr(c, "gpai"))) == 0)
				error = read_license(res->models.items[res->models.count - 1], c);
		} else if (is_elem(c, "dataset")) {
			if ((error = pa_results__push_item(&res->datasets, pa_xml_attr(c, "id"),
			    NULL, NULL)) == 0)
				error = read_license(res->datasets.items[res->datasets.count - 1], c);
		} else if (is_elem(c, "pact")) {
			error = read_pact(res, c);
		} else if (is_elem(c, "signature")) {
			error = read_signature(res, c);
		} else if (is_elem(c, "finding")) {
			error = read_finding(res, c);
		} else if (is_elem(c, "baseline")) {
			error = read_baseline(res, c);
		} else if (is_elem(c, "verdict") && verdict == NULL) {
			if ((verdict = text_of(c)) == NULL)
				error = pa_error_oom();
		}
	}
	if (error < 0)
		goto done;
	/* a verdict that does not follow from the findings was edited */
	computed = pa_results_verdict(res);
	if (verdict == NULL || strcmp(verdict, pa_results_verdict_name(computed)) != 0) {
		error = pa_error_setc(PA_EINVALID, PA_ERRCLASS_XML,
		    "%s:%ld: the verdict '%s' does not follow from the findings (they make it '%s')",
		    name, pa_xml_line(r), verdict ? verdict : "", pa_results_verdict_name(computed));
		goto done;
	}
	*out = res;
	res = NULL;
done:
	free(verdict);
	pa_results_free(res);
	return error;
}

int
pa_results_read_doc(struct pa_vec *out, xmlDoc *doc, const char *name)
{
	struct pa_diag diag = PA_DIAG_INIT;
	struct pa_results *res;
	xmlNode *root = doc ? xmlDocGetRootElement(doc) : NULL, *c;
	bool valid;
	int error;

	if (!is_elem(root, "results") && !is_elem(root, "results-set"))
		return pa_error_setc(PA_EINVALID, PA_ERRCLASS_XML,
		    "%s: not a pactaudit results document (expected <results> in %s)",
		    name, PA_RESULTS_NS);
	if ((error = pa_xml_validate_rng(&valid, doc, RESULTS_SCHEMA, name, &diag)) < 0)
		goto done;
	if (!valid) {
		error = diag_error(&diag, name, "does not match the results schema");
		goto done;
	}
	if (is_elem(root, "results")) {
		if ((error = read_results(&res, root, name)) == 0 &&
		    (error = pa_vec_push(out, res)) < 0) {
			pa_results_free(res);
			error = pa_error_oom();
		}
		goto done;
	}
	for (c = root->children; c != NULL && error == 0; c = c->next) {
		if (!is_elem(c, "results"))
			continue;
		if ((error = read_results(&res, c, name)) == 0 &&
		    (error = pa_vec_push(out, res)) < 0) {
			pa_results_free(res);
			error = pa_error_oom();
		}
	}
done:
	pa_diag_dispose(&diag);
	return error;
}

static int
read_mem(struct pa_vec *out, const char *data, size_t len, size_t max, const char *name)
{
	struct pa_diag diag = PA_DIAG_INIT;
	xmlDoc *doc = NULL;
	int error;

	if (len == 0)
		return pa_error_setc(PA_EINVALID, PA_ERRCLASS_XML,
		    "%s: empty file, not a results document", name);
	if ((error = pa_xml_parse_untrusted_max(&doc, data, len, max, name, &diag)) < 0)
		goto done;
	if (doc == NULL) {
		error = diag_error(&diag, name, "not well-formed XML");
		goto done;
	}
	error = pa_results_read_doc(out, doc, name);
done:
	xmlFreeDoc(doc);
	pa_diag_dispose(&diag);
	return error;
}

int
pa_results_read_mem(struct pa_vec *out, const char *data, size_t len,
    const char *name)
{
	return read_mem(out, data, len, PA_LIMIT_XML_SIZE, name);
}

static void
free_results(void *p)
{
	pa_results_free(p);
}

int
pa_results_from_mem(struct pa_results **out, const char *data, size_t len,
    const char *name)
{
	struct pa_vec list = PA_VEC_INIT;
	int error;

	*out = NULL;
	if ((error = read_mem(&list, data, len, PA_LIMIT_CACHE_ENTRY, name)) == 0) {
		if (list.count == 1) {
			*out = list.items[0];
			list.count = 0;
		} else {
			error = pa_error_setc(PA_EINVALID, PA_ERRCLASS_XML,
			    "%s: %zu results where one was expected", name, list.count);
		}
	}
	pa_vec_dispose(&list, free_results);
	return error;
}

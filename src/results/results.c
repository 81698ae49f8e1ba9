/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * The results model of one audit and its XML document (the reader is
 * read.c).
 *
 * Why over 800 lines: the model's setters, its copy and its field visitor
 * must list the same fields as the writer of the document; keeping them in
 * one file keeps a new field from being forgotten in one of them.
 */
#include "config.h"

#include "results/results.h"
#include "results/internal.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/alloc.h"
#include "util/error.h"
#include "util/text.h"

bool
pa_results_gpu_hours(const struct pa_results_applicant *a, double *out)
{
	const char *s = a != NULL ? a->gpu_hours : NULL;
	char *end;
	double v;

	if (s == NULL || *s == '\0')
		return false;
	v = strtod(s, &end);
	if (*end != '\0' || !isfinite(v) || v < 0)
		return false;
	*out = v;
	return true;
}

static const char *const severity_names[] = {
	[PA_SEVERITY_INFO] = "info",
	[PA_SEVERITY_WARNING] = "warning",
	[PA_SEVERITY_ERROR] = "error",
	[PA_SEVERITY_BLOCKER] = "blocker",
};
_Static_assert(sizeof(severity_names) / sizeof(severity_names[0]) ==
    PA_SEVERITY_BLOCKER + 1, "one name per severity");

static const char *const status_names[] = {
	[PA_FINDING_OPEN] = "open",
	[PA_FINDING_WAIVED] = "waived",
	[PA_FINDING_BASELINED] = "baselined",
	[PA_FINDING_NEEDS_REVIEW] = "needs-review",
};
_Static_assert(sizeof(status_names) / sizeof(status_names[0]) ==
    PA_FINDING_NEEDS_REVIEW + 1, "one name per status");

static const char *const verdict_names[] = {
	[PA_VERDICT_ELIGIBLE] = "eligible",
	[PA_VERDICT_NEEDS_CHANGES] = "needs-changes",
	[PA_VERDICT_INELIGIBLE] = "ineligible",
};
_Static_assert(sizeof(verdict_names) / sizeof(verdict_names[0]) ==
    PA_VERDICT_INELIGIBLE + 1, "one name per verdict");

const char *
pa_results_severity_name(enum pa_severity sev)
{
	return (unsigned)sev <= PA_SEVERITY_BLOCKER ? severity_names[sev] : "?";
}

int
pa_results_severity_parse(enum pa_severity *out, const char *name)
{
	size_t i;

	for (i = 0; name != NULL && i <= PA_SEVERITY_BLOCKER; i++) {
		if (strcmp(name, severity_names[i]) == 0) {
			*out = (enum pa_severity)i;
			return 0;
		}
	}
	return pa_error_setc(PA_EINVALID, PA_ERRCLASS_USAGE,
	    "'%s' is not a severity (blocker, error, warning, info)",
	    name ? name : "");
}

const char *
pa_results_status_name(enum pa_finding_status status)
{
	return (unsigned)status <= PA_FINDING_NEEDS_REVIEW ?
	    status_names[status] : "?";
}

const char *
pa_results_verdict_name(enum pa_verdict verdict)
{
	return (unsigned)verdict <= PA_VERDICT_INELIGIBLE ?
	    verdict_names[verdict] : "?";
}

/* A sanitised copy, or NULL for NULL; *oom set on failure. */
static char *
dup_clean(const char *s, bool *oom)
{
	char *p;

	if (s == NULL)
		return NULL;
	if ((p = pa_text_sanitize_dup(s)) == NULL)
		*oom = true;
	return p;
}

int
pa_results_set(char **field, const char *value)
{
	bool oom = false;
	char *p = dup_clean(value, &oom);

	if (oom)
		return pa_error_oom();
	free(*field);
	*field = p;
	return 0;
}

static void
finding_free(void *p)
{
	struct pa_results_finding *f = p;

	if (f == NULL)
		return;
	free((char *)f->rule);
	free((char *)f->applies_from);
	free((char *)f->message);
	free((char *)f->remedy);
	free((char *)f->path);
	free((char *)f->anchor);
	free((char *)f->ref);
	pa_results__waiver_free(f->waiver);
	free((char *)f->title);
	free((char *)f->help_uri);
	free(f);
}

static void
item_free(void *p)
{
	struct pa_results_item *it = p;

	if (it == NULL)
		return;
	free((char *)it->id);
	free((char *)it->tier);
	free((char *)it->gpai);
	free(it->purpose);
	free(it->license);
	free(it->license_status);
	free(it);
}

static void
signature_free(void *p)
{
	struct pa_results_signature *s = p;

	if (s == NULL)
		return;
	free((char *)s->object);
	free((char *)s->kind);
	free((char *)s->status);
	free((char *)s->fingerprint);
	free((char *)s->uid);
	free((char *)s->created);
	free((char *)s->right);
	free((char *)s->authorised);
	free((char *)s->missing_right);
	free(s);
}

static void
pack_free(void *p)
{
	struct pa_results_pack *pk = p;

	if (pk == NULL)
		return;
	free((char *)pk->id);
	free((char *)pk->version);
	free(pk);
}

/* The applicant's fields, in document order (<applicant> then <request>). */
#define APPLICANT_FIELDS(a) { &(a)->name, &(a)->country, &(a)->registry_id, \
	&(a)->call, &(a)->machine, &(a)->partition, &(a)->gpu_hours }
#define APPLICANT_NFIELDS 7

static void
applicant_dispose(struct pa_results_applicant *a)
{
	char **fields[] = APPLICANT_FIELDS(a);
	size_t k;

	for (k = 0; k < APPLICANT_NFIELDS; k++) {
		free(*fields[k]);
		*fields[k] = NULL;
	}
}

int
pa_results_new(struct pa_results **out)
{
	struct pa_results *res;

	*out = NULL;
	if ((res = pa_calloc(1, sizeof(*res))) == NULL)
		return PA_ENOMEM;
	*out = res;
	return 0;
}

void
pa_results_free(struct pa_results *res)
{
	if (res == NULL)
		return;
	free(res->tool_version);
	free(res->rules_version);
	free(res->dossier_path);
	free(res->dossier_commit);
	free(res->dossier_rev);
	free(res->dossier_mode);
	free(res->dossier_subdir);
	free(res->trust);
	free(res->as_of);
	applicant_dispose(&res->applicant);
	pa_vec_dispose(&res->packs, pack_free);
	pa_vec_dispose(&res->systems, item_free);
	pa_vec_dispose(&res->models, item_free);
	pa_vec_dispose(&res->datasets, item_free);
	pa_results__pact_dispose(&res->pact);
	pa_vec_dispose(&res->signatures, signature_free);
	pa_vec_dispose(&res->findings, finding_free);
	free(res->baseline);
	pa_vec_dispose(&res->fixed, pa_results__fixed_free);
	free(res);
}

int
pa_results_add_finding(struct pa_results *res, const struct pa_results_finding *f)
{
	struct pa_results_finding *n = NULL;
	bool oom = false;
	int error;

	if ((n = pa_calloc(1, sizeof(*n))) == NULL)
		return PA_ENOMEM;
	*n = *f;
	n->rule = dup_clean(f->rule ? f->rule : "", &oom);
	n->applies_from = dup_clean(f->applies_from, &oom);
	n->message = dup_clean(f->message ? f->message : "", &oom);
	n->remedy = dup_clean(f->remedy, &oom);
	n->path = dup_clean(f->path, &oom);
	n->anchor = dup_clean(f->anchor, &oom);
	n->ref = dup_clean(f->ref, &oom);
	n->title = dup_clean(f->title, &oom);
	n->help_uri = dup_clean(f->help_uri, &oom);
	n->waiver = NULL;
	if (oom || pa_results_set_waiver(n, f->waiver) < 0) {
		error = pa_error_oom();
		goto done;
	}
	if ((error = pa_results_fingerprint(n->fingerprint, n->rule, n->path,
	    n->anchor)) < 0)
		goto done;
	if ((error = pa_vec_push(&res->findings, n)) < 0)
		goto done;
	n = NULL;	/* owned by res->findings */
done:
	finding_free(n);
	return error;
}

int
pa_results_add_pack(struct pa_results *res, const char *id, const char *version)
{
	struct pa_results_pack *pk;
	bool oom = false;

	if ((pk = pa_calloc(1, sizeof(*pk))) == NULL)
		return PA_ENOMEM;
	pk->id = dup_clean(id, &oom);
	pk->version = dup_clean(version, &oom);
	if (oom || pa_vec_push(&res->packs, pk) < 0) {
		pack_free(pk);
		return pa_error_oom();
	}
	return 0;
}

int
pa_results_add_item(struct pa_vec *list, const char *id, const char *tier,
    const char *gpai)
{
	struct pa_results_item *it;
	bool oom = false;

	if ((it = pa_calloc(1, sizeof(*it))) == NULL)
		return PA_ENOMEM;
	it->id = dup_clean(id ? id : "", &oom);
	it->tier = dup_clean(tier, &oom);
	it->gpai = dup_clean(gpai, &oom);
	if (oom || pa_vec_push(list, it) < 0) {
		item_free(it);
		return pa_error_oom();
	}
	return 0;
}

int
pa_results_add_signature(struct pa_results *res,
    const struct pa_results_signature *sig)
{
	struct pa_results_signature *s;
	bool oom = false;

	if ((s = pa_calloc(1, sizeof(*s))) == NULL)
		return PA_ENOMEM;
	s->object = dup_clean(sig->object, &oom);
	s->kind = dup_clean(sig->kind, &oom);
	s->status = dup_clean(sig->status, &oom);
	s->fingerprint = dup_clean(sig->fingerprint, &oom);
	s->uid = dup_clean(sig->uid, &oom);
	s->created = dup_clean(sig->created, &oom);
	s->right = dup_clean(sig->right, &oom);
	s->authorised = dup_clean(sig->authorised, &oom);
	s->missing_right = dup_clean(sig->missing_right, &oom);
	if (oom || pa_vec_push(&res->signatures, s) < 0) {
		signature_free(s);
		return pa_error_oom();
	}
	return 0;
}

static int
strcmp_null(const char *a, const char *b)
{
	return strcmp(a ? a : "", b ? b : "");
}

static int
finding_cmp(const void *pa, const void *pb)
{
	const struct pa_results_finding *a = *(const struct pa_results_finding *const *)pa;
	const struct pa_results_finding *b = *(const struct pa_results_finding *const *)pb;
	int c;

	if (a->severity != b->severity)
		return a->severity > b->severity ? -1 : 1;
	if ((c = strcmp_null(a->path, b->path)) != 0)
		return c;
	if (a->line != b->line)
		return a->line < b->line ? -1 : 1;
	if ((c = strcmp_null(a->rule, b->rule)) != 0)
		return c;
	if ((c = strcmp_null(a->anchor, b->anchor)) != 0)
		return c;
	if ((c = strcmp_null(a->message, b->message)) != 0)
		return c;
	return strcmp(a->fingerprint, b->fingerprint);
}

void
pa_results_sort(struct pa_results *res)
{
	if (res->findings.count > 1)
		qsort(res->findings.items, res->findings.count,
		    sizeof(res->findings.items[0]), finding_cmp);
}

bool
pa_results_finding_counts(const struct pa_results_finding *f)
{
	return f->in_force && (f->status == PA_FINDING_OPEN ||
	    f->status == PA_FINDING_NEEDS_REVIEW);
}

enum pa_verdict
pa_results_verdict(const struct pa_results *res)
{
	enum pa_verdict v = PA_VERDICT_ELIGIBLE;
	size_t i;

	for (i = 0; i < res->findings.count; i++) {
		const struct pa_results_finding *f = res->findings.items[i];

		if (!pa_results_finding_counts(f))
			continue;
		if (f->status == PA_FINDING_OPEN && f->severity == PA_SEVERITY_BLOCKER)
			return PA_VERDICT_INELIGIBLE;
		if (f->severity >= PA_SEVERITY_ERROR)
			v = PA_VERDICT_NEEDS_CHANGES;
	}
	return v;
}

size_t
pa_results_count_at_least(const struct pa_results *res, enum pa_severity min)
{
	size_t i, n = 0;

	for (i = 0; i < res->findings.count; i++) {
		const struct pa_results_finding *f = res->findings.items[i];

		if (pa_results_finding_counts(f) && f->severity >= min)
			n++;
	}
	return n;
}

/* ------------------------------------------------------------------ */
/* XML                                                                 */

/* Set attribute name=value when value is not NULL; false on OOM. */
static bool
set_attr(xmlNode *node, const char *name, const char *value)
{
	if (value == NULL)
		return true;
	return xmlNewProp(node, BAD_CAST name, BAD_CAST value) != NULL;
}

static xmlNode *
new_child(xmlNode *parent, xmlNs *ns, const char *name, const char *text)
{
	xmlNode *n = xmlNewChild(parent, ns, BAD_CAST name, NULL);

	if (n != NULL && text != NULL && text[0] != '\0') {
		xmlNode *t = xmlNewText(BAD_CAST text);

		if (t == NULL || xmlAddChild(n, t) == NULL) {
			xmlFreeNode(t);
			return NULL;
		}
	}
	return n;
}

static bool
add_finding_xml(xmlNode *root, xmlNs *ns, const struct pa_results_finding *f)
{
	xmlNode *n;
	char line[32];

	if ((n = new_child(root, ns, "finding", NULL)) == NULL)
		return false;
	snprintf(line, sizeof(line), "%ld", f->line);
	if (!set_attr(n, "rule", f->rule) ||
	    !set_attr(n, "severity", pa_results_severity_name(f->severity)) ||
	    !set_attr(n, "status", pa_results_status_name(f->status)) ||
	    !set_attr(n, "fingerprint", f->fingerprint) ||
	    !set_attr(n, "path", f->path) ||
	    !set_attr(n, "line", f->line > 0 ? line : NULL) ||
	    !set_attr(n, "anchor", f->anchor) ||
	    !set_attr(n, "ref", f->ref) ||
	    !set_attr(n, "title", f->title) ||
	    !set_attr(n, "help-uri", f->help_uri) ||
	    !set_attr(n, "applies-from", f->applies_from) ||
	    !set_attr(n, "in-force", f->in_force ? NULL : "false") ||
	    !set_attr(n, "waivable", f->waivable ? "true" : "false") ||
	    !set_attr(n, "heuristic", f->heuristic ? "true" : NULL))
		return false;
	if (new_child(n, ns, "message", f->message) == NULL)
		return false;
	if (f->remedy != NULL && f->remedy[0] != '\0' &&
	    new_child(n, ns, "remedy", f->remedy) == NULL)
		return false;
	return pa_results__waiver_xml(n, ns, f->waiver);
}

/* <applicant> and <request>, each only when one of its fields is known. */
static bool
add_applicant_xml(xmlNode *root, xmlNs *ns, const struct pa_results_applicant *a)
{
	xmlNode *n;

	if ((a->name || a->country || a->registry_id) &&
	    ((n = new_child(root, ns, "applicant", NULL)) == NULL ||
	    !set_attr(n, "name", a->name) || !set_attr(n, "country", a->country) ||
	    !set_attr(n, "registry-id", a->registry_id)))
		return false;
	if ((a->call || a->machine || a->partition || a->gpu_hours) &&
	    ((n = new_child(root, ns, "request", NULL)) == NULL ||
	    !set_attr(n, "call", a->call) || !set_attr(n, "machine", a->machine) ||
	    !set_attr(n, "partition", a->partition) ||
	    !set_attr(n, "gpu-hours", a->gpu_hours)))
		return false;
	return true;
}

/* Fill the results document; false on out of memory. */
static bool
build_doc(xmlNode *root, xmlNs *ns, const struct pa_results *res)
{
	xmlNode *n;
	size_t i;

	if (!set_attr(root, "version", "1"))
		return false;
	if ((n = new_child(root, ns, "tool", NULL)) == NULL ||
	    !set_attr(n, "name", "pactaudit") ||
	    !set_attr(n, "version", res->tool_version ? res->tool_version : PACKAGE_VERSION))
		return false;
	if ((n = new_child(root, ns, "rules", NULL)) == NULL ||
	    !set_attr(n, "version", res->rules_version) ||
	    !set_attr(n, "digest", res->rules_digest[0] ? res->rules_digest : NULL))
		return false;
	for (i = 0; i < res->packs.count; i++) {
		const struct pa_results_pack *pk = res->packs.items[i];
		xmlNode *p = new_child(n, ns, "pack", NULL);

		if (p == NULL || !set_attr(p, "id", pk->id) ||
		    !set_attr(p, "version", pk->version))
			return false;
	}
	if ((n = new_child(root, ns, "dossier", NULL)) == NULL ||
	    !set_attr(n, "path", res->dossier_path) ||
	    !set_attr(n, "commit", res->dossier_commit) ||
	    !set_attr(n, "rev", res->dossier_rev) ||
	    !set_attr(n, "mode", res->dossier_mode) ||
	    !set_attr(n, "subdir", res->dossier_subdir && res->dossier_subdir[0] ?
	    res->dossier_subdir : NULL) ||
	    !set_attr(n, "trust", res->trust))
		return false;
	if (!add_applicant_xml(root, ns, &res->applicant))
		return false;
	if (new_child(root, ns, "as-of", res->as_of) == NULL)
		return false;
	for (i = 0; i < res->systems.count; i++) {
		const struct pa_results_item *it = res->systems.items[i];

		if ((n = new_child(root, ns, "system", NULL)) == NULL ||
		    !set_attr(n, "id", it->id) || !set_attr(n, "tier", it->tier) ||
		    !set_attr(n, "gpai", it->gpai) ||
		    !set_attr(n, "purpose", it->purpose))
			return false;
	}
	for (i = 0; i < res->models.count; i++) {
		const struct pa_results_item *it = res->models.items[i];

		if ((n = new_child(root, ns, "model", NULL)) == NULL ||
		    !set_attr(n, "id", it->id) || !set_attr(n, "gpai", it->gpai) ||
		    !pa_results__license_xml(n, it))
			return false;
	}
	if (!pa_results__inventory_xml(root, ns, res))
		return false;
	for (i = 0; i < res->signatures.count; i++) {
		const struct pa_results_signature *s = res->signatures.items[i];

		if ((n = new_child(root, ns, "signature", NULL)) == NULL ||
		    !set_attr(n, "object", s->object) || !set_attr(n, "kind", s->kind) ||
		    !set_attr(n, "status", s->status) ||
		    !set_attr(n, "fingerprint", s->fingerprint) ||
		    !set_attr(n, "uid", s->uid) || !set_attr(n, "created", s->created) ||
		    !set_attr(n, "right", s->right) ||
		    !set_attr(n, "authorised", s->authorised) ||
		    !set_attr(n, "missing-right", s->missing_right))
			return false;
	}
	for (i = 0; i < res->findings.count; i++)
		if (!add_finding_xml(root, ns, res->findings.items[i]))
			return false;
	if (!pa_results__baseline_xml(root, ns, res))
		return false;
	return new_child(root, ns, "verdict",
	    pa_results_verdict_name(pa_results_verdict(res))) != NULL;
}

int
pa_results_to_xml(xmlDoc **out, const struct pa_results *res)
{
	xmlDoc *doc = NULL;
	xmlNode *root;
	xmlNs *ns;
	int error = 0;

	*out = NULL;
	if ((doc = xmlNewDoc(BAD_CAST "1.0")) == NULL ||
	    (root = xmlNewDocNode(doc, NULL, BAD_CAST "results", NULL)) == NULL) {
		error = pa_error_oom();
		goto done;
	}
	xmlDocSetRootElement(doc, root);
	if ((ns = xmlNewNs(root, BAD_CAST PA_RESULTS_NS, NULL)) == NULL) {
		error = pa_error_oom();
		goto done;
	}
	xmlSetNs(root, ns);
	if (!build_doc(root, ns, res)) {
		error = pa_error_oom();
		goto done;
	}
	*out = doc;
	doc = NULL;	/* owned by the caller */
done:
	xmlFreeDoc(doc);
	return error;
}

/* ------------------------------------------------------------------ */
/* Failing, counting, ordering                                         */

static const char *const fail_on_names[] = {
	[PA_FAIL_ON_ERROR] = "error",
	[PA_FAIL_ON_BLOCKER] = "blocker",
	[PA_FAIL_ON_WARNING] = "warning",
	[PA_FAIL_ON_INFO] = "info",
	[PA_FAIL_ON_NONE] = "none",
};
_Static_assert(sizeof(fail_on_names) / sizeof(fail_on_names[0]) ==
    PA_FAIL_ON_NONE + 1, "one name per --fail-on value");

int
pa_results_fail_on_parse(enum pa_fail_on *out, const char *word)
{
	size_t i;

	*out = PA_FAIL_ON_ERROR;
	if (word == NULL)
		return 0;
	for (i = 0; i <= PA_FAIL_ON_NONE; i++) {
		if (strcmp(word, fail_on_names[i]) == 0) {
			*out = (enum pa_fail_on)i;
			return 0;
		}
	}
	return pa_error_setc(PA_EINVALID, PA_ERRCLASS_USAGE,
	    "unknown severity '%s' (blocker, error, warning, info or none)", word);
}

const char *
pa_results_fail_on_name(enum pa_fail_on fail_on)
{
	return (unsigned)fail_on <= PA_FAIL_ON_NONE ? fail_on_names[fail_on] : "?";
}

bool
pa_results_finding_fails(const struct pa_results_finding *f, enum pa_fail_on fail_on)
{
	enum pa_severity min;

	switch (fail_on) {
	case PA_FAIL_ON_BLOCKER:
		min = PA_SEVERITY_BLOCKER;
		break;
	case PA_FAIL_ON_ERROR:
		min = PA_SEVERITY_ERROR;
		break;
	case PA_FAIL_ON_WARNING:
		min = PA_SEVERITY_WARNING;
		break;
	case PA_FAIL_ON_INFO:
		min = PA_SEVERITY_INFO;
		break;
	default:
		return false;
	}
	return pa_results_finding_counts(f) && f->severity >= min;
}

size_t
pa_results_failing(const struct pa_results *res, enum pa_fail_on fail_on)
{
	size_t i, n = 0;

	for (i = 0; i < res->findings.count; i++)
		n += pa_results_finding_fails(res->findings.items[i], fail_on);
	return n;
}

void
pa_results_count(struct pa_results_counts *out, const struct pa_results *res)
{
	size_t i;

	memset(out, 0, sizeof(*out));
	for (i = 0; i < res->findings.count; i++) {
		const struct pa_results_finding *f = res->findings.items[i];

		out->total++;
		if (!f->in_force)
			out->not_in_force++;
		else if (f->status == PA_FINDING_WAIVED)
			out->waived++;
		else if (f->status == PA_FINDING_BASELINED)
			out->baselined++;
		else if (f->status == PA_FINDING_NEEDS_REVIEW)
			out->needs_review++;
		else if ((unsigned)f->severity <= PA_SEVERITY_BLOCKER)
			out->open[f->severity]++;
	}
}

/* A finding and its position in the document, for a stable report order. */
struct ordered {
	const struct pa_results_finding *f;
	size_t pos;
};

static bool
suppressed(const struct pa_results_finding *f)
{
	return f->status == PA_FINDING_WAIVED || f->status == PA_FINDING_BASELINED;
}

static int
cmp_null_first(const char *a, const char *b)
{
	if (a == NULL || b == NULL)
		return (a != NULL) - (b != NULL);
	return strcmp(a, b);
}

static int
report_cmp(const void *pa, const void *pb)
{
	const struct ordered *x = pa, *y = pb;
	const struct pa_results_finding *a = x->f, *b = y->f;
	int c;

	if (a->severity != b->severity)
		return a->severity > b->severity ? -1 : 1;
	if (suppressed(a) != suppressed(b))
		return suppressed(a) ? 1 : -1;
	if ((c = cmp_null_first(a->path, b->path)) != 0)
		return c;
	if (a->line != b->line)
		return a->line < b->line ? -1 : 1;
	if ((c = cmp_null_first(a->rule, b->rule)) != 0)
		return c;
	return x->pos < y->pos ? -1 : x->pos > y->pos;
}

int
pa_results_report_order(const struct pa_results_finding ***out,
    const struct pa_results *res)
{
	const struct pa_results_finding **v;
	struct ordered *tmp;
	size_t i, n = res->findings.count;

	*out = NULL;
	if (n == 0)
		return 0;
	if ((tmp = pa_calloc(n, sizeof(*tmp))) == NULL)
		return PA_ENOMEM;
	if ((v = pa_calloc(n, sizeof(*v))) == NULL) {
		free(tmp);
		return PA_ENOMEM;
	}
	for (i = 0; i < n; i++) {
		tmp[i].f = res->findings.items[i];
		tmp[i].pos = i;
	}
	qsort(tmp, n, sizeof(*tmp), report_cmp);
	for (i = 0; i < n; i++)
		v[i] = tmp[i].f;
	free(tmp);
	*out = v;
	return 0;
}

/* ------------------------------------------------------------------ */
/* Copying and visiting strings                                        */

/* A copy of s as it is, or NULL for NULL; *oom set on failure. */
static char *
dup_raw(const char *s, bool *oom)
{
	char *p;

	if (s == NULL)
		return NULL;
	if ((p = pa_strdup(s)) == NULL)
		*oom = true;
	return p;
}

int
pa_results__push_finding(struct pa_results *res, const struct pa_results_finding *f)
{
	struct pa_results_finding *n;
	bool oom = false;

	if ((n = pa_calloc(1, sizeof(*n))) == NULL)
		return pa_error_oom();
	*n = *f;
	n->rule = dup_raw(f->rule ? f->rule : "", &oom);
	n->applies_from = dup_raw(f->applies_from, &oom);
	n->message = dup_raw(f->message ? f->message : "", &oom);
	n->remedy = dup_raw(f->remedy, &oom);
	n->path = dup_raw(f->path, &oom);
	n->anchor = dup_raw(f->anchor, &oom);
	n->ref = dup_raw(f->ref, &oom);
	n->title = dup_raw(f->title, &oom);
	n->help_uri = dup_raw(f->help_uri, &oom);
	n->waiver = NULL;
	if (oom || pa_results_set_waiver(n, f->waiver) < 0 ||
	    pa_vec_push(&res->findings, n) < 0) {
		finding_free(n);
		return pa_error_oom();
	}
	return 0;
}

int
pa_results__push_item(struct pa_vec *list, const char *id, const char *tier,
    const char *gpai)
{
	struct pa_results_item *it;
	bool oom = false;

	if ((it = pa_calloc(1, sizeof(*it))) == NULL)
		return pa_error_oom();
	it->id = dup_raw(id ? id : "", &oom);
	it->tier = dup_raw(tier, &oom);
	it->gpai = dup_raw(gpai, &oom);
	if (oom || pa_vec_push(list, it) < 0) {
		item_free(it);
		return pa_error_oom();
	}
	return 0;
}

int
pa_results__push_signature(struct pa_results *res,
    const struct pa_results_signature *sig)
{
	struct pa_results_signature *s;
	bool oom = false;

	if ((s = pa_calloc(1, sizeof(*s))) == NULL)
		return pa_error_oom();
	s->object = dup_raw(sig->object, &oom);
	s->kind = dup_raw(sig->kind, &oom);
	s->status = dup_raw(sig->status, &oom);
	s->fingerprint = dup_raw(sig->fingerprint, &oom);
	s->uid = dup_raw(sig->uid, &oom);
	s->created = dup_raw(sig->created, &oom);
	s->right = dup_raw(sig->right, &oom);
	s->authorised = dup_raw(sig->authorised, &oom);
	s->missing_right = dup_raw(sig->missing_right, &oom);
	if (oom || pa_vec_push(&res->signatures, s) < 0) {
		signature_free(s);
		return pa_error_oom();
	}
	return 0;
}

int
pa_results__push_pack(struct pa_results *res, const char *id, const char *version)
{
	struct pa_results_pack *pk;
	bool oom = false;

	if ((pk = pa_calloc(1, sizeof(*pk))) == NULL)
		return pa_error_oom();
	pk->id = dup_raw(id, &oom);
	pk->version = dup_raw(version, &oom);
	if (oom || pa_vec_push(&res->packs, pk) < 0) {
		pack_free(pk);
		return pa_error_oom();
	}
	return 0;
}

int
pa_results__set_raw(char **field, const char *value)
{
	bool oom = false;
	char *p = dup_raw(value, &oom);

	if (oom)
		return pa_error_oom();
	free(*field);
	*field = p;
	return 0;
}

static int
applicant_dup(struct pa_results_applicant *dst, const struct pa_results_applicant *src)
{
	char **to[] = APPLICANT_FIELDS(dst);
	char *const *from[] = APPLICANT_FIELDS(src);
	size_t k;
	int error = 0;

	for (k = 0; k < APPLICANT_NFIELDS && error == 0; k++)
		error = pa_results__set_raw(to[k], *from[k]);
	return error;
}

int
pa_results_dup(struct pa_results **out, const struct pa_results *src)
{
	struct pa_results *res = NULL;
	size_t i;
	int error;

	*out = NULL;
	if ((error = pa_results_new(&res)) < 0)
		return pa_error_oom();
	memcpy(res->rules_digest, src->rules_digest, sizeof(res->rules_digest));
	if ((error = pa_results__set_raw(&res->tool_version, src->tool_version)) < 0 ||
	    (error = pa_results__set_raw(&res->rules_version, src->rules_version)) < 0 ||
	    (error = pa_results__set_raw(&res->dossier_path, src->dossier_path)) < 0 ||
	    (error = pa_results__set_raw(&res->dossier_commit, src->dossier_commit)) < 0 ||
	    (error = pa_results__set_raw(&res->dossier_rev, src->dossier_rev)) < 0 ||
	    (error = pa_results__set_raw(&res->dossier_mode, src->dossier_mode)) < 0 ||
	    (error = pa_results__set_raw(&res->dossier_subdir, src->dossier_subdir)) < 0 ||
	    (error = pa_results__set_raw(&res->trust, src->trust)) < 0 ||
	    (error = pa_results__set_raw(&res->as_of, src->as_of)) < 0 ||
	    (error = applicant_dup(&res->applicant, &src->applicant)) < 0)
		goto done;
	for (i = 0; i < src->packs.count && error == 0; i++) {
		const struct pa_results_pack *pk = src->packs.items[i];

		error = pa_results__push_pack(res, pk->id, pk->version);
	}
	for (i = 0; i < src->systems.count && error == 0; i++) {
		const struct pa_results_item *it = src->systems.items[i];

		if ((error = pa_results__push_item(&res->systems, it->id, it->tier,
		    it->gpai)) == 0)
			error = pa_results__set_raw(&((struct pa_results_item *)
			    res->systems.items[res->systems.count - 1])->purpose, it->purpose);
	}
	for (i = 0; i < src->models.count && error == 0; i++) {
		const struct pa_results_item *it = src->models.items[i];

		error = pa_results__push_item(&res->models, it->id, it->tier, it->gpai);
	}
	if (error == 0)
		error = pa_results__dup_inventory(res, src);
	for (i = 0; i < src->signatures.count && error == 0; i++)
		error = pa_results__push_signature(res, src->signatures.items[i]);
	for (i = 0; i < src->findings.count && error == 0; i++)
		error = pa_results__push_finding(res, src->findings.items[i]);
	if (error == 0)
		error = pa_results__dup_amended(res, src);
done:
	if (error < 0) {
		pa_results_free(res);
		return error;
	}
	*out = res;
	return 0;
}

/* Call fn on *s unless it is NULL (strings inside a results model are owned, so the cast is sound). */
static int
visit(const char **s, enum pa_results_text kind,
    int (*fn)(char **, enum pa_results_text, void *), void *arg)
{
	return *s == NULL ? 0 : fn((char **)s, kind, arg);
}

static int
visit_field(char **s, enum pa_results_text kind,
    int (*fn)(char **, enum pa_results_text, void *), void *arg)
{
	return *s == NULL ? 0 : fn(s, kind, arg);
}

int
pa_results_each_string(struct pa_results *res,
    int (*fn)(char **s, enum pa_results_text kind, void *arg), void *arg)
{
	const enum pa_results_text A = PA_RESULTS_TEXT_ATTR;
	char **fields[] = {
		&res->tool_version, &res->rules_version, &res->dossier_path,
		&res->dossier_commit, &res->dossier_rev, &res->dossier_mode,
		&res->dossier_subdir, &res->trust
	};
	size_t i, k;
	int error = 0;

	for (k = 0; k < sizeof(fields) / sizeof(fields[0]) && error == 0; k++)
		error = visit_field(fields[k], A, fn, arg);
	if (error == 0)
		error = visit_field(&res->as_of, PA_RESULTS_TEXT_LINE, fn, arg);
	{
		char **app[] = APPLICANT_FIELDS(&res->applicant);

		for (k = 0; k < APPLICANT_NFIELDS && error == 0; k++)
			error = visit_field(app[k], A, fn, arg);
	}
	for (i = 0; i < res->packs.count && error == 0; i++) {
		struct pa_results_pack *pk = res->packs.items[i];

		if ((error = visit(&pk->id, A, fn, arg)) == 0)
			error = visit(&pk->version, A, fn, arg);
	}
	for (k = 0; k < 3; k++) {
		struct pa_vec *list = k == 0 ? &res->systems : k == 1 ? &res->models : &res->datasets;

		for (i = 0; i < list->count && error == 0; i++) {
			struct pa_results_item *it = list->items[i];

			if ((error = visit(&it->id, A, fn, arg)) == 0 &&
			    (error = visit(&it->tier, A, fn, arg)) == 0 &&
			    (error = visit(&it->gpai, A, fn, arg)) == 0 &&
			    (error = visit_field(&it->purpose, A, fn, arg)) == 0 &&
			    (error = visit_field(&it->license, A, fn, arg)) == 0)
				error = visit_field(&it->license_status, A, fn, arg);
		}
	}
	for (i = 0; i < res->signatures.count && error == 0; i++) {
		struct pa_results_signature *s = res->signatures.items[i];
		const char **strs[] = {
			&s->object, &s->kind, &s->status, &s->fingerprint, &s->uid,
			&s->created, &s->right, &s->authorised, &s->missing_right
		};

		for (k = 0; k < sizeof(strs) / sizeof(strs[0]) && error == 0; k++)
			error = visit(strs[k], A, fn, arg);
	}
	for (i = 0; i < res->findings.count && error == 0; i++) {
		struct pa_results_finding *f = res->findings.items[i];
		const char **strs[] = {
			&f->rule, &f->path, &f->anchor, &f->ref, &f->applies_from,
			&f->title, &f->help_uri
		};

		for (k = 0; k < sizeof(strs) / sizeof(strs[0]) && error == 0; k++)
			error = visit(strs[k], A, fn, arg);
		if (error == 0)
			error = visit(&f->message, PA_RESULTS_TEXT_LINE, fn, arg);
		if (error == 0)
			error = visit(&f->remedy, PA_RESULTS_TEXT_BLOCK, fn, arg);
		if (error == 0)
			error = pa_results__each_waiver_string(f, fn, arg);
	}
	if (error == 0)
		error = pa_results__each_fixed_string(res, fn, arg);
	if (error == 0)
		error = pa_results__each_pact_string(res, fn, arg);
	return error;
}

/* For the other files of results/ (internal.h). */
bool
pa_results__set_attr(xmlNode *node, const char *name, const char *value)
{
	return set_attr(node, name, value);
}

int
pa_results__visit(const char **s, enum pa_results_text kind,
    int (*fn)(char **, enum pa_results_text, void *), void *arg)
{
	return visit(s, kind, fn, arg);
}

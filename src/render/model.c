/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copy results documents into one sanitised document and read it into C structs. */
#include "config.h"

#include "render/model.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "util/alloc.h"
#include "util/buf.h"
#include "util/error.h"
#include "util/text.h"

static bool
is_elem(const xmlNode *n, const char *name)
{
	return n != NULL && n->type == XML_ELEMENT_NODE && n->ns != NULL &&
	    xmlStrEqual(n->ns->href, BAD_CAST PA_RESULTS_NS) &&
	    xmlStrEqual(n->name, BAD_CAST name);
}

/* Replace the content of a text node with its sanitised form (if different). */
static int
clean_text_node(xmlNode *t, int flags)
{
	struct pa_buf san = PA_BUF_INIT, xml = PA_BUF_INIT;
	const char *s = t->content ? (const char *)t->content : "";
	size_t len = strlen(s);
	int error;

	if ((error = pa_text_sanitize(&san, s, len, flags)) < 0 ||
	    (error = pa_text_xml_clean(&xml, san.ptr, san.size, NULL)) < 0)
		goto done;
	if (xml.size != len || memcmp(xml.ptr, s, len) != 0)
		xmlNodeSetContent(t, BAD_CAST xml.ptr);
done:
	pa_buf_dispose(&san);
	pa_buf_dispose(&xml);
	return error;
}

static int
clean_node(xmlNode *n, struct pa_vec *drop)
{
	xmlAttr *a;
	xmlNode *t;
	int error = 0;

	switch (n->type) {
	case XML_ELEMENT_NODE:
		for (a = n->properties; a != NULL && error == 0; a = a->next)
			for (t = a->children; t != NULL && error == 0; t = t->next)
				if (t->type == XML_TEXT_NODE)
					error = clean_text_node(t, PA_TEXT_ONELINE);
		break;
	case XML_TEXT_NODE:
	case XML_CDATA_SECTION_NODE:
		error = clean_text_node(n, PA_TEXT_KEEP_NL);
		break;
	default:	/* comments, processing instructions, entity references */
		error = pa_vec_push(drop, n);
		break;
	}
	return error;
}

/* Sanitise every attribute and text below root, without recursion. */
static int
clean_tree(xmlNode *root)
{
	struct pa_vec drop = PA_VEC_INIT;
	xmlNode *n = root;
	size_t i;
	int error = 0;

	while (n != NULL && error == 0) {
		error = clean_node(n, &drop);
		if (n->type == XML_ELEMENT_NODE && n->children != NULL) {
			n = n->children;
			continue;
		}
		while (n != NULL && n != root && n->next == NULL)
			n = n->parent;
		n = (n == NULL || n == root) ? NULL : n->next;
	}
	for (i = 0; i < drop.count; i++) {
		xmlUnlinkNode(drop.items[i]);
		xmlFreeNode(drop.items[i]);
	}
	pa_vec_dispose(&drop, NULL);
	return error;
}

/* Gather the <results> elements of every input (a <results-set> is opened). */
static int
collect_roots(struct pa_vec *roots, xmlDoc *const *results, size_t count)
{
	xmlNode *root, *c;
	size_t i;
	int error = 0;

	for (i = 0; i < count && error == 0; i++) {
		root = results[i] ? xmlDocGetRootElement(results[i]) : NULL;
		if (is_elem(root, "results")) {
			error = pa_vec_push(roots, root);
		} else if (is_elem(root, "results-set")) {
			for (c = root->children; c != NULL && error == 0; c = c->next)
				if (is_elem(c, "results"))
					error = pa_vec_push(roots, c);
		} else {
			error = pa_error_setc(PA_EINVALID, PA_ERRCLASS_XML,
			    "%s: not a pactaudit results document (expected <results> in %s)",
			    results[i] && results[i]->URL ?
			    (const char *)results[i]->URL : "input", PA_RESULTS_NS);
		}
	}
	return error;
}

static int
build_doc(xmlDoc **out, xmlDoc *const *results, size_t count)
{
	struct pa_vec roots = PA_VEC_INIT;
	xmlDoc *doc = NULL;
	xmlNode *top = NULL, *copy;
	xmlNs *ns;
	size_t i;
	int error;

	*out = NULL;
	if ((error = collect_roots(&roots, results, count)) < 0)
		goto done;
	if ((doc = xmlNewDoc(BAD_CAST "1.0")) == NULL ||
	    (doc->encoding = xmlStrdup(BAD_CAST "UTF-8")) == NULL) {
		error = pa_error_oom();
		goto done;
	}
	if (roots.count != 1) {
		if ((top = xmlNewDocNode(doc, NULL, BAD_CAST "results-set", NULL)) == NULL ||
		    (ns = xmlNewNs(top, BAD_CAST PA_RESULTS_NS, NULL)) == NULL) {
			xmlFreeNode(top);
			error = pa_error_oom();
			goto done;
		}
		xmlSetNs(top, ns);
		xmlDocSetRootElement(doc, top);
	}
	for (i = 0; i < roots.count; i++) {
		if ((copy = xmlDocCopyNode(roots.items[i], doc, 1)) == NULL) {
			error = pa_error_oom();
			goto done;
		}
		if (top == NULL)
			xmlDocSetRootElement(doc, copy);
		else if (xmlAddChild(top, copy) == NULL) {
			xmlFreeNode(copy);
			error = pa_error_oom();
			goto done;
		}
	}
	if ((error = clean_tree(xmlDocGetRootElement(doc))) < 0)
		goto done;
	*out = doc;
	doc = NULL;	/* owned by the caller now */
done:
	xmlFreeDoc(doc);
	pa_vec_dispose(&roots, NULL);
	return error;
}

/* Keep s in in->strings; returns s, or NULL (error set) on OOM. */
static const char *
keep(struct pa_render_input *in, char *s, int *error)
{
	if (s == NULL)
		return NULL;
	if (pa_vec_push(&in->strings, s) < 0) {
		free(s);
		*error = PA_ENOMEM;
		return NULL;
	}
	return s;
}

static const char *
attr(struct pa_render_input *in, const xmlNode *n, const char *name, int *error)
{
	xmlChar *v;
	char *s;

	if (*error < 0 || (v = xmlGetNoNsProp(n, BAD_CAST name)) == NULL)
		return NULL;
	s = pa_strdup((const char *)v);
	xmlFree(v);
	if (s == NULL) {
		*error = PA_ENOMEM;
		return NULL;
	}
	return keep(in, s, error);
}

static bool
is_space(char c)
{
	return c == ' ' || c == '\n' || c == '\t' || c == '\r';
}

/* Text content on one line: runs of white space become one space, trimmed. */
static const char *
text_line(struct pa_render_input *in, const xmlNode *n, int *error)
{
	xmlChar *v;
	const char *p;
	char *s, *d;

	if (*error < 0 || (v = xmlNodeGetContent(n)) == NULL)
		return NULL;
	if ((s = pa_malloc(strlen((const char *)v) + 1)) == NULL) {
		xmlFree(v);
		*error = PA_ENOMEM;
		return NULL;
	}
	for (p = (const char *)v, d = s; *p != '\0'; p++) {
		if (!is_space(*p))
			*d++ = *p;
		else if (d > s && !is_space(p[1]) && p[1] != '\0')
			*d++ = ' ';
	}
	*d = '\0';
	xmlFree(v);
	return keep(in, s, error);
}

/*
 * Multi-line text: each line trimmed, leading and trailing blank lines
 * dropped, runs of blank lines kept as one.
 */
static const char *
text_block(struct pa_render_input *in, const xmlNode *n, int *error)
{
	struct pa_buf b = PA_BUF_INIT;
	xmlChar *v;
	const char *p, *e, *eol;
	bool blank = false;

	if (*error < 0 || (v = xmlNodeGetContent(n)) == NULL)
		return NULL;
	for (p = (const char *)v; *p != '\0'; p = *eol ? eol + 1 : eol) {
		eol = strchr(p, '\n');
		if (eol == NULL)
			eol = p + strlen(p);
		e = eol;
		while (p < e && is_space(*p))
			p++;
		while (e > p && is_space(e[-1]))
			e--;
		if (e == p) {
			blank = b.size > 0;
			continue;
		}
		if (b.size > 0)
			pa_buf_puts(&b, blank ? "\n\n" : "\n");
		pa_buf_put(&b, p, (size_t)(e - p));
		blank = false;
	}
	xmlFree(v);
	if (pa_buf_oom(&b)) {
		pa_buf_dispose(&b);
		*error = PA_ENOMEM;
		return NULL;
	}
	return keep(in, pa_buf_detach(&b), error);
}

enum pa_sev
pa_render_sev_rank(const char *severity)
{
	static const char *const names[] = { "blocker", "error", "warning", "info" };
	size_t i;

	for (i = 0; severity != NULL && i < sizeof(names) / sizeof(names[0]); i++)
		if (strcmp(severity, names[i]) == 0)
			return (enum pa_sev)i;
	return PA_SEV_OTHER;
}

int
pa_render_fail_rank(int *out, const char *fail_on)
{
	enum pa_sev r;

	if (fail_on == NULL) {
		*out = PA_SEV_ERROR;
		return 0;
	}
	if (strcmp(fail_on, "none") == 0) {
		*out = -1;
		return 0;
	}
	if ((r = pa_render_sev_rank(fail_on)) == PA_SEV_OTHER)
		return pa_error_setc(PA_EINVALID, PA_ERRCLASS_USAGE,
		    "unknown severity '%s' (blocker, error, warning, info or none)",
		    fail_on);
	*out = (int)r;
	return 0;
}

static bool
status_is(const struct pa_rfinding *f, const char *s)
{
	return f->status != NULL && strcmp(f->status, s) == 0;
}

static bool
suppressed(const struct pa_rfinding *f)
{
	return status_is(f, "waived") || status_is(f, "baselined");
}

bool
pa_render_fails(const struct pa_rfinding *f, int fail_rank)
{
	return fail_rank >= 0 && f->in_force && !suppressed(f) &&
	    (int)f->rank <= fail_rank;
}

static long
parse_line(const char *s)
{
	char *end;
	long v;

	if (s == NULL || *s < '0' || *s > '9')
		return 0;
	errno = 0;
	v = strtol(s, &end, 10);
	return (errno != 0 || *end != '\0' || v < 0) ? 0 : v;
}

static int
cmp_str(const char *a, const char *b)
{
	if (a == NULL || b == NULL)
		return (a != NULL) - (b != NULL);
	return strcmp(a, b);
}

static int
cmp_finding(const void *pa, const void *pb)
{
	const struct pa_rfinding *a = *(const struct pa_rfinding *const *)pa;
	const struct pa_rfinding *b = *(const struct pa_rfinding *const *)pb;
	int c;

	if (a->rank != b->rank)
		return a->rank < b->rank ? -1 : 1;
	if (suppressed(a) != suppressed(b))	/* unresolved first */
		return suppressed(a) ? 1 : -1;
	if ((c = cmp_str(a->path, b->path)) != 0)
		return c;
	if (a->line != b->line)
		return a->line < b->line ? -1 : 1;
	if ((c = cmp_str(a->rule, b->rule)) != 0)
		return c;
	return a->order < b->order ? -1 : a->order > b->order;
}

static void
count_finding(struct pa_rcounts *c, const struct pa_rfinding *f)
{
	c->total++;
	if (!f->in_force)
		c->not_in_force++;
	else if (status_is(f, "waived"))
		c->waived++;
	else if (status_is(f, "baselined"))
		c->baselined++;
	else if (status_is(f, "needs-review"))
		c->needs_review++;
	else
		c->open[f->rank]++;	/* open, or a status this version does not know */
}

/* How many children of r are elements named name. */
static size_t
count_elems(const xmlNode *r, const char *name)
{
	const xmlNode *c;
	size_t n = 0;

	for (c = r->children; c != NULL; c = c->next)
		n += is_elem(c, name);
	return n;
}

static int
read_finding(struct pa_render_input *in, struct pa_rfinding *f, const xmlNode *n,
    size_t order)
{
	const xmlNode *c;
	const char *s;
	int error = 0;

	f->rule = attr(in, n, "rule", &error);
	f->severity = attr(in, n, "severity", &error);
	f->status = attr(in, n, "status", &error);
	f->fingerprint = attr(in, n, "fingerprint", &error);
	f->path = attr(in, n, "path", &error);
	f->anchor = attr(in, n, "anchor", &error);
	f->ref = attr(in, n, "ref", &error);
	f->applies_from = attr(in, n, "applies-from", &error);
	f->line = parse_line(attr(in, n, "line", &error));
	s = attr(in, n, "in-force", &error);
	f->in_force = !(s != NULL && strcmp(s, "false") == 0);
	s = attr(in, n, "waivable", &error);
	f->waivable = s == NULL ? -1 : strcmp(s, "true") == 0;
	f->rank = pa_render_sev_rank(f->severity);
	f->order = order;
	for (c = n->children; c != NULL; c = c->next) {
		if (is_elem(c, "message") && f->message == NULL)
			f->message = text_line(in, c, &error);
		else if (is_elem(c, "remedy") && f->remedy == NULL)
			f->remedy = text_block(in, c, &error);
	}
	return error;
}

static int
read_dossier(struct pa_render_input *in, struct pa_rdossier *d, const xmlNode *r)
{
	const xmlNode *c;
	size_t i;
	int error = 0;

	if ((d->nsystems = count_elems(r, "system")) > 0 &&
	    (d->systems = pa_calloc(d->nsystems, sizeof(*d->systems))) == NULL)
		return PA_ENOMEM;
	if ((d->nmodels = count_elems(r, "model")) > 0 &&
	    (d->models = pa_calloc(d->nmodels, sizeof(*d->models))) == NULL)
		return PA_ENOMEM;
	if ((d->nsigs = count_elems(r, "signature")) > 0 &&
	    (d->sigs = pa_calloc(d->nsigs, sizeof(*d->sigs))) == NULL)
		return PA_ENOMEM;
	if ((d->nfindings = count_elems(r, "finding")) > 0 &&
	    ((d->findings = pa_calloc(d->nfindings, sizeof(*d->findings))) == NULL ||
	    (d->sorted = pa_calloc(d->nfindings, sizeof(*d->sorted))) == NULL))
		return PA_ENOMEM;
	d->nsystems = d->nmodels = d->nsigs = d->nfindings = 0;
	for (c = r->children; c != NULL && error == 0; c = c->next) {
		if (is_elem(c, "tool")) {
			d->tool_name = attr(in, c, "name", &error);
			d->tool_version = attr(in, c, "version", &error);
		} else if (is_elem(c, "rules")) {
			d->rules_version = attr(in, c, "version", &error);
			d->rules_digest = attr(in, c, "digest", &error);
		} else if (is_elem(c, "dossier")) {
			d->path = attr(in, c, "path", &error);
			d->commit = attr(in, c, "commit", &error);
			d->rev = attr(in, c, "rev", &error);
			d->mode = attr(in, c, "mode", &error);
			d->trust = attr(in, c, "trust", &error);
		} else if (is_elem(c, "as-of")) {
			d->as_of = text_line(in, c, &error);
		} else if (is_elem(c, "verdict")) {
			d->verdict = text_line(in, c, &error);
		} else if (is_elem(c, "system")) {
			d->systems[d->nsystems].id = attr(in, c, "id", &error);
			d->systems[d->nsystems++].tier = attr(in, c, "tier", &error);
		} else if (is_elem(c, "model")) {
			d->models[d->nmodels].id = attr(in, c, "id", &error);
			d->models[d->nmodels++].gpai = attr(in, c, "gpai", &error);
		} else if (is_elem(c, "signature")) {
			d->sigs[d->nsigs].object = attr(in, c, "object", &error);
			d->sigs[d->nsigs].kind = attr(in, c, "kind", &error);
			d->sigs[d->nsigs].status = attr(in, c, "status", &error);
			d->sigs[d->nsigs++].fingerprint = attr(in, c, "fingerprint", &error);
		} else if (is_elem(c, "finding")) {
			error = read_finding(in, &d->findings[d->nfindings], c, d->nfindings);
			d->nfindings++;
		}
	}
	if (error < 0)
		return error;
	for (i = 0; i < d->nfindings; i++) {
		d->sorted[i] = &d->findings[i];
		count_finding(&d->counts, &d->findings[i]);
	}
	if (d->nfindings > 1)
		qsort(d->sorted, d->nfindings, sizeof(*d->sorted), cmp_finding);
	return 0;
}

int
pa_render_input_init(struct pa_render_input *in, xmlDoc *const *results,
    size_t count)
{
	xmlNode *root, *r;
	size_t n = 0;
	int error;

	memset(in, 0, sizeof(*in));
	if ((error = build_doc(&in->doc, results, count)) < 0)
		goto done;
	root = xmlDocGetRootElement(in->doc);
	n = is_elem(root, "results") ? 1 : count_elems(root, "results");
	if (n > 0 && (in->dossiers = pa_calloc(n, sizeof(*in->dossiers))) == NULL) {
		error = PA_ENOMEM;
		goto done;
	}
	if (is_elem(root, "results")) {
		error = read_dossier(in, &in->dossiers[in->count++], root);
		goto done;
	}
	for (r = root->children; r != NULL && error == 0; r = r->next)
		if (is_elem(r, "results"))
			error = read_dossier(in, &in->dossiers[in->count++], r);
done:
	if (error == PA_ENOMEM)
		pa_error_oom();
	if (error < 0)
		pa_render_input_dispose(in);
	return error;
}

static void
free_item(void *p)
{
	free(p);
}

void
pa_render_input_dispose(struct pa_render_input *in)
{
	size_t i;

	for (i = 0; i < in->count; i++) {
		free(in->dossiers[i].systems);
		free(in->dossiers[i].models);
		free(in->dossiers[i].sigs);
		free(in->dossiers[i].findings);
		free(in->dossiers[i].sorted);
	}
	free(in->dossiers);
	pa_vec_dispose(&in->strings, free_item);
	xmlFreeDoc(in->doc);
	memset(in, 0, sizeof(*in));
}

int
pa_render_check_stream(FILE *out)
{
	if (fflush(out) != 0 || ferror(out))
		return pa_error_setc(PA_ERROR, PA_ERRCLASS_OS,
		    "cannot write the report: %s", strerror(errno ? errno : EIO));
	return 0;
}

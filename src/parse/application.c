/* SPDX-License-Identifier: GPL-3.0-or-later */
/* application.xml, pact/commitments.xml and pact/signers.xml copied into the evidence, element for element. */
#include "config.h"

#include "parse/application.h"

#include <stdbool.h>
#include <string.h>

#include <libxml/tree.h>

#include "parse/xml.h"
#include "util/buf.h"
#include "util/error.h"

struct reader {
	const char *evname;	/* element appended to the evidence */
	const char *root;	/* expected root element */
	const char *ns;		/* the file's namespace */
	const char *schema;	/* under rules/schema/ */
};

static const struct reader application_reader = {
	"application", "application", PA_APPLICATION_NS, "application.rng"
};
static const struct reader commitments_reader = {
	"pact", "commitments", PA_COMMITMENTS_NS, "commitments.rng"
};
static const struct reader signers_reader = {
	"signers", "signers", PA_SIGNERS_NS, "signers.rng"
};

static bool
is_reserved(const char *name)
{
	return strcmp(name, "src") == 0 || strcmp(name, "line") == 0 ||
	    strcmp(name, "blob") == 0 || strcmp(name, "anchor") == 0;
}

static bool
in_ns(const xmlNode *n, const xmlChar *ns)
{
	if (ns == NULL)
		return n->ns == NULL;
	return n->ns != NULL && xmlStrEqual(n->ns->href, ns);
}

/* Drop white space at both ends of b. */
static void
trim(struct pa_buf *b)
{
	size_t s = 0, e = b->size;

	while (s < e && strchr(" \t\r\n", b->ptr[s]) != NULL)
		s++;
	while (e > s && strchr(" \t\r\n", b->ptr[e - 1]) != NULL)
		e--;
	if (s > 0)
		memmove(b->ptr, b->ptr + s, e - s);
	pa_buf_truncate(b, e - s);
}

/* Direct text children, trimmed. */
static int
direct_text(struct pa_buf *out, const xmlNode *n)
{
	const xmlNode *c;

	pa_buf_clear(out);
	for (c = n->children; c != NULL; c = c->next) {
		if ((c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE) &&
		    c->content != NULL)
			pa_buf_puts(out, (const char *)c->content);
	}
	if (pa_buf_oom(out))
		return PA_ENOMEM;
	trim(out);
	return 0;
}

/* Attributes without a namespace, values trimmed (they are tokens in every dossier format). */
static int
copy_attrs(xmlNode *dst, const xmlNode *src, bool root, struct pa_buf *val)
{
	const xmlAttr *a;
	xmlChar *v;
	int error = 0;

	for (a = src->properties; a != NULL && error == 0; a = a->next) {
		if (a->ns != NULL || is_reserved((const char *)a->name) ||
		    (root && strcmp((const char *)a->name, "valid") == 0))
			continue;
		pa_buf_clear(val);
		if ((v = xmlNodeListGetString(src->doc, a->children, 1)) != NULL) {
			pa_buf_puts(val, (const char *)v);
			xmlFree(v);
		}
		if (pa_buf_oom(val))
			return PA_ENOMEM;
		trim(val);
		error = pa_ev_set(dst, (const char *)a->name, val->ptr);
	}
	return error;
}

static int
copy_children(xmlNode *dst, const xmlNode *src, const xmlChar *ns,
    const struct pa_evsrc *from, struct pa_buf *text)
{
	const xmlNode *c;
	xmlNode *n;
	int error = 0;

	for (c = src->children; c != NULL && error == 0; c = c->next) {
		if (c->type != XML_ELEMENT_NODE || !in_ns(c, ns))
			continue;
		if ((error = direct_text(text, c)) < 0)
			break;
		n = pa_ev_child_n(dst, (const char *)c->name, from, pa_xml_line(c),
		    text->size ? text->ptr : NULL, text->size);
		if (n == NULL) {
			error = PA_ENOMEM;
			break;
		}
		if ((error = copy_attrs(n, c, false, text)) < 0)
			break;
		error = copy_children(n, c, ns, from, text);
	}
	return error;
}

static int
read_into(xmlNode *parent, const struct reader *r, const char *data, size_t len,
    const struct pa_evsrc *from, struct pa_diag *diag)
{
	struct pa_buf text = PA_BUF_INIT;
	xmlDoc *doc = NULL;
	xmlNode *top, *root;
	const xmlChar *ns = BAD_CAST r->ns;
	bool valid = false;
	int error = 0;

	if ((top = pa_ev_child(parent, r->evname, from, 1, NULL)) == NULL)
		return PA_ENOMEM;
	if (data == NULL)
		goto mark;
	if ((error = pa_xml_parse_untrusted(&doc, data, len, from->src, diag)) < 0 ||
	    doc == NULL)
		goto mark;
	if ((error = pa_xml_validate_rng(&valid, doc, r->schema, from->src, diag)) < 0)
		goto done;
	root = xmlDocGetRootElement(doc);
	/* A root without a namespace is still read (its schema error says what is wrong). */
	if (root->ns == NULL)
		ns = NULL;
	if (!xmlStrEqual(root->name, BAD_CAST r->root) || !in_ns(root, ns))
		goto mark;
	if ((error = pa_ev_set_long(top, "line", pa_xml_line(root) > 0 ?
	    pa_xml_line(root) : 1)) < 0 ||
	    (error = copy_attrs(top, root, true, &text)) < 0)
		goto done;
	error = copy_children(top, root, ns, from, &text);
mark:
	if (error == 0)
		error = pa_ev_set(top, "valid", valid ? "true" : "false");
done:
	pa_buf_dispose(&text);
	xmlFreeDoc(doc);
	return error;
}

int
pa_application_to_evidence(xmlNode *parent, const char *data, size_t len,
    const struct pa_evsrc *from, struct pa_diag *diag)
{
	return read_into(parent, &application_reader, data, len, from, diag);
}

int
pa_commitments_to_evidence(xmlNode *parent, const char *data, size_t len,
    const struct pa_evsrc *from, struct pa_diag *diag)
{
	return read_into(parent, &commitments_reader, data, len, from, diag);
}

int
pa_signers_to_evidence(xmlNode *parent, const char *data, size_t len,
    const struct pa_evsrc *from, struct pa_diag *diag)
{
	return read_into(parent, &signers_reader, data, len, from, diag);
}

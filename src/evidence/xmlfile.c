/* SPDX-License-Identifier: GPL-3.0-or-later */
/* application.xml, pact/commitments.xml and pact/signers.xml copied into the evidence, element for element. */
#include "config.h"

#include "evidence/xmlfile.h"

#include <stdbool.h>
#include <string.h>

#include <libxml/tree.h>

#include "parse/xml.h"
#include "util/buf.h"
#include "util/error.h"

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

/*
 * Elements whose text is a term of a controlled vocabulary (lower-case
 * words joined by hyphens): application.rng, rules/vocab/.
 */
static bool
is_vocab(const xmlNode *n)
{
	static const char *const names[] = { "use-case", "deployment", "role", "size",
		"precision", "output-modality", NULL };
	size_t i;

	for (i = 0; names[i] != NULL; i++)
		if (xmlStrEqual(n->name, BAD_CAST names[i]))
			return true;
	return false;
}

/*
 * A vocabulary term as the rules compare it: white space runs as one
 * space, ASCII letters in lower case.  True when that changed it (a file
 * that breaks its schema).
 */
static bool
normalise(struct pa_buf *b)
{
	struct pa_buf c = PA_BUF_INIT;
	bool changed;
	size_t i;

	pa_ev_put_collapsed(&c, b->ptr, (size_t)-1 / 2);
	for (i = 0; i < c.size; i++)
		if (c.ptr[i] >= 'A' && c.ptr[i] <= 'Z')
			c.ptr[i] = (char)(c.ptr[i] - 'A' + 'a');
	changed = pa_buf_oom(&c) || c.size != b->size || memcmp(c.ptr, b->ptr, c.size) != 0;
	if (changed) {
		pa_buf_clear(b);
		pa_buf_put(b, c.ptr, c.size);
		if (pa_buf_oom(&c))
			b->oom = true;
	}
	pa_buf_dispose(&c);
	return changed;
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
		if (xmlStrEqual(a->name, BAD_CAST "kind"))
			normalise(val);
		if (pa_buf_oom(val))
			return PA_ENOMEM;
		error = pa_ev_set(dst, (const char *)a->name, val->ptr);
	}
	return error;
}

static bool
has_children_in(const xmlNode *n, const xmlChar *ns)
{
	const xmlNode *c;

	for (c = n->children; c != NULL; c = c->next)
		if (c->type == XML_ELEMENT_NODE && in_ns(c, ns))
			return true;
	return false;
}

/* dst's children: a copy of src's, each anchored one step below `prefix` (NULL: the file's root). */
static int
copy_children(xmlNode *dst, const xmlNode *src, const xmlChar *ns,
    const struct pa_evsrc *from, struct pa_buf *text, const char *prefix)
{
	const xmlNode *c;
	xmlNode *n;
	int error = 0;

	for (c = src->children; c != NULL && error == 0; c = c->next) {
		bool leaf, given;

		if (c->type != XML_ELEMENT_NODE || !in_ns(c, ns))
			continue;
		leaf = !has_children_in(c, ns);
		if ((error = direct_text(text, c)) < 0)
			break;
		given = leaf && is_vocab(c) && normalise(text);
		if (pa_buf_oom(text)) {
			error = PA_ENOMEM;
			break;
		}
		n = pa_ev_child_n(dst, (const char *)c->name, from, pa_xml_line(c),
		    text->size ? text->ptr : NULL, text->size);
		if (n == NULL) {
			error = PA_ENOMEM;
			break;
		}
		/* the term as written, for the auditor */
		if (given && (error = direct_text(text, c)) == 0)
			error = pa_ev_set(n, "given", text->ptr);
		if (error < 0)
			break;
		if ((error = copy_attrs(n, c, false, text)) < 0 ||
		    (error = pa_ev_anchor_step(n, prefix, leaf)) < 0)
			break;
		error = copy_children(n, c, ns, from, text, pa_ev_anchor(n));
	}
	return error;
}

static int
read_into(xmlNode *parent, const char *evname, enum pa_dossier_xml_kind kind,
    const char *data, size_t len, const struct pa_evsrc *from, struct pa_diag *diag)
{
	struct pa_buf text = PA_BUF_INIT;
	struct pa_dossier_xml x;
	xmlNode *top;
	int error = 0;

	if ((top = pa_ev_child(parent, evname, from, 1, NULL)) == NULL)
		return PA_ENOMEM;
	if ((error = pa_dossier_xml_read(&x, kind, data, len, from->src, diag)) < 0)
		goto done;
	if (x.root == NULL)
		goto mark;
	if ((error = pa_ev_set_long(top, "line", pa_xml_line(x.root) > 0 ?
	    pa_xml_line(x.root) : 1)) < 0 ||
	    (error = copy_attrs(top, x.root, true, &text)) < 0)
		goto done;
	error = copy_children(top, x.root, BAD_CAST x.ns, from, &text, NULL);
mark:
	if (error == 0)
		error = pa_ev_set(top, "valid", x.valid ? "true" : "false");
done:
	pa_buf_dispose(&text);
	pa_dossier_xml_dispose(&x);
	return error;
}

int
pa_application_to_evidence(xmlNode *parent, const char *data, size_t len,
    const struct pa_evsrc *from, struct pa_diag *diag)
{
	return read_into(parent, "application", PA_DOSSIER_XML_APPLICATION, data, len, from,
	    diag);
}

int
pa_commitments_to_evidence(xmlNode *parent, const char *data, size_t len,
    const struct pa_evsrc *from, struct pa_diag *diag)
{
	return read_into(parent, "pact", PA_DOSSIER_XML_COMMITMENTS, data, len, from, diag);
}

int
pa_signers_to_evidence(xmlNode *parent, const char *data, size_t len,
    const struct pa_evsrc *from, struct pa_diag *diag)
{
	return read_into(parent, "signers", PA_DOSSIER_XML_SIGNERS, data, len, from, diag);
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Evidence node helpers: every node carries where it came from. */
#include "config.h"

#include "parse/evnode.h"

#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "util/buf.h"
#include "util/error.h"
#include "util/text.h"

xmlNs *
pa_ev_ns(xmlNode *node)
{
	xmlNs *ns;
	xmlNode *root;

	ns = xmlSearchNsByHref(node->doc, node, BAD_CAST PA_EVIDENCE_NS);
	if (ns != NULL)
		return ns;
	root = node->doc ? xmlDocGetRootElement(node->doc) : node;
	if (root == NULL)
		root = node;
	return xmlNewNs(root, BAD_CAST PA_EVIDENCE_NS, NULL);
}

static int
clean(struct pa_buf *out, const char *s, size_t len)
{
	return pa_text_xml_clean(out, s, len, NULL);
}

#define SHARED_MAX 64	/* bytes: longer values are seldom repeated */

/*
 * xmlSetProp, with a short value kept once in the document's dictionary
 * when it has one (the evidence document): src, blob, line numbers,
 * "true", "false" and "0" repeat on most elements of a card, each
 * otherwise a malloc of its own.  libxml2 never frees or changes in place
 * text that its document's dictionary owns (its parser does the same).
 */
static int
set_prop(xmlNode *node, const char *name, const char *value)
{
	xmlAttr *a = xmlSetProp(node, BAD_CAST name, BAD_CAST value);
	xmlDict *dict = node->doc ? node->doc->dict : NULL;
	xmlNode *t;
	const xmlChar *shared;

	if (a == NULL)
		return pa_error_oom();
	t = a->children;
	if (dict == NULL || t == NULL || t->next != NULL || t->type != XML_TEXT_NODE ||
	    t->content == NULL || xmlDictOwns(dict, t->content) ||
	    strlen((const char *)t->content) > SHARED_MAX)
		return 0;
	if ((shared = xmlDictLookup(dict, t->content, -1)) == NULL)
		return 0;	/* the value stays as it was */
	xmlFree(t->content);
	t->content = (xmlChar *)shared;
	return 0;
}

int
pa_ev_set(xmlNode *node, const char *name, const char *value)
{
	struct pa_buf b = PA_BUF_INIT;
	int error;

	if ((error = clean(&b, value, strlen(value))) < 0)
		goto done;
	error = set_prop(node, name, b.ptr);
done:
	pa_buf_dispose(&b);
	return error;
}

int
pa_ev_set_long(xmlNode *node, const char *name, long value)
{
	char num[32];

	snprintf(num, sizeof(num), "%ld", value);
	return set_prop(node, name, num);
}

xmlNode *
pa_ev_child_n(xmlNode *parent, const char *name, const struct pa_evsrc *from,
    long line, const char *text, size_t len)
{
	struct pa_buf b = PA_BUF_INIT;
	xmlNode *n = NULL;

	if (text != NULL && clean(&b, text, len) < 0)
		goto done;
	n = xmlNewChild(parent, pa_ev_ns(parent), BAD_CAST name, NULL);
	if (n == NULL) {
		pa_error_oom();
		goto done;
	}
	if (text != NULL && b.size > 0) {
		xmlNode *t = xmlNewTextLen(BAD_CAST b.ptr, (int)b.size);

		if (t == NULL || xmlAddChild(n, t) == NULL) {
			xmlFreeNode(t);
			pa_error_oom();
			n = NULL;
			goto done;
		}
	}
	if (from != NULL) {
		if ((from->src && pa_ev_set(n, "src", from->src) < 0) ||
		    (line > 0 && pa_ev_set_long(n, "line", line) < 0) ||
		    (from->blob && pa_ev_set(n, "blob", from->blob) < 0)) {
			n = NULL;
			goto done;
		}
	}
done:
	pa_buf_dispose(&b);
	return n;
}

xmlNode *
pa_ev_child(xmlNode *parent, const char *name, const struct pa_evsrc *from,
    long line, const char *text)
{
	return pa_ev_child_n(parent, name, from, line, text, text ? strlen(text) : 0);
}

void
pa_ev_put_collapsed(struct pa_buf *b, const char *s, size_t max)
{
	size_t start = b->size;
	bool space = false;

	for (; s != NULL && *s != '\0'; s++) {
		if (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r') {
			space = b->size > start;
			continue;
		}
		if (b->size - start >= max && ((unsigned char)*s & 0xc0) != 0x80) {
			pa_buf_puts(b, "\xe2\x80\xa6");	/* … */
			return;
		}
		if (space)
			pa_buf_putc(b, ' ');
		space = false;
		pa_buf_putc(b, *s);
	}
}

int
pa_ev_set_anchor(xmlNode *node, const char *anchor)
{
	return set_prop(node, "anchor", anchor);
}

const char *
pa_ev_anchor(const xmlNode *node)
{
	const xmlAttr *a;

	for (a = node ? node->properties : NULL; a != NULL; a = a->next)
		if (a->ns == NULL && strcmp((const char *)a->name, "anchor") == 0)
			return a->children && a->children->type == XML_TEXT_NODE ?
			    (const char *)a->children->content : "";
	return NULL;
}

static const char *
attr_value(const xmlNode *node, const char *name)
{
	const xmlAttr *a;

	for (a = node->properties; a != NULL; a = a->next)
		if (a->ns == NULL && strcmp((const char *)a->name, name) == 0)
			return a->children && a->children->next == NULL &&
			    a->children->type == XML_TEXT_NODE ?
			    (const char *)a->children->content : "";
	return NULL;
}

/* The key of one element path step: id, name, object, path, kind, code, or short leaf text. */
static void
put_key(struct pa_buf *b, const xmlNode *n, bool leaf)
{
	static const char *const keys[] = { "id", "name", "object", "path", "kind",
		"code", NULL };
	const char *v;
	xmlChar *text;
	size_t i;

	for (i = 0; keys[i] != NULL; i++) {
		if ((v = attr_value(n, keys[i])) != NULL && v[0] != '\0') {
			pa_buf_putc(b, '[');
			pa_ev_put_collapsed(b, v, PA_EV_KEY_MAX);
			pa_buf_putc(b, ']');
			return;
		}
	}
	if (!leaf || (text = xmlNodeGetContent(n)) == NULL)
		return;
	if (text[0] != '\0' && strlen((const char *)text) <= PA_EV_KEY_MAX) {
		size_t before = b->size;

		pa_buf_putc(b, '[');
		pa_ev_put_collapsed(b, (const char *)text, PA_EV_KEY_MAX);
		if (b->size == before + 1)
			pa_buf_truncate(b, before);	/* only white space */
		else
			pa_buf_putc(b, ']');
	}
	xmlFree(text);
}

int
pa_ev_anchor_step(xmlNode *node, const char *prefix, bool leaf)
{
	struct pa_buf b = PA_BUF_INIT;
	int error;

	if (prefix != NULL && prefix[0] != '\0') {
		pa_buf_puts(&b, prefix);
		pa_buf_putc(&b, '/');
	}
	pa_buf_puts(&b, (const char *)node->name);
	put_key(&b, node, leaf);
	error = pa_buf_oom(&b) ? pa_error_oom() : pa_ev_set_anchor(node, b.ptr);
	pa_buf_dispose(&b);
	return error;
}

bool
pa_ev_is_leaf(const xmlNode *node)
{
	const xmlNode *c;

	for (c = node->children; c != NULL; c = c->next)
		if (c->type == XML_ELEMENT_NODE)
			return false;
	return true;
}

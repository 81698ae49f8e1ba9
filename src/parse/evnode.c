/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Evidence node helpers: every node carries where it came from. */
#include "config.h"

#include "parse/evnode.h"

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

int
pa_ev_set(xmlNode *node, const char *name, const char *value)
{
	struct pa_buf b = PA_BUF_INIT;
	int error;

	if ((error = clean(&b, value, strlen(value))) < 0)
		goto done;
	if (xmlSetProp(node, BAD_CAST name, BAD_CAST b.ptr) == NULL)
		error = pa_error_oom();
done:
	pa_buf_dispose(&b);
	return error;
}

int
pa_ev_set_long(xmlNode *node, const char *name, long value)
{
	char num[32];

	snprintf(num, sizeof(num), "%ld", value);
	return xmlSetProp(node, BAD_CAST name, BAD_CAST num) ? 0 : pa_error_oom();
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

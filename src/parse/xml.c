/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * The only caller of libxml2's parse functions.  Every document goes
 * through the same hardened options; DOCTYPEs are refused while parsing
 * (before any declaration in them is read) and the external-entity loader
 * refuses everything, except the project's own data files inside a trusted
 * scope.
 */
#include "config.h"

#include "parse/xml.h"

#include <libxml/parser.h>
#include <libxml/parserInternals.h>
#include <libxml/relaxng.h>
#include <libxml/xmlerror.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "util/alloc.h"
#include "util/buf.h"
#include "util/datadir.h"
#include "util/file.h"
#include "util/limits.h"
#include "util/text.h"

/* Options for every parse: never NOENT, DTDLOAD, DTDATTR, DTDVALID, XINCLUDE or HUGE. */
#define PA_XML_OPTIONS (XML_PARSE_NONET | XML_PARSE_NOCDATA | XML_PARSE_BIG_LINES | \
	XML_PARSE_NOERROR | XML_PARSE_NOWARNING)

static _Thread_local int trusted_scope;
static xmlExternalEntityLoader default_loader;


void
pa_xml_trusted_begin(void)
{
	trusted_scope++;
}

void
pa_xml_trusted_end(void)
{
	trusted_scope--;
}

static bool
path_in_datadir(const char *url)
{
	char dd[PATH_MAX], p[PATH_MAX];
	const char *path = url;
	size_t n;

	if (strncmp(path, "file://", 7) == 0)
		path += 7;
	if (strchr(path, ':') != NULL)	/* any other scheme */
		return false;
	if (realpath(pa_datadir(), dd) == NULL || realpath(path, p) == NULL)
		return false;
	n = strlen(dd);
	return strncmp(p, dd, n) == 0 && p[n] == '/';
}

static xmlParserInputPtr
refusing_loader(const char *url, const char *id, xmlParserCtxtPtr ctxt)
{
	if (trusted_scope > 0 && url != NULL && path_in_datadir(url))
		return default_loader(url, id, ctxt);
	return NULL;
}

void
pa_xml_global_init(void)
{
	xmlInitParser();
	if (default_loader == NULL)
		default_loader = xmlGetExternalEntityLoader();
	xmlSetExternalEntityLoader(refusing_loader);
	xmlLineNumbersDefault(1);
}

void
pa_xml_global_cleanup(void)
{
	xmlCleanupParser();
}

struct parse_state {
	struct pa_diag *diag;
	const char *path;
	int doctype;
	int errors;
	struct pa_buf first;	/* first error, for trusted parses */
	long first_line;
	size_t max;		/* bytes; 0: PA_LIMIT_XML_SIZE */
};

static void
on_internal_subset(void *ctx, const xmlChar *name, const xmlChar *eid, const xmlChar *sid)
{
	xmlParserCtxtPtr ctxt = ctx;
	struct parse_state *st = ctxt->_private;

	(void)name;
	(void)eid;
	(void)sid;
	st->doctype = 1;
	if (st->diag != NULL)	/* NULL for the project's own (trusted) files */
		pa_diag_add(st->diag, PA_DIAG_ERROR, "xml-doctype", st->path,
		    xmlSAX2GetLineNumber(ctx), NULL,
		    "document type declarations are not allowed (DOCTYPE refused)");
	xmlStopParser(ctxt);
}

static void
on_error(void *ctx, xmlErrorPtr err)
{
	struct parse_state *st = ctx;
	char msg[512];
	size_t n;

	if (err == NULL || err->level < XML_ERR_ERROR || st->doctype)
		return;
	if (st->errors++ >= 10)
		return;
	snprintf(msg, sizeof(msg), "%s", err->message ? err->message : "malformed XML");
	n = strlen(msg);
	while (n > 0 && (msg[n - 1] == '\n' || msg[n - 1] == ' '))
		msg[--n] = '\0';
	if (st->diag != NULL)
		pa_diag_add(st->diag, PA_DIAG_ERROR, "xml-malformed", st->path,
		    err->line, NULL, "malformed XML: %s", msg);
	if (st->first.size == 0) {
		pa_buf_puts(&st->first, msg);
		st->first_line = err->line;
	}
}

static long
max_depth(const xmlNode *n, long depth, long limit)
{
	long d = depth, c;

	for (; n != NULL; n = n->next) {
		if (n->type != XML_ELEMENT_NODE)
			continue;
		if (depth > limit)
			return depth;
		c = max_depth(n->children, depth + 1, limit);
		if (c > d)
			d = c;
	}
	return d;
}

static int
parse_common(xmlDoc **out, const char *data, size_t len, const char *path,
    struct pa_diag *diag, struct parse_state *st)
{
	xmlParserCtxtPtr ctxt = NULL;
	xmlDoc *doc = NULL;
	size_t max = st->max ? st->max : PA_LIMIT_XML_SIZE;
	int error = 0;

	*out = NULL;
	st->diag = diag;
	st->path = path;
	if (len > max) {
		if (diag)
			pa_diag_add(diag, PA_DIAG_ERROR, "xml-too-large", path, 0, NULL,
			    "XML file is larger than %zu bytes", max);
		pa_buf_printf(&st->first, "larger than %zu bytes", max);
		st->errors++;
		return 0;
	}
	if (len > INT_MAX)
		return 0;
	if ((ctxt = xmlNewParserCtxt()) == NULL)
		return pa_error_oom();
	ctxt->_private = st;
	ctxt->sax->internalSubset = on_internal_subset;
	xmlSetStructuredErrorFunc(st, on_error);
	doc = xmlCtxtReadMemory(ctxt, data, (int)len, path, "UTF-8", PA_XML_OPTIONS);
	xmlSetStructuredErrorFunc(NULL, NULL);
	if (doc != NULL && (st->doctype || !ctxt->wellFormed || doc->intSubset != NULL)) {
		if (!st->doctype && st->errors == 0 && diag)
			pa_diag_add(diag, PA_DIAG_ERROR, "xml-malformed", path, 0, NULL,
			    "malformed XML");
		xmlFreeDoc(doc);
		doc = NULL;
	} else if (doc == NULL && st->errors == 0 && !st->doctype) {
		if (diag)
			pa_diag_add(diag, PA_DIAG_ERROR, "xml-malformed", path, 1, NULL,
			    "malformed XML: empty or unreadable document");
		st->errors++;
	}
	if (doc != NULL &&
	    max_depth(xmlDocGetRootElement(doc), 1, PA_LIMIT_XML_DEPTH) > PA_LIMIT_XML_DEPTH) {
		if (diag)
			pa_diag_add(diag, PA_DIAG_ERROR, "xml-too-deep", path, 0, NULL,
			    "XML elements nested deeper than %d levels", PA_LIMIT_XML_DEPTH);
		pa_buf_printf(&st->first, "nested deeper than %d levels", PA_LIMIT_XML_DEPTH);
		st->errors++;
		xmlFreeDoc(doc);
		doc = NULL;
	}
	*out = doc;
	xmlFreeParserCtxt(ctxt);
	return error;
}

int
pa_xml_parse_untrusted(xmlDoc **out, const char *data, size_t len,
    const char *path, struct pa_diag *diag)
{
	struct parse_state st = { 0 };
	int error;

	pa_buf_init(&st.first);
	error = parse_common(out, data, len, path, diag, &st);
	pa_buf_dispose(&st.first);
	return error;
}

int
pa_xml_parse_untrusted_max(xmlDoc **out, const char *data, size_t len, size_t max,
    const char *path, struct pa_diag *diag)
{
	struct parse_state st = { 0 };
	int error;

	st.max = max;
	pa_buf_init(&st.first);
	error = parse_common(out, data, len, path, diag, &st);
	pa_buf_dispose(&st.first);
	return error;
}

int
pa_xml_parse_trusted_mem(xmlDoc **out, const char *data, size_t len, const char *path)
{
	struct parse_state st = { 0 };
	int error;

	pa_buf_init(&st.first);
	error = parse_common(out, data, len, path, NULL, &st);
	if (error == 0 && *out == NULL) {
		if (st.doctype)
			error = pa_error_setc(PA_EINVALID, PA_ERRCLASS_XML,
			    "%s: DOCTYPE not allowed", path);
		else
			error = pa_error_setc(PA_EINVALID, PA_ERRCLASS_XML,
			    "%s:%ld: %s", path, st.first_line,
			    st.first.size ? st.first.ptr : "malformed XML");
	}
	pa_buf_dispose(&st.first);
	return error;
}

int
pa_xml_parse_trusted_file(xmlDoc **out, const char *path)
{
	struct pa_buf data = PA_BUF_INIT;
	int error;

	*out = NULL;
	if ((error = pa_file_read(&data, path, PA_LIMIT_XML_SIZE, 0)) < 0)
		goto done;
	error = pa_xml_parse_trusted_mem(out, data.ptr, data.size, path);
done:
	pa_buf_dispose(&data);
	return error;
}

struct rng_state {
	struct pa_diag *diag;
	const char *path;
	int count;
	long last_line;		/* line of the diagnostic last added, or -1 */
	size_t last_index;	/* its index in diag */
};

/* A stable anchor for a node: its element path by local names, with [id]. */
static void
node_anchor(struct pa_buf *b, const xmlNode *n)
{
	xmlChar *id;

	if (n == NULL || n->type != XML_ELEMENT_NODE)
		return;
	if (n->parent != NULL && n->parent->type == XML_ELEMENT_NODE) {
		node_anchor(b, n->parent);
		pa_buf_putc(b, '/');
	}
	pa_buf_puts(b, (const char *)n->name);
	if ((id = xmlGetNoNsProp(n, BAD_CAST "id")) != NULL) {
		pa_buf_printf(b, "[%s]", (const char *)id);
		xmlFree(id);
	}
}

/*
 * libxml2 reports one schema violation as several errors on the same line
 * ("failed to validate content", then the datatype error): they become one
 * diagnostic, anchored at the element path, not the line.
 */
static void
on_rng_error(void *ctx, xmlErrorPtr err)
{
	struct rng_state *st = ctx;
	struct pa_buf anchor = PA_BUF_INIT, joined = PA_BUF_INIT;
	struct pa_diag_entry *e;
	char msg[512], *m;
	size_t n;
	long line;

	if (err == NULL || st->count >= 20)
		return;
	snprintf(msg, sizeof(msg), "%s", err->message ? err->message : "invalid");
	n = strlen(msg);
	while (n > 0 && (msg[n - 1] == '\n' || msg[n - 1] == ' '))
		msg[--n] = '\0';
	line = err->node ? pa_xml_line(err->node) : err->line;
	if (line == st->last_line && st->last_index < st->diag->count) {
		e = &st->diag->entries[st->last_index];
		pa_buf_printf(&joined, "%s; %s", e->message, msg);
		if (!pa_buf_oom(&joined) && (m = pa_text_sanitize_dup(joined.ptr)) != NULL) {
			free(e->message);
			e->message = m;
		}
		pa_buf_dispose(&joined);
		return;
	}
	st->count++;
	node_anchor(&anchor, err->node);
	pa_diag_add(st->diag, PA_DIAG_ERROR, "schema-invalid", st->path, line,
	    anchor.size ? anchor.ptr : NULL, "does not match its schema: %s", msg);
	st->last_line = line;
	st->last_index = st->diag->count - 1;
	pa_buf_dispose(&anchor);
}

/* Compiled schemas are cached per thread: they are immutable once parsed. */
#define RNG_CACHE 8
static _Thread_local struct {
	char name[64];
	xmlRelaxNGPtr schema;
} rng_cache[RNG_CACHE];

static int
load_schema(xmlRelaxNGPtr *out, const char *name)
{
	struct pa_buf path = PA_BUF_INIT;
	xmlRelaxNGParserCtxtPtr pctxt = NULL;
	xmlDoc *doc = NULL;
	int error, i;

	for (i = 0; i < RNG_CACHE; i++) {
		if (rng_cache[i].schema && strcmp(rng_cache[i].name, name) == 0) {
			*out = rng_cache[i].schema;
			return 0;
		}
	}
	if ((error = pa_buf_printf(&path, "%s/rules/schema/%s", pa_datadir(), name)) < 0)
		goto done;
	if ((error = pa_xml_parse_trusted_file(&doc, path.ptr)) < 0)
		goto done;
	if ((pctxt = xmlRelaxNGNewDocParserCtxt(doc)) == NULL) {
		error = pa_error_oom();
		goto done;
	}
	pa_xml_trusted_begin();
	*out = xmlRelaxNGParse(pctxt);
	pa_xml_trusted_end();
	if (*out == NULL) {
		error = pa_error_setc(PA_EINVALID, PA_ERRCLASS_XML,
		    "%s: invalid RELAX NG schema", path.ptr);
		goto done;
	}
	for (i = 0; i < RNG_CACHE; i++) {
		if (rng_cache[i].schema == NULL) {
			snprintf(rng_cache[i].name, sizeof(rng_cache[i].name), "%s", name);
			rng_cache[i].schema = *out;
			break;
		}
	}
done:
	xmlRelaxNGFreeParserCtxt(pctxt);
	xmlFreeDoc(doc);
	pa_buf_dispose(&path);
	return error;
}

void
pa_xml_thread_cleanup(void)
{
	int i;

	for (i = 0; i < RNG_CACHE; i++) {
		xmlRelaxNGFree(rng_cache[i].schema);
		rng_cache[i].schema = NULL;
		rng_cache[i].name[0] = '\0';
	}
}

int
pa_xml_validate_rng(bool *valid, xmlDoc *doc, const char *schema_name,
    const char *path, struct pa_diag *diag)
{
	xmlRelaxNGPtr schema = NULL;
	xmlRelaxNGValidCtxtPtr vctxt = NULL;
	struct rng_state st = { diag, path, 0, -1, 0 };
	int error, rc;

	*valid = false;
	if ((error = load_schema(&schema, schema_name)) < 0)
		return error;
	if ((vctxt = xmlRelaxNGNewValidCtxt(schema)) == NULL)
		return pa_error_oom();
	xmlRelaxNGSetValidStructuredErrors(vctxt, on_rng_error, &st);
	rc = xmlRelaxNGValidateDoc(vctxt, doc);
	*valid = rc == 0;
	if (rc != 0 && st.count == 0)
		pa_diag_add(diag, PA_DIAG_ERROR, "schema-invalid", path, 0, NULL,
		    "does not match its schema %s", schema_name);
	xmlRelaxNGFreeValidCtxt(vctxt);
	return 0;
}

const char *
pa_xml_attr(const xmlNode *node, const char *name)
{
	const xmlAttr *a;

	if (node == NULL || node->type != XML_ELEMENT_NODE)
		return NULL;
	for (a = node->properties; a != NULL; a = a->next) {
		if (a->ns == NULL && strcmp((const char *)a->name, name) == 0) {
			if (a->children != NULL && a->children->next == NULL &&
			    a->children->type == XML_TEXT_NODE)
				return (const char *)a->children->content;
			return "";
		}
	}
	return NULL;
}

char *
pa_xml_prop_dup(const xmlNode *node, const char *name)
{
	xmlChar *v = xmlGetProp(node, BAD_CAST name);
	char *s;

	if (v == NULL)
		return NULL;
	s = pa_strdup((const char *)v);
	xmlFree(v);
	return s;
}

char *
pa_xml_text_dup(const xmlNode *node)
{
	xmlChar *v = xmlNodeGetContent(node);
	const char *b, *e;
	char *s;

	if (v == NULL)
		return NULL;
	b = (const char *)v;
	while (*b == ' ' || *b == '\n' || *b == '\t' || *b == '\r')
		b++;
	e = b + strlen(b);
	while (e > b && (e[-1] == ' ' || e[-1] == '\n' || e[-1] == '\t' || e[-1] == '\r'))
		e--;
	s = pa_strndup(b, (size_t)(e - b));
	xmlFree(v);
	return s;
}

long
pa_xml_line(const xmlNode *node)
{
	long l = xmlGetLineNo(node);

	return l > 0 ? l : 0;
}

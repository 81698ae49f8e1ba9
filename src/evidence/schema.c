/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The evidence schema: validating evidence against it, and reading the names it defines for rule lint. */
#include "config.h"

#include "evidence/schema.h"

#include <stdlib.h>
#include <string.h>

#include <libxml/hash.h>

#include "parse/xml.h"
#include "util/alloc.h"
#include "util/buf.h"
#include "util/datadir.h"
#include "util/error.h"

#define RNG_NS "http://relaxng.org/ns/structure/1.0"

int
pa_evidence_validate(bool *valid, xmlDoc *doc, struct pa_diag *diag)
{
	return pa_xml_validate_rng(valid, doc, PA_EVIDENCE_SCHEMA, "evidence", diag);
}

bool
pa_evidence_selfcheck(void)
{
	const char *v = getenv("PACTAUDIT_CHECK_EVIDENCE");

	return v != NULL && v[0] != '\0';
}

int
pa_evidence_selfcheck_doc(xmlDoc *doc, const char *when)
{
	struct pa_diag diag = PA_DIAG_INIT;
	bool valid;
	int error;

	if (!pa_evidence_selfcheck())
		return 0;
	if ((error = pa_evidence_validate(&valid, doc, &diag)) == 0 && !valid)
		error = pa_error_setc(PA_EINVALID, PA_ERRCLASS_INTERNAL,
		    "the evidence %s does not match %s: %s%s%s", when, PA_EVIDENCE_SCHEMA,
		    diag.count ? diag.entries[0].message : "invalid",
		    diag.count && diag.entries[0].anchor ? " at " : "",
		    diag.count && diag.entries[0].anchor ? diag.entries[0].anchor : "");
	pa_diag_dispose(&diag);
	return error;
}

struct pa_schema_names {
	xmlHashTablePtr elements, attributes;
};

static bool
is_rng(const xmlNode *n, const char *name)
{
	return n != NULL && n->type == XML_ELEMENT_NODE && n->ns != NULL &&
	    xmlStrEqual(n->ns->href, BAD_CAST RNG_NS) && xmlStrEqual(n->name, BAD_CAST name);
}

/* Add a name (white space around it dropped). */
static int
add(xmlHashTablePtr h, const xmlChar *name)
{
	const char *b = (const char *)name, *e;
	char *trimmed;
	int rc = 0;

	while (*b == ' ' || *b == '\t' || *b == '\n' || *b == '\r')
		b++;
	for (e = b + strlen(b); e > b && strchr(" \t\n\r", e[-1]) != NULL; e--)
		;
	if ((trimmed = pa_strndup(b, (size_t)(e - b))) == NULL)
		return PA_ENOMEM;
	if (trimmed[0] != '\0' && xmlHashLookup(h, BAD_CAST trimmed) == NULL)
		rc = xmlHashAddEntry(h, BAD_CAST trimmed, (void *)1) < 0 ? pa_error_oom() : 0;
	free(trimmed);
	return rc;
}

/* The names an <element> or <attribute> pattern defines: @name, or <name> children (not under <except>). */
static int
collect(struct pa_schema_names *names, const xmlNode *n)
{
	const xmlNode *c;
	xmlHashTablePtr h;
	xmlChar *v;
	int error = 0;

	for (; n != NULL && error == 0; n = n->next) {
		if (n->type != XML_ELEMENT_NODE)
			continue;
		h = is_rng(n, "element") ? names->elements :
		    is_rng(n, "attribute") ? names->attributes : NULL;
		if (h != NULL) {
			if ((v = xmlGetNoNsProp(n, BAD_CAST "name")) != NULL) {
				error = add(h, v);
				xmlFree(v);
			}
			for (c = n->children; c != NULL && error == 0; c = c->next) {
				if (!is_rng(c, "name"))
					continue;
				if ((v = xmlNodeGetContent(c)) == NULL)
					return pa_error_oom();
				error = add(h, v);
				xmlFree(v);
			}
		}
		if (error == 0 && !is_rng(n, "except"))
			error = collect(names, n->children);
	}
	return error;
}

int
pa_schema_names_load(struct pa_schema_names **out, const char *schema)
{
	struct pa_schema_names *names = NULL;
	struct pa_buf path = PA_BUF_INIT;
	xmlDoc *doc = NULL;
	int error;

	*out = NULL;
	if ((error = pa_buf_printf(&path, "%s/rules/schema/%s", pa_datadir(), schema)) < 0 ||
	    (error = pa_xml_parse_trusted_file(&doc, path.ptr)) < 0)
		goto done;
	if ((names = pa_calloc(1, sizeof(*names))) == NULL) {
		error = PA_ENOMEM;
		goto done;
	}
	if ((names->elements = xmlHashCreate(128)) == NULL ||
	    (names->attributes = xmlHashCreate(128)) == NULL) {
		error = pa_error_oom();
		goto done;
	}
	if ((error = collect(names, xmlDocGetRootElement(doc))) < 0)
		goto done;
	*out = names;
	names = NULL;
done:
	pa_schema_names_free(names);
	xmlFreeDoc(doc);
	pa_buf_dispose(&path);
	return error;
}

void
pa_schema_names_free(struct pa_schema_names *names)
{
	if (names == NULL)
		return;
	xmlHashFree(names->elements, NULL);
	xmlHashFree(names->attributes, NULL);
	free(names);
}

static bool
has(xmlHashTablePtr h, const char *name, size_t len)
{
	char buf[256];

	if (len >= sizeof(buf))
		return false;
	memcpy(buf, name, len);
	buf[len] = '\0';
	return xmlHashLookup(h, BAD_CAST buf) != NULL;
}

bool
pa_schema_has_element(const struct pa_schema_names *names, const char *name, size_t len)
{
	return has(names->elements, name, len);
}

bool
pa_schema_has_attribute(const struct pa_schema_names *names, const char *name, size_t len)
{
	return has(names->attributes, name, len);
}

struct each {
	void (*fn)(const char *name, bool is_attribute, void *arg);
	void *arg;
	bool attr;
};

static void
each_one(void *payload, void *data, const xmlChar *name)
{
	struct each *e = data;

	(void)payload;
	e->fn((const char *)name, e->attr, e->arg);
}

void
pa_schema_names_each(const struct pa_schema_names *names,
    void (*fn)(const char *name, bool is_attribute, void *arg), void *arg)
{
	struct each e = { fn, arg, false };

	xmlHashScan(names->elements, each_one, &e);
	e.attr = true;
	xmlHashScan(names->attributes, each_one, &e);
}

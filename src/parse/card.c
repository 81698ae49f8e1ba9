/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Cards: find the front matter fences, read the YAML, list the Markdown headings, build the <license>. */
#include "config.h"

#include "parse/card.h"

#include "parse/markdown.h"

#include <assert.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "util/alloc.h"
#include "util/buf.h"
#include "util/error.h"
#include "util/limits.h"
#include "util/vec.h"

/* ---- cards ------------------------------------------------------------ */

/* "---" alone on a line (trailing blanks allowed). */
static bool
is_fence(const struct pa_md_line *l)
{
	return l->n >= 3 && memcmp(l->p, "---", 3) == 0 && pa_md_blank(l->p + 3, l->n - 3);
}

static bool
is_element(const xmlNode *n, const char *name)
{
	return n->type == XML_ELEMENT_NODE && strcmp((const char *)n->name, name) == 0;
}

static bool
has_element_children(const xmlNode *n)
{
	const xmlNode *c;

	for (c = n->children; c != NULL; c = c->next)
		if (c->type == XML_ELEMENT_NODE)
			return true;
	return false;
}

static bool
prop_is(const xmlNode *n, const char *name, const char *value)
{
	xmlChar *v = xmlGetProp((xmlNode *)n, BAD_CAST name);
	bool same = v != NULL && strcmp((const char *)v, value) == 0;

	xmlFree(v);
	return same;
}

static long
prop_long(const xmlNode *n, const char *name)
{
	xmlChar *v = xmlGetProp((xmlNode *)n, BAD_CAST name);
	long x = v ? strtol((const char *)v, NULL, 10) : 0;

	xmlFree(v);
	return x;
}

/* The top-level <field name=NAME> of the front matter, or NULL. */
static xmlNode *
fm_field(xmlNode *fm, const char *name)
{
	xmlNode *c;

	for (c = fm ? fm->children : NULL; c != NULL; c = c->next)
		if (is_element(c, "field") && prop_is(c, "name", name))
			return c;
	return NULL;
}

static void
free_xml(void *p)
{
	xmlFree(p);
}

/* Text of a scalar field or item (NULL if it is a collection); null values read as "". */
static int
scalar_text(char **out, struct pa_vec *keep, const xmlNode *n)
{
	xmlChar *t;

	*out = NULL;
	if (has_element_children(n))
		return 0;
	if ((t = xmlNodeGetContent((xmlNode *)n)) == NULL)
		t = xmlCharStrdup("");
	if (t == NULL || pa_vec_push(keep, t) < 0) {
		xmlFree(t);
		return pa_error_oom();
	}
	*out = (char *)t;
	return 0;
}

static int
card_license(xmlNode *card, xmlNode *fm, const struct pa_evsrc *from,
    const struct pa_licdb *licdb, struct pa_diag *diag)
{
	struct pa_license_ctx ctx = { .from_key = "license" };
	struct pa_license_item *items = NULL;
	struct pa_vec keep = PA_VEC_INIT;
	xmlNode *lic, *n;
	size_t count = 0, cap = 0;
	char *name = NULL, *link = NULL, *text = NULL;
	int error = 0;

	if ((lic = fm_field(fm, "license")) == NULL &&
	    (lic = fm_field(fm, "licenses")) != NULL) {
		ctx.from_key = "licenses";
		pa_diag_add(diag, PA_DIAG_WARNING, "card-legacy-license-key",
		    from ? from->src : NULL, prop_long(lic, "line"), "licenses",
		    "the card names its licence under the old key 'licenses'; use 'license'");
	}
	if (lic == NULL) {
		error = pa_license_to_evidence(card, licdb, NULL, "license", from,
		    fm ? prop_long(fm, "line") : 0);
		goto done;
	}
	ctx.line = prop_long(lic, "line");
	if ((n = fm_field(fm, "license_name")) != NULL &&
	    (error = scalar_text(&name, &keep, n)) < 0)
		goto done;
	if ((n = fm_field(fm, "license_link")) != NULL &&
	    (error = scalar_text(&link, &keep, n)) < 0)
		goto done;
	ctx.license_name = name && name[0] ? name : NULL;
	ctx.license_link = link && link[0] ? link : NULL;

	for (n = lic->children; n != NULL; n = n->next)
		if (n->type == XML_ELEMENT_NODE)
			cap++;
	if ((items = pa_calloc(cap ? cap : 1, sizeof(*items))) == NULL) {
		error = PA_ENOMEM;
		goto done;
	}
	if (prop_is(lic, "type", "list") && !has_element_children(lic)) {
		count = 0;
	} else if (prop_is(lic, "type", "map")) {
		items[count].line = ctx.line;
		items[count++].text = NULL;
	} else if (!has_element_children(lic)) {
		/* a string (or null); an empty list or mapping is neither */
		if ((error = scalar_text(&text, &keep, lic)) < 0)
			goto done;
		items[count].text = text;
		items[count].len = strlen(text);
		items[count++].line = ctx.line;
	} else {
		for (n = lic->children; n != NULL; n = n->next) {
			char *t;

			if (!is_element(n, "item"))
				continue;
			if ((error = scalar_text(&t, &keep, n)) < 0)
				goto done;
			items[count].text = t;
			items[count].len = t ? strlen(t) : 0;
			items[count++].line = prop_long(n, "line");
		}
	}
	error = pa_license_items_to_evidence(card, licdb, &ctx, items, count, from);
done:
	free(items);
	pa_vec_dispose(&keep, free_xml);
	return error;
}

static bool
contains_ci(const char *p, size_t n, const char *needle)
{
	size_t k = strlen(needle), i;

	for (i = 0; i + k <= n; i++)
		if (strncasecmp(p + i, needle, k) == 0)
			return true;
	return false;
}

int
pa_card_split(struct pa_card_parts *out, const char *data, size_t len, const char *path,
    struct pa_diag *diag)
{
	size_t pos = 0;
	long no = 1;
	struct pa_md_line l;

	memset(out, 0, sizeof(*out));
	out->body_line = 1;
	if (len >= 3 && memcmp(data, "\xef\xbb\xbf", 3) == 0)
		pos = 3;
	/* blank lines may come before the opening fence */
	while (pa_md_get_line(data, len, pos, no, &l) && pa_md_blank(l.p, l.n)) {
		pos = l.next;
		no++;
	}
	if (pa_md_get_line(data, len, pos, no, &l) && is_fence(&l)) {
		out->open_line = no;
		out->yaml = pos = l.next;
		no++;
		while (pa_md_get_line(data, len, pos, no, &l)) {
			if (is_fence(&l)) {
				out->have_fm = true;
				out->yaml_end = pos;
				out->body = l.next;
				out->body_line = no + 1;
				break;
			}
			pos = l.next;
			no++;
		}
		if (!out->have_fm)
			pa_diag_add(diag, PA_DIAG_ERROR, "card-front-matter-unterminated", path,
			    out->open_line, NULL, "the front matter opened on line %ld has no "
			    "closing '---' line; the file is read as Markdown only", out->open_line);
	}
	return 0;
}

bool
pa_card_is_license_heading(const char *text, size_t len)
{
	return contains_ci(text, len, "licen");
}

int
pa_card_license_to_evidence(xmlNode *card, xmlNode *fm, bool fm_valid,
    const struct pa_card_parts *parts, bool license_heading, const struct pa_evsrc *from,
    const struct pa_licdb *licdb, struct pa_diag *diag)
{
	const char *path = from ? from->src : NULL;
	int error;

	assert(licdb != NULL);
	if (parts->have_fm && !fm_valid) {
		struct pa_license_ctx ctx = { .from_key = "license", .line = parts->open_line };

		error = pa_license_error_to_evidence(card, &ctx,
		    "the front matter could not be read, so neither could the licence", from);
	} else if (parts->have_fm) {
		error = card_license(card, fm, from, licdb, diag);
	} else {
		error = pa_license_to_evidence(card, licdb, NULL, "license", from, 0);
		if (error == 0 && !license_heading)
			pa_diag_add(diag, PA_DIAG_WARNING, "card-license-missing", path, 1, NULL,
			    "the card has no front matter and no licence section: "
			    "add 'license: <id>' in YAML front matter");
	}
	if (error < 0 && error != PA_ENOMEM)
		error = pa_error_oom();
	return error;
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Cards: find the front matter fences, read the YAML, list the Markdown headings, build the <license>. */
#include "config.h"

#include "parse/card.h"

#include <assert.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "parse/frontmatter.h"
#include "util/alloc.h"
#include "util/buf.h"
#include "util/error.h"
#include "util/limits.h"
#include "util/vec.h"

#define HEADING_TEXT_MAX 4096	/* bytes of heading text kept (setext paragraphs can be long) */

struct line {
	const char *p;
	size_t n;		/* without "\n" and a final "\r" */
	size_t next;		/* offset of the next line */
	long no;
};

/* The line starting at data[pos]; false at the end. */
static bool
get_line(const char *data, size_t len, size_t pos, long no, struct line *l)
{
	const char *nl;

	if (pos >= len)
		return false;
	l->p = data + pos;
	nl = memchr(l->p, '\n', len - pos);
	l->n = nl ? (size_t)(nl - l->p) : len - pos;
	l->next = pos + l->n + (nl ? 1 : 0);
	if (l->n > 0 && l->p[l->n - 1] == '\r')
		l->n--;
	l->no = no;
	return true;
}

static bool
is_ws(char c)
{
	return c == ' ' || c == '\t';
}

static bool
only_ws(const char *p, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (!is_ws(p[i]))
			return false;
	return true;
}

/* Indentation in columns (tabs to the next multiple of 4); *first = index of the first other byte. */
static size_t
indent(const struct line *l, size_t *first)
{
	size_t i, col = 0;

	for (i = 0; i < l->n && is_ws(l->p[i]); i++)
		col = l->p[i] == '\t' ? col + 4 - col % 4 : col + 1;
	*first = i;
	return col;
}

/* ---- Markdown headings ------------------------------------------------ */

static const char *const html_block_tags[] = {
	"address", "article", "aside", "base", "basefont", "blockquote", "body",
	"caption", "center", "col", "colgroup", "dd", "details", "dialog", "dir",
	"div", "dl", "dt", "fieldset", "figcaption", "figure", "footer", "form",
	"frame", "frameset", "h1", "h2", "h3", "h4", "h5", "h6", "head", "header",
	"hr", "html", "iframe", "legend", "li", "link", "main", "menu", "menuitem",
	"nav", "noframes", "ol", "optgroup", "option", "p", "param", "search",
	"section", "summary", "table", "tbody", "td", "tfoot", "th", "thead",
	"title", "tr", "track", "ul",
};

static const char *const html_raw_tags[] = { "script", "pre", "style", "textarea" };
static const char *const html_raw_close[] = { "</script>", "</pre>", "</style>", "</textarea>" };

struct md {
	xmlNode *parent;
	const struct pa_evsrc *from;
	size_t count;
	bool truncated;
	int error;
	char fence_ch;		/* inside fenced code when not 0 */
	size_t fence_len;
	int html;		/* inside an HTML block of this CommonMark type (1-7), or 0 */
	bool para;		/* inside a paragraph */
	bool para_setext;	/* that paragraph may become a setext heading */
	long para_line;
	struct pa_buf para_text;
};

static bool
contains_ci(const char *p, size_t n, const char *needle)
{
	size_t k = strlen(needle), i;

	for (i = 0; i + k <= n; i++)
		if (strncasecmp(p + i, needle, k) == 0)
			return true;
	return false;
}

static bool
is_alpha(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

/* Does a tag name of p[0..n) match `name` and end there (space, '>', "/>" or end of line)? */
static bool
tag_is(const char *p, size_t n, const char *name, bool self_close_ok)
{
	size_t k = strlen(name);

	if (n < k || strncasecmp(p, name, k) != 0)
		return false;
	if (n == k || is_ws(p[k]) || p[k] == '>')
		return true;
	return self_close_ok && p[k] == '/' && k + 1 < n && p[k + 1] == '>';
}

/* The CommonMark HTML block type a line starts (at p, n bytes), or 0. */
static int
html_start(const char *p, size_t n, bool in_para)
{
	size_t i, k;

	if (n < 2 || p[0] != '<')
		return 0;
	for (i = 0; i < sizeof(html_raw_tags) / sizeof(html_raw_tags[0]); i++)
		if (tag_is(p + 1, n - 1, html_raw_tags[i], false))
			return 1;
	if (n >= 4 && memcmp(p, "<!--", 4) == 0)
		return 2;
	if (p[1] == '?')
		return 3;
	if (n >= 9 && memcmp(p, "<![CDATA[", 9) == 0)
		return 5;
	if (p[1] == '!' && n > 2 && is_alpha(p[2]))
		return 4;
	k = p[1] == '/' ? 2 : 1;
	for (i = 0; i < sizeof(html_block_tags) / sizeof(html_block_tags[0]); i++)
		if (tag_is(p + k, n - k, html_block_tags[i], true))
			return 6;
	/* type 7, approximated: one open or close tag alone on the line, not in a paragraph */
	if (!in_para && k < n && is_alpha(p[k])) {
		const char *gt = memchr(p, '>', n);

		if (gt != NULL && only_ws(gt + 1, n - (size_t)(gt + 1 - p)))
			return 7;
	}
	return 0;
}

static bool
html_end(int type, const char *p, size_t n)
{
	size_t i;

	switch (type) {
	case 1:
		for (i = 0; i < sizeof(html_raw_close) / sizeof(html_raw_close[0]); i++)
			if (contains_ci(p, n, html_raw_close[i]))
				return true;
		return false;
	case 2:
		return contains_ci(p, n, "-->");
	case 3:
		return contains_ci(p, n, "?>");
	case 4:
		return memchr(p, '>', n) != NULL;
	case 5:
		return contains_ci(p, n, "]]>");
	default:
		return only_ws(p, n);
	}
}

static void
emit(struct md *m, int level, long line, const char *text, size_t n)
{
	xmlNode *s;

	if (m->error || m->truncated)
		return;
	if (m->count >= PA_LIMIT_MD_HEADINGS) {
		m->truncated = true;
		return;
	}
	while (n > 0 && is_ws(text[0])) {
		text++;
		n--;
	}
	while (n > 0 && is_ws(text[n - 1]))
		n--;
	if (n > HEADING_TEXT_MAX)
		n = HEADING_TEXT_MAX;
	if ((s = pa_ev_child_n(m->parent, "section", m->from, line, n ? text : NULL, n)) == NULL ||
	    pa_ev_set_long(s, "level", level) < 0) {
		m->error = PA_ENOMEM;
		return;
	}
	m->count++;
}

/* "# Title #" -> level and text; false if the line is not an ATX heading. */
static bool
atx(struct md *m, const struct line *l, size_t i)
{
	size_t k = 0, a, e;

	while (i + k < l->n && l->p[i + k] == '#')
		k++;
	if (k == 0 || k > 6 || (i + k < l->n && !is_ws(l->p[i + k])))
		return false;
	a = i + k;
	e = l->n;
	while (e > a && is_ws(l->p[e - 1]))
		e--;
	/* optional closing sequence: #s preceded by a space (or all there is) */
	{
		size_t h = e;

		while (h > a && l->p[h - 1] == '#')
			h--;
		if (h < e && (h == a || is_ws(l->p[h - 1])))
			e = h;
	}
	emit(m, (int)k, l->no, l->p + a, e > a ? e - a : 0);
	return true;
}

/* A run of one character c at p[i..], then only spaces: its length, or 0. */
static size_t
run_then_ws(const struct line *l, size_t i, char c)
{
	size_t j = i;

	while (j < l->n && l->p[j] == c)
		j++;
	return only_ws(l->p + j, l->n - j) ? j - i : 0;
}

static bool
thematic_break(const struct line *l, size_t i)
{
	char c = l->p[i];
	size_t count = 0;

	if (c != '-' && c != '*' && c != '_')
		return false;
	for (; i < l->n; i++) {
		if (l->p[i] == c)
			count++;
		else if (!is_ws(l->p[i]))
			return false;
	}
	return count >= 3;
}

static bool
fence_open(struct md *m, const struct line *l, size_t i)
{
	char c = l->p[i];
	size_t k = 0;

	if (c != '`' && c != '~')
		return false;
	while (i + k < l->n && l->p[i + k] == c)
		k++;
	if (k < 3)
		return false;
	if (c == '`' && memchr(l->p + i + k, '`', l->n - i - k) != NULL)
		return false;
	m->fence_ch = c;
	m->fence_len = k;
	return true;
}

static bool
fence_close(const struct md *m, const struct line *l)
{
	size_t i, col = indent(l, &i);
	size_t k = 0;

	if (col > 3)
		return false;
	while (i + k < l->n && l->p[i + k] == m->fence_ch)
		k++;
	return k >= m->fence_len && only_ws(l->p + i + k, l->n - i - k);
}

/* A list item or block quote marker: the paragraph belongs to that block. */
static bool
container_start(const struct line *l, size_t i)
{
	size_t d = 0;
	char c = l->p[i];

	if (c == '>')
		return true;
	if ((c == '-' || c == '*' || c == '+') && (i + 1 == l->n || is_ws(l->p[i + 1])))
		return true;
	while (i + d < l->n && d < 10 && l->p[i + d] >= '0' && l->p[i + d] <= '9')
		d++;
	return d > 0 && d < 10 && i + d < l->n && (l->p[i + d] == '.' || l->p[i + d] == ')') &&
	    (i + d + 1 == l->n || is_ws(l->p[i + d + 1]));
}

static void
para_add(struct md *m, const struct line *l, size_t i)
{
	size_t e = l->n;

	while (e > i && is_ws(l->p[e - 1]))
		e--;
	if (m->para_text.size >= HEADING_TEXT_MAX)
		return;
	if (m->para_text.size > 0)
		pa_buf_putc(&m->para_text, ' ');
	pa_buf_put(&m->para_text, l->p + i, e - i);
	if (pa_buf_oom(&m->para_text))
		m->error = PA_ENOMEM;
}

static void
md_line(struct md *m, const struct line *l)
{
	size_t i, col, k;
	int html;

	if (m->fence_ch != 0) {
		if (fence_close(m, l))
			m->fence_ch = 0;
		return;
	}
	if (m->html != 0) {
		if (html_end(m->html, l->p, l->n))
			m->html = 0;
		return;
	}
	col = indent(l, &i);
	if (i == l->n) {
		m->para = false;
		return;
	}
	if (col >= 4) {
		/* indented code, or a lazy paragraph continuation */
		if (m->para)
			para_add(m, l, i);
		return;
	}
	if (fence_open(m, l, i)) {
		m->para = false;
		return;
	}
	if (atx(m, l, i)) {
		m->para = false;
		return;
	}
	if (m->para && m->para_setext && (l->p[i] == '=' || l->p[i] == '-') &&
	    (k = run_then_ws(l, i, l->p[i])) > 0) {
		emit(m, l->p[i] == '=' ? 1 : 2, m->para_line, m->para_text.ptr, m->para_text.size);
		m->para = false;
		return;
	}
	if (thematic_break(l, i)) {
		m->para = false;
		return;
	}
	if ((html = html_start(l->p + i, l->n - i, m->para)) != 0) {
		m->para = false;
		if (!(html <= 5 && html_end(html, l->p + i, l->n - i)))
			m->html = html;
		return;
	}
	if (!m->para) {
		m->para = true;
		m->para_line = l->no;
		m->para_setext = !container_start(l, i);
		pa_buf_clear(&m->para_text);
	} else if (container_start(l, i)) {
		m->para_setext = false;
	}
	para_add(m, l, i);
}

int
pa_markdown_to_evidence(xmlNode *parent, const char *data, size_t len, long first_line,
    const struct pa_evsrc *from)
{
	struct md m = { .parent = parent, .from = from };
	struct line l;
	size_t pos = 0;
	long no = first_line > 0 ? first_line : 1;

	pa_buf_init(&m.para_text);
	while (m.error == 0 && !m.truncated && get_line(data, len, pos, no, &l)) {
		md_line(&m, &l);
		pos = l.next;
		no++;
	}
	if (m.error == 0 && m.truncated && pa_ev_set(parent, "sections-truncated", "true") < 0)
		m.error = PA_ENOMEM;
	pa_buf_dispose(&m.para_text);
	return m.error ? pa_error_oom() : 0;
}

/* ---- cards ------------------------------------------------------------ */

/* "---" alone on a line (trailing blanks allowed). */
static bool
is_fence(const struct line *l)
{
	return l->n >= 3 && memcmp(l->p, "---", 3) == 0 && only_ws(l->p + 3, l->n - 3);
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

/* Is there a heading that reads like a licence section ("License", "Licensing", "Licence")? */
static bool
has_license_section(const xmlNode *card)
{
	const xmlNode *c;

	for (c = card->children; c != NULL; c = c->next) {
		xmlChar *t;
		bool hit;

		if (!is_element(c, "section"))
			continue;
		t = xmlNodeGetContent((xmlNode *)c);
		hit = t != NULL && contains_ci((const char *)t, strlen((const char *)t), "licen");
		xmlFree(t);
		if (hit)
			return true;
	}
	return false;
}

int
pa_card_to_evidence(xmlNode *card, const char *data, size_t len,
    const struct pa_evsrc *from, const struct pa_licdb *licdb, struct pa_diag *diag)
{
	const char *path = from ? from->src : NULL;
	size_t pos = 0, body = 0, yaml = 0, yaml_end = 0;
	long no = 1, open_line = 0, body_line = 1;
	struct line l;
	xmlNode *fm = NULL;
	bool have_fm = false, valid = false;
	int error = 0;

	assert(licdb != NULL);
	if (len >= 3 && memcmp(data, "\xef\xbb\xbf", 3) == 0)
		pos = 3;
	/* blank lines may come before the opening fence */
	while (get_line(data, len, pos, no, &l) && only_ws(l.p, l.n)) {
		pos = l.next;
		no++;
	}
	if (get_line(data, len, pos, no, &l) && is_fence(&l)) {
		open_line = no;
		yaml = pos = l.next;
		no++;
		while (get_line(data, len, pos, no, &l)) {
			if (is_fence(&l)) {
				have_fm = true;
				yaml_end = pos;
				body = l.next;
				body_line = no + 1;
				break;
			}
			pos = l.next;
			no++;
		}
		if (!have_fm)
			pa_diag_add(diag, PA_DIAG_ERROR, "card-front-matter-unterminated", path,
			    open_line, NULL, "the front matter opened on line %ld has no closing "
			    "'---' line; the file is read as Markdown only", open_line);
	}

	if (have_fm) {
		if ((fm = pa_ev_child(card, "front-matter", from, open_line, NULL)) == NULL ||
		    (error = pa_frontmatter_to_evidence(fm, &valid, data + yaml, yaml_end - yaml,
		    open_line + 1, from, diag)) < 0)
			goto done;
	}
	if ((error = pa_markdown_to_evidence(card, data + body, len - body, body_line, from)) < 0)
		goto done;
	if (prop_is(card, "sections-truncated", "true"))
		pa_diag_add(diag, PA_DIAG_WARNING, "md-too-many-headings", path, 0, NULL,
		    "more than %d Markdown headings; the rest are not read", PA_LIMIT_MD_HEADINGS);

	if (have_fm && !valid) {
		struct pa_license_ctx ctx = { .from_key = "license", .line = open_line };

		error = pa_license_error_to_evidence(card, &ctx,
		    "the front matter could not be read, so neither could the licence", from);
	} else if (have_fm) {
		error = card_license(card, fm, from, licdb, diag);
	} else {
		error = pa_license_to_evidence(card, licdb, NULL, "license", from, 0);
		if (error == 0 && !has_license_section(card))
			pa_diag_add(diag, PA_DIAG_WARNING, "card-license-missing", path, 1, NULL,
			    "the card has no front matter and no licence section: "
			    "add 'license: <id>' in YAML front matter");
	}
done:
	if (error < 0 && error != PA_ENOMEM)
		error = pa_error_oom();
	return error;
}

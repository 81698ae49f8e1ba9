/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Markdown headings and the body under each (CommonMark block structure, approximated). */
#include "config.h"

#include "parse/markdown.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "util/alloc.h"
#include "util/buf.h"
#include "util/error.h"
#include "util/limits.h"

#define HEADING_TEXT_MAX 4096	/* bytes of heading text kept (setext paragraphs can be long) */

bool
pa_md_get_line(const char *data, size_t len, size_t pos, long no, struct pa_md_line *l)
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

bool
pa_md_blank(const char *p, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (!is_ws(p[i]))
			return false;
	return true;
}

/* Indentation in columns (tabs to the next multiple of 4); *first = index of the first other byte. */
static size_t
indent(const struct pa_md_line *l, size_t *first)
{
	size_t i, col = 0;

	for (i = 0; i < l->n && is_ws(l->p[i]); i++)
		col = l->p[i] == '\t' ? col + 4 - col % 4 : col + 1;
	*first = i;
	return col;
}

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
	struct pa_md *out;
	const char *data;
	size_t alloc;
	bool truncated;
	int error;
	char fence_ch;		/* inside fenced code when not 0 */
	size_t fence_len;
	int html;		/* inside an HTML block of this CommonMark type (1-7), or 0 */
	bool para;		/* inside a paragraph */
	bool para_setext;	/* that paragraph may become a setext heading */
	long para_line;
	size_t para_off;	/* offset of the paragraph's first line */
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

		if (gt != NULL && pa_md_blank(gt + 1, n - (size_t)(gt + 1 - p)))
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
		return pa_md_blank(p, n);
	}
}

/*
 * A heading of `level` on `line` whose block starts at offset `start`; its
 * body starts at offset `body` (the next line).  The body of the previous
 * heading ends where this one starts.
 */
static void
emit(struct md *m, int level, long line, const char *text, size_t n, size_t start,
    size_t body)
{
	struct pa_md *out = m->out;
	struct pa_md_section *s;

	if (m->error || m->truncated)
		return;
	if (out->count >= PA_LIMIT_MD_HEADINGS) {
		out->truncated = true;
		if (out->count > 0)
			out->sections[out->count - 1].body_end = start;
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
	if (out->count == m->alloc) {
		size_t na = m->alloc ? 2 * m->alloc : 16;
		struct pa_md_section *ns = pa_reallocarray(out->sections, na, sizeof(*ns));

		if (ns == NULL) {
			m->error = PA_ENOMEM;
			return;
		}
		out->sections = ns;
		m->alloc = na;
	}
	if (out->count > 0)
		out->sections[out->count - 1].body_end = start;
	s = &out->sections[out->count];
	memset(s, 0, sizeof(*s));
	if ((s->text = pa_malloc(n + 1)) == NULL) {
		m->error = PA_ENOMEM;
		return;
	}
	if (n > 0)
		memcpy(s->text, text, n);	/* may hold NUL bytes */
	s->text[n] = '\0';
	s->len = n;
	s->level = level;
	s->line = line;
	s->start = start;
	s->body_start = body;
	s->body_end = body;
	s->body_line = line + 1;
	out->count++;
}

/* "# Title #" -> level and text; false if the line is not an ATX heading. */
static bool
atx(struct md *m, const struct pa_md_line *l, size_t i)
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
	emit(m, (int)k, l->no, l->p + a, e > a ? e - a : 0, (size_t)(l->p - m->data),
	    l->next);
	return true;
}

/* A run of one character c at p[i..], then only spaces: its length, or 0. */
static size_t
run_then_ws(const struct pa_md_line *l, size_t i, char c)
{
	size_t j = i;

	while (j < l->n && l->p[j] == c)
		j++;
	return pa_md_blank(l->p + j, l->n - j) ? j - i : 0;
}

static bool
thematic_break(const struct pa_md_line *l, size_t i)
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
fence_open(struct md *m, const struct pa_md_line *l, size_t i)
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
fence_close(const struct md *m, const struct pa_md_line *l)
{
	size_t i, col = indent(l, &i);
	size_t k = 0;

	if (col > 3)
		return false;
	while (i + k < l->n && l->p[i + k] == m->fence_ch)
		k++;
	return k >= m->fence_len && pa_md_blank(l->p + i + k, l->n - i - k);
}

/* A list item or block quote marker: the paragraph belongs to that block. */
static bool
container_start(const struct pa_md_line *l, size_t i)
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
para_add(struct md *m, const struct pa_md_line *l, size_t i)
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
md_line(struct md *m, const struct pa_md_line *l)
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
		emit(m, l->p[i] == '=' ? 1 : 2, m->para_line, m->para_text.ptr, m->para_text.size,
		    m->para_off, l->next);
		if (!m->error && !m->truncated)
			m->out->sections[m->out->count - 1].body_line = l->no + 1;
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
		m->para_off = (size_t)(l->p - m->data);
		m->para_setext = !container_start(l, i);
		pa_buf_clear(&m->para_text);
	} else if (container_start(l, i)) {
		m->para_setext = false;
	}
	para_add(m, l, i);
}

int
pa_markdown_parse(struct pa_md *out, const char *data, size_t len, long first_line)
{
	struct md m = { .out = out, .data = data };
	struct pa_md_line l;
	size_t pos = 0;
	long no = first_line > 0 ? first_line : 1;

	memset(out, 0, sizeof(*out));
	pa_buf_init(&m.para_text);
	while (m.error == 0 && !m.truncated && pa_md_get_line(data, len, pos, no, &l)) {
		md_line(&m, &l);
		pos = l.next;
		no++;
	}
	if (m.error == 0 && out->count > 0 && !out->truncated)
		out->sections[out->count - 1].body_end = len;
	pa_buf_dispose(&m.para_text);
	if (m.error) {
		pa_md_dispose(out);
		return pa_error_oom();
	}
	return 0;
}

void
pa_md_dispose(struct pa_md *md)
{
	size_t i;

	for (i = 0; md->sections != NULL && i < md->count; i++)
		free(md->sections[i].text);
	free(md->sections);
	memset(md, 0, sizeof(*md));
}

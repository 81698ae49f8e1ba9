/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The review's only curses output: bars, pages, prompts; every string sanitised here, colour or mono. */
#include "config.h"

#include "review/draw.h"

#include <curses.h>
#include <stdlib.h>
#include <string.h>

#include "util/alloc.h"
#include "util/text.h"

static attr_t style_attr[PA_REVIEW_STYLE_COUNT];

static attr_t
attrs_of(unsigned a)
{
	attr_t r = A_NORMAL;

	if (a & PA_REVIEW_ATTR_BOLD)
		r |= A_BOLD;
	if (a & PA_REVIEW_ATTR_UNDERLINE)
		r |= A_UNDERLINE;
	if (a & PA_REVIEW_ATTR_REVERSE)
		r |= A_REVERSE;
	if (a & PA_REVIEW_ATTR_DIM)
		r |= A_DIM;
	if (a & PA_REVIEW_ATTR_STANDOUT)
		r |= A_STANDOUT;
	return r;
}

void
pa_review_draw_setup(const struct pa_review_config *cfg, bool color)
{
	int s;

	for (s = 0; s < PA_REVIEW_STYLE_COUNT; s++) {
		const struct pa_review_color *c = &cfg->colors[s];

		style_attr[s] = attrs_of(c->attrs);
		if (color && (c->fg >= 0 || c->bg >= 0) && s + 1 < COLOR_PAIRS &&
		    c->fg < COLORS && c->bg < COLORS) {
			init_pair((short)(s + 1), c->fg, c->bg);
			style_attr[s] |= COLOR_PAIR(s + 1);
		}
	}
	/* monochrome: bars and the highlighted line still stand out */
	if (!color) {
		style_attr[PA_REVIEW_STYLE_TITLE] |= A_REVERSE;
		style_attr[PA_REVIEW_STYLE_STATUS] |= A_REVERSE;
		style_attr[PA_REVIEW_STYLE_LINE] |= A_REVERSE;
		style_attr[PA_REVIEW_STYLE_MATCH] |= A_UNDERLINE;
	}
}

void
pa_review_draw_clear(void)
{
	erase();
}

/* Draw n bytes of s (already sanitised) at the current position in attr. */
static void
put(const char *s, size_t n, attr_t attr)
{
	if (n == 0)
		return;
	attrset(attr);
	addnstr(s, (int)n);
	attrset(A_NORMAL);
}

/* The sanitised copy of s (always NUL-terminated). */
static void
clean(struct pa_buf *out, const char *s)
{
	pa_buf_clear(out);
	pa_text_sanitize(out, s, strlen(s), PA_TEXT_ONELINE);
}

void
pa_review_draw_bar(int y, enum pa_review_style style, const char *left, const char *right)
{
	struct pa_buf l = PA_BUF_INIT, r = PA_BUF_INIT, line = PA_BUF_INIT;
	size_t width = (size_t)COLS, rw;

	clean(&l, left ? left : "");
	clean(&r, right ? right : "");
	rw = pa_text_width(r.ptr);
	if (rw + 2 > width)
		rw = 0;
	pa_review_fit(&line, l.ptr, width - rw, false);
	if (rw > 0)
		pa_buf_puts(&line, r.ptr);
	if (!pa_buf_oom(&line)) {
		move(y, 0);
		put(line.ptr, line.size, style_attr[style]);
	}
	pa_buf_dispose(&line);
	pa_buf_dispose(&r);
	pa_buf_dispose(&l);
}

/*
 * Draw a composed line: runs of bytes with a style each.  styles[i] is the
 * style of byte i; matches of pattern are drawn in the match style.
 */
static void
put_styled(const char *line, size_t len, unsigned char *styles, const char *pattern,
    bool cursor)
{
	size_t i = 0, j, off, mlen, from = 0;
	attr_t a, b;

	while (pattern != NULL && *pattern != '\0' &&
	    pa_review_match(line, from, pattern, &off, &mlen)) {
		memset(styles + off, PA_REVIEW_STYLE_MATCH, mlen);
		from = off + mlen;
	}
	while (i < len) {
		for (j = i + 1; j < len && styles[j] == styles[i]; j++)
			;
		a = style_attr[styles[i]];
		if (cursor && styles[i] != PA_REVIEW_STYLE_MATCH) {
			/* the cursor row: reverse video over the text's own colour */
			b = style_attr[PA_REVIEW_STYLE_CURSOR];
			a = (a & ~(A_UNDERLINE | A_DIM)) | b;
		}
		put(line + i, j - i, a);
		i = j;
	}
}

static void
draw_row(const struct pa_review_page *page, const struct pa_review_row *r, const size_t *w,
    int y, int width, bool tag_column, bool cursor, const char *pattern)
{
	struct pa_buf line = PA_BUF_INIT, c = PA_BUF_INIT;
	unsigned char *styles = NULL;
	size_t col, start, ncols = page->ncols ? page->ncols : 1, avail = (size_t)width;
	enum pa_review_style rs = r->style, cs;

	if (tag_column) {
		pa_buf_puts(&line, r->tagged ? "* " : "  ");
		avail = avail > 2 ? avail - 2 : 0;
	}
	/* styles per byte, filled as cells are appended */
	for (col = 0; col < ncols; col++) {
		size_t cw = page->ncols ? w[col] : avail;

		if (page->ncols && cw == 0)
			break;
		start = line.size;
		if (col > 0 && page->ncols)
			pa_buf_putc(&line, ' ');
		clean(&c, col < r->ncells ? r->cells[col].text : "");
		pa_review_fit(&line, c.ptr, cw, page->ncols ? page->cols[col].right : false);
		if (pa_buf_oom(&line))
			goto done;
		{
			unsigned char *ns = realloc(styles, line.size + 1);

			if (ns == NULL)
				goto done;
			styles = ns;
		}
		cs = col < r->ncells && r->cells[col].style != PA_REVIEW_STYLE_NORMAL ?
		    r->cells[col].style : rs;
		if (col == 0 && tag_column)
			memset(styles, r->tagged ? PA_REVIEW_STYLE_TAGGED : rs, 2);
		memset(styles + start, cs, line.size - start);
	}
	if (styles == NULL)
		goto done;
	/* a row never runs past the screen's edge */
	line.size = pa_review_fit_bytes(line.ptr, (size_t)width);
	line.ptr[line.size] = '\0';
	move(y, 0);
	put_styled(line.ptr, line.size, styles, pattern, cursor);
	/* the cursor bar spans the whole width */
	if (cursor) {
		size_t lw = pa_text_width(line.ptr);

		attrset(style_attr[PA_REVIEW_STYLE_CURSOR] | (style_attr[rs] & A_COLOR));
		for (; lw < (size_t)width; lw++)
			addch(' ');
		attrset(A_NORMAL);
	}
done:
	free(styles);
	pa_buf_dispose(&c);
	pa_buf_dispose(&line);
}

void
pa_review_draw_page(const struct pa_review_page *page, int y, int height, int width,
    bool tag_column)
{
	struct pa_buf line = PA_BUF_INIT, name = PA_BUF_INIT;
	size_t *w = NULL, i, col, avail = (size_t)width - (tag_column ? 2 : 0);
	const char *pattern = page->filter ? page->filter : page->search;

	if (page->ncols > 0) {
		if ((w = pa_calloc(page->ncols, sizeof(*w))) == NULL)
			return;
		pa_review_page_layout(page, avail, w);
		pa_buf_puts(&line, tag_column ? "  " : "");
		for (col = 0; col < page->ncols && w[col] > 0; col++) {
			pa_buf_clear(&name);
			pa_buf_puts(&name, page->cols[col].name);
			if ((int)col == page->sort_col)
				pa_buf_puts(&name, page->sort_desc ? "\xe2\x96\xbc" : "\xe2\x96\xb2");
			if (col > 0)
				pa_buf_putc(&line, ' ');
			pa_review_fit(&line, name.ptr, w[col], page->cols[col].right);
		}
		if (!pa_buf_oom(&line)) {
			line.size = pa_review_fit_bytes(line.ptr, (size_t)width);
			move(y, 0);
			put(line.ptr, line.size, style_attr[PA_REVIEW_STYLE_HEADER]);
		}
		y++;
		height--;
	}
	for (i = 0; (int)i < height && page->top + i < page->nvisible; i++)
		draw_row(page, pa_review_page_visible(page, page->top + i), w, y + (int)i, width,
		    tag_column, page->top + i == page->cursor, pattern);
	if (page->nvisible == 0) {
		move(y, 0);
		put(page->filter ? "  (no row matches the filter)" : "  (empty)",
		    strlen(page->filter ? "  (no row matches the filter)" : "  (empty)"),
		    style_attr[PA_REVIEW_STYLE_DIM]);
	}
	free(w);
	pa_buf_dispose(&name);
	pa_buf_dispose(&line);
}

void
pa_review_draw_message(int y, const char *msg, bool error)
{
	struct pa_buf c = PA_BUF_INIT, line = PA_BUF_INIT;

	move(y, 0);
	clrtoeol();
	clean(&c, msg ? msg : "");
	pa_review_fit(&line, c.ptr, (size_t)COLS - 1, false);
	if (!pa_buf_oom(&line))
		put(line.ptr, line.size, error ? style_attr[PA_REVIEW_STYLE_BAD] : A_NORMAL);
	pa_buf_dispose(&line);
	pa_buf_dispose(&c);
}

void
pa_review_draw_prompt(int y, const char *label, const char *input)
{
	struct pa_buf c = PA_BUF_INIT, line = PA_BUF_INIT;
	size_t w, max = COLS > 2 ? (size_t)COLS - 1 : 1, skip = 0;

	move(y, 0);
	clrtoeol();
	pa_buf_puts(&line, label);
	clean(&c, input);
	/* keep the end of a long input in sight */
	w = pa_text_width(line.ptr) + pa_text_width(c.ptr);
	while (w > max && skip < c.size) {
		skip++;
		while (skip < c.size && ((unsigned char)c.ptr[skip] & 0xc0) == 0x80)
			skip++;
		w = pa_text_width(line.ptr) + pa_text_width(c.ptr + skip);
	}
	pa_buf_puts(&line, c.ptr + skip);
	if (!pa_buf_oom(&line))
		put(line.ptr, pa_review_fit_bytes(line.ptr, max), A_NORMAL);
	pa_buf_dispose(&line);
	pa_buf_dispose(&c);
}

void
pa_review_draw_center(const char *line1, const char *line2)
{
	struct pa_buf c = PA_BUF_INIT;
	const char *lines[2] = { line1, line2 };
	size_t i, w;
	int y = LINES / 2 - 1;

	for (i = 0; i < 2; i++) {
		if (lines[i] == NULL)
			continue;
		clean(&c, lines[i]);
		w = pa_text_width(c.ptr);
		move(y + (int)i, 0);
		clrtoeol();
		move(y + (int)i, w < (size_t)COLS ? (COLS - (int)w) / 2 : 0);
		put(c.ptr, pa_review_fit_bytes(c.ptr, (size_t)COLS), A_BOLD);
	}
	pa_buf_dispose(&c);
}

void
pa_review_draw_flush(void)
{
	refresh();
}

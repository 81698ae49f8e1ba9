/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * The review's pure model: dossiers of the call, pages of rows, sort,
 * filter, search, layout.
 *
 * Why over 800 lines: it is the one curses-free part of the review that
 * the unit tests drive; sort, filter, search and layout all work on the
 * same private page of rows.
 */
#include "config.h"

#include "review/model.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <wchar.h>

#include "util/alloc.h"
#include "util/text.h"

/* --- the call ------------------------------------------------------------ */

static void
decision_dispose(struct pa_review_decision *dec)
{
	free(dec->decision);
	free(dec->note);
	free(dec->auditor);
	dec->decision = dec->note = dec->auditor = NULL;
	dec->granted_hours = -1;
}

static void
dossier_free(void *p)
{
	struct pa_review_dossier *d = p;

	if (d == NULL)
		return;
	free(d->location);
	free(d->name);
	free(d->error);
	pa_review_dossier_clear_ledger(d);
	free(d->ledger_id);
	free(d->evaluated);
	pa_results_free(d->res);
	decision_dispose(&d->decision);
	free(d);
}

/* The last non-empty component of a path, without trailing slashes. */
static char *
location_name(const char *loc)
{
	size_t end = strlen(loc), start;
	struct pa_buf raw = PA_BUF_INIT, b = PA_BUF_INIT;
	char *s;

	while (end > 1 && loc[end - 1] == '/')
		end--;
	start = end;
	while (start > 0 && loc[start - 1] != '/')
		start--;
	pa_buf_put(&raw, loc + start, end - start);
	pa_text_sanitize(&b, raw.ptr, raw.size, PA_TEXT_ONELINE);
	pa_buf_dispose(&raw);
	s = pa_buf_detach(&b);
	pa_buf_dispose(&b);
	return s;
}

int
pa_review_call_add(struct pa_review_call *call, const char *location,
    struct pa_results *res, const char *error)
{
	struct pa_review_dossier *d;

	if ((d = pa_calloc(1, sizeof(*d))) == NULL) {
		pa_results_free(res);
		return PA_ENOMEM;
	}
	d->res = res;	/* owned by d from here on */
	d->decision.granted_hours = -1;
	d->location = pa_strdup(location);
	d->name = location_name(location);
	if (error != NULL)
		d->error = pa_text_sanitize_dup(error);
	if (d->location == NULL || d->name == NULL || (error != NULL && d->error == NULL) ||
	    pa_vec_push(&call->dossiers, d) < 0) {
		dossier_free(d);
		return pa_error_oom();
	}
	return 0;
}

void
pa_review_call_dispose(struct pa_review_call *call)
{
	pa_review_call_plan_clear(call);
	call->plan.policy = NULL;
	pa_vec_dispose(&call->dossiers, dossier_free);
}

size_t
pa_review_call_count(const struct pa_review_call *call)
{
	return call->dossiers.count;
}

struct pa_review_dossier *
pa_review_call_at(const struct pa_review_call *call, size_t i)
{
	return i < call->dossiers.count ? call->dossiers.items[i] : NULL;
}

static int
dup_or_null(char **dst, const char *s)
{
	free(*dst);
	*dst = NULL;
	if (s != NULL && (*dst = pa_text_sanitize_dup(s)) == NULL)
		return pa_error_oom();
	return 0;
}

int
pa_review_dossier_set_decision(struct pa_review_dossier *d, const char *decision,
    long granted_hours, const char *note, const char *auditor)
{
	int error;

	d->decision.granted_hours = granted_hours;
	if ((error = dup_or_null(&d->decision.decision, decision)) < 0 ||
	    (error = dup_or_null(&d->decision.note, note)) < 0 ||
	    (error = dup_or_null(&d->decision.auditor, auditor)) < 0)
		return error;
	return 0;
}

/* --- derived facts -------------------------------------------------------- */

static const char *const tiers[] = { "minimal", "limited", "high", "prohibited" };

static int
tier_rank(const char *tier)
{
	size_t i;

	for (i = 0; tier != NULL && i < sizeof(tiers) / sizeof(tiers[0]); i++)
		if (strcmp(tier, tiers[i]) == 0)
			return (int)i + 1;
	return tier != NULL ? 1 : 0;	/* an unknown word ranks with minimal */
}

const char *
pa_review_dossier_tier(const struct pa_review_dossier *d)
{
	const struct pa_results_item *it, *best = NULL;
	size_t i;

	if (d->res == NULL)
		return NULL;
	for (i = 0; i < d->res->systems.count; i++) {
		it = d->res->systems.items[i];
		if (it->tier != NULL && (best == NULL || tier_rank(it->tier) > tier_rank(best->tier)))
			best = it;
	}
	return best != NULL ? best->tier : NULL;
}

static int
gpai_rank(const char *g)
{
	if (g == NULL || strcmp(g, "none") == 0)
		return 0;
	return strcmp(g, "systemic") == 0 ? 2 : 1;
}

const char *
pa_review_dossier_gpai(const struct pa_review_dossier *d)
{
	const struct pa_vec *lists[2];
	const struct pa_results_item *it;
	const char *best = NULL;
	size_t i, l;

	if (d->res == NULL)
		return NULL;
	lists[0] = &d->res->models;
	lists[1] = &d->res->systems;
	for (l = 0; l < 2; l++) {
		for (i = 0; i < lists[l]->count; i++) {
			it = lists[l]->items[i];
			if ((best == NULL && it->gpai != NULL) || gpai_rank(it->gpai) > gpai_rank(best))
				best = it->gpai;
		}
	}
	return best;
}

double
pa_review_dossier_tier_rank(const struct pa_review_dossier *d)
{
	return tier_rank(pa_review_dossier_tier(d)) + gpai_rank(pa_review_dossier_gpai(d)) * 0.25;
}

const char *
pa_review_finding_status(const struct pa_review_dossier *d, const struct pa_results_finding *f)
{
	(void)d;	/* the ledger's waivers are on the model (pa_review_dossier_apply_ledger) */
	if (f->status == PA_FINDING_WAIVED)
		return "waived";
	if (f->status == PA_FINDING_BASELINED)
		return "baselined";
	if (!f->in_force)
		return "not yet in force";
	if (f->status == PA_FINDING_NEEDS_REVIEW)
		return "needs review";
	return "open";
}

void
pa_review_dossier_open(const struct pa_review_dossier *d, size_t counts[4])
{
	const struct pa_results_finding *f;
	size_t i;

	memset(counts, 0, 4 * sizeof(counts[0]));
	if (d->res == NULL)
		return;
	for (i = 0; i < d->res->findings.count; i++) {
		f = d->res->findings.items[i];
		if (pa_results_finding_counts(f) && (unsigned)f->severity < 4)
			counts[f->severity]++;
	}
}

/* Worse signature states first. */
static const char *const sig_order[] = {
	"bad", "revoked-key", "untrusted-signer", "expired-signature", "expired-key",
	"unknown-key", "missing"
};

static int
sig_badness(const char *status)
{
	size_t i;

	if (status == NULL)
		return 0;
	if (strcmp(status, "good") == 0)
		return -1;
	for (i = 0; i < sizeof(sig_order) / sizeof(sig_order[0]); i++)
		if (strcmp(status, sig_order[i]) == 0)
			return (int)(sizeof(sig_order) / sizeof(sig_order[0]) - i);
	return 0;	/* an unknown status: after the known ones */
}

void
pa_review_dossier_sigstate(struct pa_buf *out, const struct pa_review_dossier *d)
{
	const struct pa_results_signature *s, *worst = NULL;
	size_t i, notgood = 0;

	if (d->res == NULL || d->res->signatures.count == 0)
		return;
	for (i = 0; i < d->res->signatures.count; i++) {
		s = d->res->signatures.items[i];
		if (s->status != NULL && strcmp(s->status, "good") == 0)
			continue;
		notgood++;
		if (worst == NULL || sig_badness(s->status) > sig_badness(worst->status))
			worst = s;
	}
	if (worst == NULL)
		pa_buf_puts(out, "good");
	else
		pa_buf_printf(out, "%s %zu/%zu", worst->status ? worst->status : "?", notgood,
		    d->res->signatures.count);
}

int
pa_review_dossier_sigrank(const struct pa_review_dossier *d)
{
	struct pa_buf b = PA_BUF_INIT;
	int r;

	pa_review_dossier_sigstate(&b, d);
	r = b.size == 0 ? -1 : strcmp(b.ptr, "good") == 0 ? 0 : 1;
	pa_buf_dispose(&b);
	return r;
}

/* --- styles ----------------------------------------------------------------- */

static const char *const style_names[] = {
#define PA_X(id, name) name,
	PA_REVIEW_STYLES(PA_X)
#undef PA_X
};
_Static_assert(sizeof(style_names) / sizeof(style_names[0]) == PA_REVIEW_STYLE_COUNT,
    "one name per style");

const char *
pa_review_style_name(enum pa_review_style s)
{
	return (unsigned)s < PA_REVIEW_STYLE_COUNT ? style_names[s] : "normal";
}

int
pa_review_style_parse(const char *name)
{
	int i;

	for (i = 0; i < PA_REVIEW_STYLE_COUNT; i++)
		if (strcmp(name, style_names[i]) == 0)
			return i;
	return -1;
}

enum pa_review_style
pa_review_severity_style(enum pa_severity sev)
{
	switch (sev) {
	case PA_SEVERITY_BLOCKER:
		return PA_REVIEW_STYLE_BLOCKER;
	case PA_SEVERITY_ERROR:
		return PA_REVIEW_STYLE_ERROR;
	case PA_SEVERITY_WARNING:
		return PA_REVIEW_STYLE_WARNING;
	case PA_SEVERITY_INFO:
		break;
	}
	return PA_REVIEW_STYLE_INFO;
}

/* --- pages ----------------------------------------------------------------- */

static void
row_free(void *p)
{
	struct pa_review_row *r = p;
	size_t i;

	if (r == NULL)
		return;
	for (i = 0; i < r->ncells; i++)
		free(r->cells[i].text);
	free(r->cells);
	free(r);
}

void
pa_review_page_init(struct pa_review_page *p)
{
	memset(p, 0, sizeof(*p));
	p->sort_col = -1;
}

void
pa_review_page_clear(struct pa_review_page *p)
{
	pa_vec_dispose(&p->rows, row_free);
	free(p->visible);
	p->visible = NULL;
	p->nvisible = 0;
	free(p->title);
	p->title = NULL;
}

void
pa_review_page_dispose(struct pa_review_page *p)
{
	pa_review_page_clear(p);
	free(p->filter);
	free(p->search);
	pa_review_page_init(p);
}

int
pa_review_page_title(struct pa_review_page *p, const char *fmt, ...)
{
	struct pa_buf raw = PA_BUF_INIT, b = PA_BUF_INIT;
	va_list ap;

	va_start(ap, fmt);
	pa_buf_vprintf(&raw, fmt, ap);
	va_end(ap);
	pa_text_sanitize(&b, raw.ptr, raw.size, PA_TEXT_ONELINE);
	pa_buf_dispose(&raw);
	free(p->title);
	p->title = pa_buf_detach(&b);
	pa_buf_dispose(&b);
	return p->title != NULL ? 0 : pa_error_oom();
}

struct pa_review_row *
pa_review_page_row(struct pa_review_page *p, enum pa_review_style style,
    enum pa_review_row_kind kind, size_t ref)
{
	struct pa_review_row *r;

	if ((r = pa_calloc(1, sizeof(*r))) == NULL)
		return NULL;
	r->style = style;
	r->kind = kind;
	r->ref = ref;
	if (pa_vec_push(&p->rows, r) < 0) {
		free(r);
		return NULL;
	}
	return r;
}

static int
add_cell(struct pa_review_row *r, const char *text, double key, bool numeric)
{
	struct pa_review_cell *cells, *c;
	bool none = text == NULL || *text == '\0';

	if (r == NULL)
		return PA_ENOMEM;
	if ((cells = pa_reallocarray(r->cells, r->ncells + 1, sizeof(*cells))) == NULL)
		return PA_ENOMEM;
	r->cells = cells;
	c = &cells[r->ncells];
	memset(c, 0, sizeof(*c));
	if ((c->text = pa_text_sanitize_dup(none ? PA_REVIEW_NONE : text)) == NULL)
		return pa_error_oom();
	c->key = key;
	c->numeric = numeric && !none;
	c->none = none;
	r->ncells++;
	return 0;
}

int
pa_review_row_text(struct pa_review_row *r, const char *text)
{
	return add_cell(r, text, 0, false);
}

int
pa_review_row_keyed(struct pa_review_row *r, const char *text, double key)
{
	return add_cell(r, text, key, true);
}

int
pa_review_row_num(struct pa_review_row *r, double key, const char *text)
{
	char num[64];

	if (text == NULL) {
		snprintf(num, sizeof(num), "%.0f", key);
		text = num;
	}
	return add_cell(r, text, key, true);
}

void
pa_review_row_style(struct pa_review_row *r, enum pa_review_style style)
{
	if (r != NULL && r->ncells > 0)
		r->cells[r->ncells - 1].style = style;
}

int
pa_review_page_line(struct pa_review_page *p, enum pa_review_style style, const char *fmt, ...)
{
	struct pa_buf raw = PA_BUF_INIT;
	va_list ap;
	int error;

	va_start(ap, fmt);
	pa_buf_vprintf(&raw, fmt, ap);
	va_end(ap);
	if (pa_buf_oom(&raw))
		error = PA_ENOMEM;
	else
		error = add_cell(pa_review_page_row(p, style, PA_REVIEW_ROW_TEXT, 0),
		    raw.size ? raw.ptr : " ", 0, false);
	pa_buf_dispose(&raw);
	return error;
}

/* Append one wrapped line (s, n bytes) with indent. */
static int
wrap_line(struct pa_review_page *p, enum pa_review_style style, size_t indent,
    const char *s, size_t n)
{
	struct pa_buf b = PA_BUF_INIT;
	size_t i;
	int error;

	for (i = 0; i < indent; i++)
		pa_buf_putc(&b, ' ');
	pa_buf_put(&b, s, n);
	error = pa_buf_oom(&b) ? PA_ENOMEM : pa_review_page_line(p, style, "%s", b.ptr);
	pa_buf_dispose(&b);
	return error;
}

int
pa_review_page_wrap(struct pa_review_page *p, enum pa_review_style style, size_t indent,
    const char *text, size_t width)
{
	struct pa_buf clean = PA_BUF_INIT, line = PA_BUF_INIT;
	const char *s, *nl, *word;
	size_t avail, wlen, lw, ww;
	int error = 0;

	if (width < 20)
		width = 20;
	avail = width > indent + 10 ? width - indent : 10;
	pa_text_sanitize(&clean, text, strlen(text), PA_TEXT_KEEP_NL);
	if (pa_buf_oom(&clean)) {
		pa_buf_dispose(&clean);
		return PA_ENOMEM;
	}
	for (s = clean.ptr; error == 0 && *s != '\0'; s = *nl ? nl + 1 : nl) {
		nl = strchr(s, '\n');
		if (nl == NULL)
			nl = s + strlen(s);
		pa_buf_clear(&line);
		lw = 0;
		word = s;
		while (error == 0 && word < nl) {
			while (word < nl && (*word == ' ' || *word == '\t'))
				word++;
			if (word >= nl)
				break;
			for (wlen = 0; word + wlen < nl && word[wlen] != ' ' && word[wlen] != '\t'; wlen++)
				;
			{
				char *w = pa_strndup(word, wlen);

				ww = w ? pa_text_width(w) : wlen;
				free(w);
			}
			if (lw > 0 && lw + 1 + ww > avail) {
				error = wrap_line(p, style, indent, line.ptr, line.size);
				pa_buf_clear(&line);
				lw = 0;
			}
			if (lw > 0) {
				pa_buf_putc(&line, ' ');
				lw++;
			}
			pa_buf_put(&line, word, wlen);
			lw += ww;
			word += wlen;
		}
		if (error == 0)
			error = wrap_line(p, style, indent, line.ptr, line.size);
	}
	pa_buf_dispose(&line);
	pa_buf_dispose(&clean);
	return error;
}

/* --- filter, sort, search ---------------------------------------------------- */

static int
fold(int c)
{
	return c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c;
}

bool
pa_review_match(const char *text, size_t from, const char *pattern, size_t *off, size_t *len)
{
	size_t n = strlen(pattern), tl = strlen(text), i, j;

	if (n == 0 || from > tl)
		return false;
	for (i = from; i + n <= tl; i++) {
		for (j = 0; j < n && fold((unsigned char)text[i + j]) ==
		    fold((unsigned char)pattern[j]); j++)
			;
		if (j == n) {
			*off = i;
			*len = n;
			return true;
		}
	}
	return false;
}

bool
pa_review_row_matches(const struct pa_review_row *r, const char *pattern)
{
	size_t i, off, len;

	for (i = 0; i < r->ncells; i++)
		if (pa_review_match(r->cells[i].text, 0, pattern, &off, &len))
			return true;
	return false;
}

static int
cell_cmp(const struct pa_review_cell *a, const struct pa_review_cell *b)
{
	if (a->none != b->none)
		return a->none ? 1 : -1;
	if (a->numeric && b->numeric) {
		if (a->key != b->key)
			return a->key < b->key ? -1 : 1;
		return 0;
	}
	return strcasecmp(a->text, b->text);
}

/* qsort has no context argument in C11: sort with a small merge sort instead. */
static int
row_cmp(const struct pa_review_page *p, size_t a, size_t b)
{
	const struct pa_review_row *ra = p->rows.items[a], *rb = p->rows.items[b];
	const struct pa_review_cell *ca, *cb;
	int c = 0;

	if (p->sort_col >= 0) {
		ca = (size_t)p->sort_col < ra->ncells ? &ra->cells[p->sort_col] : NULL;
		cb = (size_t)p->sort_col < rb->ncells ? &rb->cells[p->sort_col] : NULL;
		if (ca != NULL && cb != NULL) {
			c = cell_cmp(ca, cb);
			/* "not known" stays last whichever the direction */
			if (p->sort_desc && ca->none == cb->none)
				c = -c;
		}
	}
	if (c == 0)
		c = a < b ? -1 : a > b;	/* stable: the builder's order */
	return c;
}

static void
merge_sort(const struct pa_review_page *p, size_t *v, size_t *tmp, size_t n)
{
	size_t mid = n / 2, i = 0, j = mid, k = 0;

	if (n < 2)
		return;
	merge_sort(p, v, tmp, mid);
	merge_sort(p, v + mid, tmp, n - mid);
	while (i < mid && j < n)
		tmp[k++] = row_cmp(p, v[i], v[j]) <= 0 ? v[i++] : v[j++];
	while (i < mid)
		tmp[k++] = v[i++];
	while (j < n)
		tmp[k++] = v[j++];
	memcpy(v, tmp, n * sizeof(*v));
}

int
pa_review_page_refresh(struct pa_review_page *p)
{
	size_t *vis, *tmp, n = 0, i, keep = (size_t)-1;
	const struct pa_review_row *cur = pa_review_page_current(p);

	if (cur != NULL)
		keep = p->visible[p->cursor];
	if ((vis = pa_calloc(p->rows.count + 1, sizeof(*vis))) == NULL ||
	    (tmp = pa_calloc(p->rows.count + 1, sizeof(*tmp))) == NULL) {
		free(vis);
		return PA_ENOMEM;
	}
	for (i = 0; i < p->rows.count; i++)
		if (p->filter == NULL || pa_review_row_matches(p->rows.items[i], p->filter))
			vis[n++] = i;
	merge_sort(p, vis, tmp, n);
	free(tmp);
	free(p->visible);
	p->visible = vis;
	p->nvisible = n;
	if (keep != (size_t)-1) {
		for (i = 0; i < n; i++) {
			if (vis[i] == keep) {
				p->cursor = i;
				return 0;
			}
		}
	}
	if (p->cursor >= n)
		p->cursor = n > 0 ? n - 1 : 0;
	if (p->top > p->cursor)
		p->top = p->cursor;
	return 0;
}

int
pa_review_page_set_filter(struct pa_review_page *p, const char *pattern)
{
	free(p->filter);
	p->filter = NULL;
	if (pattern != NULL && *pattern != '\0' && (p->filter = pa_strdup(pattern)) == NULL)
		return PA_ENOMEM;
	return pa_review_page_refresh(p);
}

int
pa_review_page_sort(struct pa_review_page *p, int col, bool desc)
{
	p->sort_col = col >= 0 && (size_t)col < p->ncols ? col : -1;
	p->sort_desc = desc;
	return pa_review_page_refresh(p);
}

int
pa_review_page_sort_next(struct pa_review_page *p)
{
	int next = p->sort_col + 1;

	if (p->ncols == 0)
		return 0;
	if ((size_t)next >= p->ncols)
		next = -1;
	return pa_review_page_sort(p, next, p->sort_desc);
}

int
pa_review_page_column(const struct pa_review_page *p, const char *name)
{
	size_t i, n = strlen(name);

	if (n == 0)
		return -1;
	for (i = 0; i < p->ncols; i++)
		if (strcasecmp(p->cols[i].name, name) == 0)
			return (int)i;
	for (i = 0; i < p->ncols; i++)
		if (strncasecmp(p->cols[i].name, name, n) == 0)
			return (int)i;
	return -1;
}

const struct pa_review_row *
pa_review_page_visible(const struct pa_review_page *p, size_t i)
{
	return i < p->nvisible ? p->rows.items[p->visible[i]] : NULL;
}

size_t
pa_review_page_first(const struct pa_review_page *p, enum pa_review_row_kind kind)
{
	size_t i;

	for (i = 0; i < p->nvisible; i++)
		if (pa_review_page_visible(p, i)->kind == kind)
			return i;
	return 0;
}

const struct pa_review_row *
pa_review_page_current(const struct pa_review_page *p)
{
	return pa_review_page_visible(p, p->cursor);
}

void
pa_review_page_scroll(struct pa_review_page *p, size_t height)
{
	if (height == 0)
		height = 1;
	if (p->cursor >= p->nvisible)
		p->cursor = p->nvisible > 0 ? p->nvisible - 1 : 0;
	if (p->cursor < p->top)
		p->top = p->cursor;
	if (p->cursor >= p->top + height)
		p->top = p->cursor - height + 1;
	/* no empty screen below the last row when there are rows above */
	if (p->nvisible >= height && p->top > p->nvisible - height)
		p->top = p->nvisible - height;
	if (p->nvisible < height)
		p->top = 0;
}

void
pa_review_page_goto(struct pa_review_page *p, size_t i, size_t height)
{
	p->cursor = i;
	pa_review_page_scroll(p, height);
}

void
pa_review_page_move(struct pa_review_page *p, enum pa_review_move m, size_t height)
{
	size_t last = p->nvisible > 0 ? p->nvisible - 1 : 0;
	size_t step = height > 1 ? height - 1 : 1;

	switch (m) {
	case PA_REVIEW_MOVE_UP:
		if (p->cursor > 0)
			p->cursor--;
		break;
	case PA_REVIEW_MOVE_DOWN:
		if (p->cursor < last)
			p->cursor++;
		break;
	case PA_REVIEW_MOVE_PAGE_UP:
		p->cursor = p->cursor > step ? p->cursor - step : 0;
		p->top = p->top > step ? p->top - step : 0;
		break;
	case PA_REVIEW_MOVE_PAGE_DOWN:
		p->cursor = p->cursor + step < last ? p->cursor + step : last;
		p->top += step;
		break;
	case PA_REVIEW_MOVE_FIRST:
		p->cursor = 0;
		break;
	case PA_REVIEW_MOVE_LAST:
		p->cursor = last;
		break;
	}
	pa_review_page_scroll(p, height);
}

bool
pa_review_page_search(struct pa_review_page *p, const char *pattern, bool forward,
    size_t height)
{
	size_t i, pos, n = p->nvisible;

	if (pattern != NULL && *pattern != '\0') {
		free(p->search);
		p->search = pa_strdup(pattern);
	}
	if (p->search == NULL || n == 0)
		return false;
	for (i = 1; i <= n; i++) {
		pos = forward ? (p->cursor + i) % n : (p->cursor + n - i % n) % n;
		if (pa_review_row_matches(pa_review_page_visible(p, pos), p->search)) {
			pa_review_page_goto(p, pos, height);
			return true;
		}
	}
	return false;
}

/* --- width and layout ---------------------------------------------------------- */

void
pa_review_format_hours(struct pa_buf *out, double h)
{
	static const char units[] = "kMGT";
	size_t u = 0;

	if (h < 100000) {
		pa_buf_printf(out, "%.0f", h);
		return;
	}
	h /= 1000;
	while (h >= 1000 && u + 1 < sizeof(units) - 1) {
		h /= 1000;
		u++;
	}
	if (h < 10 && h != (double)(long)h)
		pa_buf_printf(out, "%.1f%c", h, units[u]);
	else
		pa_buf_printf(out, "%.0f%c", h, units[u]);
}

size_t
pa_review_fit_bytes(const char *s, size_t width)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t len = strlen(s), i = 0, w = 0, n;
	unsigned int cp;
	int cw;

	while (i < len) {
		if ((n = pa_text_utf8_decode(u + i, len - i, &cp)) == 0) {
			n = 1;
			cw = 1;
		} else {
			cw = wcwidth((wchar_t)cp);
			if (cw < 0)
				cw = 0;
		}
		if (w + (size_t)cw > width)
			break;
		w += (size_t)cw;
		i += n;
	}
	return i;
}

void
pa_review_fit(struct pa_buf *out, const char *s, size_t width, bool right)
{
	size_t w = pa_text_width(s), n, pad;

	if (w <= width) {
		pad = width - w;
		while (right && pad > 0) {
			pa_buf_putc(out, ' ');
			pad--;
		}
		pa_buf_puts(out, s);
		while (pad > 0) {
			pa_buf_putc(out, ' ');
			pad--;
		}
		return;
	}
	if (width == 0)
		return;
	n = pa_review_fit_bytes(s, width - 1);
	pa_buf_put(out, s, n);
	{
		char *cut = pa_strndup(s, n);

		w = cut != NULL ? pa_text_width(cut) : width - 1;
		free(cut);
	}
	pa_buf_puts(out, "\xe2\x80\xa6");	/* … */
	for (w++; w < width; w++)
		pa_buf_putc(out, ' ');
}

void
pa_review_page_layout(const struct pa_review_page *p, size_t width, size_t *out)
{
	const struct pa_review_row *r;
	size_t i, c, total = 0, w, widest, n = p->ncols;

	for (c = 0; c < n; c++) {
		w = pa_text_width(p->cols[c].name);
		for (i = 0; i < p->nvisible; i++) {
			r = pa_review_page_visible(p, i);
			if (c < r->ncells && pa_text_width(r->cells[c].text) > w)
				w = pa_text_width(r->cells[c].text);
		}
		if (w < p->cols[c].min)
			w = p->cols[c].min;
		if (p->cols[c].max > 0 && w > p->cols[c].max)
			w = p->cols[c].max;
		out[c] = w;
		total += w + (c > 0);
	}
	/* too wide: the last column (free text) gives way first, down to its minimum */
	if (n > 0 && total > width && out[n - 1] > p->cols[n - 1].min) {
		w = out[n - 1] - p->cols[n - 1].min;
		if (w > total - width)
			w = total - width;
		out[n - 1] -= w;
		total -= w;
	}
	/* then the columns marked shrink, widest first */
	while (total > width) {
		widest = n;
		for (c = 0; c < n; c++)
			if (p->cols[c].shrink && out[c] > p->cols[c].min &&
			    (widest == n || out[c] > out[widest]))
				widest = c;
		if (widest == n)
			break;
		out[widest]--;
		total--;
	}
	/* then the widest column above its minimum, one column at a time */
	while (total > width) {
		widest = n;
		for (c = 0; c < n; c++)
			if (out[c] > p->cols[c].min && (widest == n || out[c] > out[widest]))
				widest = c;
		if (widest == n)
			break;
		out[widest]--;
		total--;
	}
	/* still too wide: drop columns from the right */
	while (total > width && n > 0) {
		n--;
		total -= out[n] + (n > 0);
		out[n] = 0;
	}
	/* the last shown column takes what is left */
	if (n > 0 && total < width)
		out[n - 1] += width - total;
}

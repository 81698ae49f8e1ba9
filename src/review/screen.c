/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * The review screen: curses set-up/teardown, view stack, key → action, prompts, resize.
 * Why over 800 lines: the actions (decide, waive, sort, filter, search,
 * tag, the ':' commands) and the prompts they ask through share the
 * screen's state and its one curses loop; what they compute is in model.c
 * and the views, so what is left here is the wiring.  The actions are the
 * part to move to a file of their own when the next one is added.
 */
#include "config.h"

#include "review/screen.h"

#include <curses.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <wchar.h>

#include "review/config.h"
#include "review/draw.h"
#include "util/alloc.h"
#include "util/error.h"
#include "util/text.h"

#define MAX_DEPTH 8
#define MSG_MAX 512

struct level {
	const struct pa_review_view *view;
	struct pa_review_ctx ctx;
	struct pa_review_page page;
};

struct screen {
	const struct pa_review_screen_opts *opts;
	struct pa_review_config cfg;
	struct level stack[MAX_DEPTH];
	int depth;		/* levels in use */
	char msg[MSG_MAX];
	bool msg_error;
	bool tag_prefix;	/* ';' was pressed: the next action applies to tagged dossiers */
	bool quit;
	bool curses_on;
	char opened[128];	/* how the call was opened (the loader's last progress) */
};

static void
message(struct screen *s, bool error, const char *fmt, ...) PA_PRINTF(3, 4);

static void
message(struct screen *s, bool error, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(s->msg, sizeof(s->msg), fmt, ap);
	va_end(ap);
	s->msg_error = error;
}

static struct level *
top(struct screen *s)
{
	return &s->stack[s->depth - 1];
}

/* Rows for the page body: the screen less title, status and message lines. */
static size_t
body_height(const struct level *l)
{
	int h = LINES - 3 - (l->page.ncols > 0 ? 1 : 0);

	return h > 1 ? (size_t)h : 1;
}

static int
rebuild(struct screen *s, struct level *l)
{
	size_t keep = l->page.nvisible > 0 ? l->page.visible[l->page.cursor] : (size_t)-1, i;
	int error;

	l->ctx.width = COLS > 0 ? (size_t)COLS : 80;
	if ((error = pa_review_view_build(l->view, &l->page, &l->ctx)) < 0)
		return error;
	for (i = 0; keep != (size_t)-1 && i < l->page.nvisible; i++)
		if (l->page.visible[i] == keep)
			l->page.cursor = i;
	pa_review_page_scroll(&l->page, body_height(l));
	(void)s;
	return 0;
}

static int
push(struct screen *s, const struct pa_review_view *v, const struct pa_review_ctx *ctx)
{
	struct level *l;
	int error;

	if (s->depth == MAX_DEPTH) {
		message(s, true, "too many views open");
		return 0;
	}
	l = &s->stack[s->depth];
	l->view = v;
	l->ctx = *ctx;
	pa_review_page_init(&l->page);
	s->depth++;
	if ((error = rebuild(s, l)) < 0)
		return error;
	if (v->initial != NULL)
		pa_review_page_goto(&l->page, v->initial(&l->page, &l->ctx), body_height(l));
	/* the marked line a third down the screen, with context above it */
	if (l->page.cursor > body_height(l) / 3) {
		l->page.top = l->page.cursor - body_height(l) / 3;
		pa_review_page_scroll(&l->page, body_height(l));
	}
	return 0;
}

static void
pop(struct screen *s)
{
	pa_review_page_dispose(&top(s)->page);
	s->depth--;
	if (s->depth == 0)
		s->quit = true;
	else
		rebuild(s, top(s));	/* a decision or waiver may have changed it */
}

/* --- drawing --------------------------------------------------------------- */

static void
draw(struct screen *s)
{
	struct level *l = top(s);
	struct pa_buf left = PA_BUF_INIT, right = PA_BUF_INIT;
	const struct pa_review_page *p = &l->page;

	pa_review_draw_clear();
	pa_review_draw_bar(0, PA_REVIEW_STYLE_TITLE, p->title ? p->title : "", " pactaudit review");
	pa_review_draw_page(p, 1, LINES - 3, COLS, l->view->dossier_rows);
	pa_buf_printf(&left, "[%s]", l->view->name);
	if (p->sort_col >= 0)
		pa_buf_printf(&left, " sorted by %s%s", p->cols[p->sort_col].name,
		    p->sort_desc ? " (descending)" : "");
	if (p->filter != NULL)
		pa_buf_printf(&left, " filter \"%s\": %zu of %zu", p->filter, p->nvisible,
		    p->rows.count);
	if (s->tag_prefix)
		pa_buf_puts(&left, " tagged:");
	pa_buf_printf(&right, "%zu/%zu  ? help ", p->nvisible ? p->cursor + 1 : 0, p->nvisible);
	pa_review_draw_bar(LINES - 2, PA_REVIEW_STYLE_STATUS, left.ptr, right.ptr);
	pa_review_draw_message(LINES - 1, s->msg, s->msg_error);
	pa_review_draw_flush();
	pa_buf_dispose(&right);
	pa_buf_dispose(&left);
}

/* --- input ------------------------------------------------------------------ */

static int
map_key(int ret, wint_t wch)
{
	if (ret == OK) {
		if (wch == '\n' || wch == '\r')
			return PA_KEY_ENTER;
		if (wch == 0x7f || wch == 0x08)
			return PA_KEY_BACKSPACE;
		return (int)wch;
	}
	switch (wch) {
	case KEY_UP: return PA_KEY_UP;
	case KEY_DOWN: return PA_KEY_DOWN;
	case KEY_LEFT: return PA_KEY_LEFT;
	case KEY_RIGHT: return PA_KEY_RIGHT;
	case KEY_PPAGE: return PA_KEY_PGUP;
	case KEY_NPAGE: return PA_KEY_PGDN;
	case KEY_HOME: return PA_KEY_HOME;
	case KEY_END: return PA_KEY_END;
	case KEY_IC: return PA_KEY_INSERT;
	case KEY_DC: return PA_KEY_DELETE;
	case KEY_BACKSPACE: return PA_KEY_BACKSPACE;
	case KEY_ENTER: return PA_KEY_ENTER;
	default:
		break;
	}
	if (wch >= KEY_F(1) && wch <= KEY_F(12))
		return PA_KEY_F0 + (int)(wch - KEY_F0);
	return -1;
}

/* Read one key; -2 for a resize, -1 for a key the review does not know. */
static int
read_key(void)
{
	wint_t wch;
	int ret;

	do
		ret = get_wch(&wch);
	while (ret == ERR && errno == EINTR);
	if (ret == ERR)
		return -1;
	if (ret == KEY_CODE_YES && wch == KEY_RESIZE)
		return -2;
	return map_key(ret, wch);
}

static void
resized(struct screen *s)
{
	int i;

	/* ncurses has updated LINES and COLS; rebuild what depends on the width */
	for (i = 0; i < s->depth; i++)
		rebuild(s, &s->stack[i]);
	clearok(curscr, TRUE);
}

/* Append the UTF-8 of code point cp. */
static void
put_utf8(struct pa_buf *b, unsigned int cp)
{
	if (cp < 0x80) {
		pa_buf_putc(b, (char)cp);
	} else if (cp < 0x800) {
		pa_buf_putc(b, (char)(0xc0 | (cp >> 6)));
		pa_buf_putc(b, (char)(0x80 | (cp & 0x3f)));
	} else if (cp < 0x10000) {
		pa_buf_putc(b, (char)(0xe0 | (cp >> 12)));
		pa_buf_putc(b, (char)(0x80 | ((cp >> 6) & 0x3f)));
		pa_buf_putc(b, (char)(0x80 | (cp & 0x3f)));
	} else {
		pa_buf_putc(b, (char)(0xf0 | (cp >> 18)));
		pa_buf_putc(b, (char)(0x80 | ((cp >> 12) & 0x3f)));
		pa_buf_putc(b, (char)(0x80 | ((cp >> 6) & 0x3f)));
		pa_buf_putc(b, (char)(0x80 | (cp & 0x3f)));
	}
}

/* Read a line on the bottom row; true on Enter, false on Esc or C-g. */
static bool
prompt(struct screen *s, const char *label, const char *initial, struct pa_buf *out)
{
	int key;

	pa_buf_clear(out);
	if (initial != NULL)
		pa_buf_puts(out, initial);
	curs_set(1);
	for (;;) {
		draw(s);
		pa_review_draw_prompt(LINES - 1, label, out->ptr);
		pa_review_draw_flush();
		key = read_key();
		if (key == -2) {
			resized(s);
			continue;
		}
		if (key == PA_KEY_ENTER) {
			curs_set(0);
			s->msg[0] = '\0';
			return !pa_buf_oom(out);
		}
		if (key == PA_KEY_ESC || key == PA_KEY_CTRL('g') || key == PA_KEY_CTRL('c')) {
			curs_set(0);
			message(s, false, "cancelled");
			return false;
		}
		if (key == PA_KEY_BACKSPACE) {
			while (out->size > 0 && ((unsigned char)out->ptr[out->size - 1] & 0xc0) == 0x80)
				pa_buf_truncate(out, out->size - 1);
			if (out->size > 0)
				pa_buf_truncate(out, out->size - 1);
			continue;
		}
		if (key == PA_KEY_CTRL('u')) {
			pa_buf_clear(out);
			continue;
		}
		if (key >= 0 && key < PA_KEY_SPECIAL && !pa_text_is_unsafe((unsigned int)key) &&
		    out->size < 1024)
			put_utf8(out, (unsigned int)key);
	}
}

/* --- actions ------------------------------------------------------------------- */

/* The dossier the action is about: the cursor's row in the call, else the view's. */
static struct pa_review_dossier *
current_dossier(struct screen *s)
{
	struct level *l = top(s);
	const struct pa_review_row *r;

	if (l->view->dossier_rows) {
		r = pa_review_page_current(&l->page);
		return r != NULL && r->kind == PA_REVIEW_ROW_DOSSIER ?
		    pa_review_call_at(l->ctx.call, r->ref) : NULL;
	}
	if (l->view == &pa_review_view_help)
		return NULL;
	return pa_review_call_at(l->ctx.call, l->ctx.dossier);
}

static bool
valid_decision(const char *d)
{
	return strcmp(d, "approve") == 0 || strcmp(d, "reject") == 0 || strcmp(d, "changes") == 0;
}

/* Rebuild every open view: the ledger changed what they show. */
static void
rebuild_all(struct screen *s)
{
	int i;

	for (i = 0; i < s->depth; i++)
		rebuild(s, &s->stack[i]);
}

/* Read the ledger again after a write or on request; false (message set) when it failed. */
static bool
reload(struct screen *s, bool say)
{
	long n;

	if (s->opts->reload == NULL) {
		message(s, true, "no ledger: nothing to reload");
		return false;
	}
	n = s->opts->reload(s->opts->payload, s->opts->call);
	rebuild_all(s);
	if (n < 0) {
		message(s, true, "the ledger cannot be read: %s",
		    pa_error_last() ? pa_error_last() : "failed");
		pa_error_clear();
		return false;
	}
	if (say)
		message(s, false, "ledger read again: %ld record%s", n, n == 1 ? "" : "s");
	return true;
}

/* D: a decision on the dossier here, or (after ';') on every tagged dossier. */
static void
act_decide(struct screen *s)
{
	struct pa_buf dec = PA_BUF_INIT, hours = PA_BUF_INIT, note = PA_BUF_INIT;
	struct pa_buf label = PA_BUF_INIT;
	struct pa_review_decision_in in = { .granted_hours = -1 };
	struct pa_review_dossier *one = current_dossier(s), *d;
	const struct pa_review_call *call = s->opts->call;
	size_t i, n, done = 0, here = (size_t)-1, *targets = NULL;
	bool tagged = s->tag_prefix;
	char *end, commit[41] = "";

	s->tag_prefix = false;
	if (s->opts->decide == NULL) {
		message(s, true, "no ledger: decisions cannot be recorded");
		return;
	}
	for (i = 0; one != NULL && i < pa_review_call_count(call); i++)
		if (pa_review_call_at(call, i) == one)
			here = i;
	if ((targets = pa_calloc(pa_review_call_count(call) + 1, sizeof(*targets))) == NULL) {
		message(s, true, "out of memory");
		return;
	}
	n = pa_review_call_targets(call, tagged, here, targets);
	if (n == 0) {
		message(s, true, tagged ? "no audited dossier is tagged (t tags one)" :
		    "no audited dossier here to decide on");
		goto done;
	}
	if (tagged)
		pa_buf_printf(&label, "decision for %zu tagged dossier%s (approve, reject, changes): ",
		    n, n == 1 ? "" : "s");
	else
		pa_buf_printf(&label, "decision for %s (approve, reject, changes): ",
		    pa_review_call_at(call, targets[0])->name);
	if (!prompt(s, label.ptr, NULL, &dec))
		goto done;
	if (!valid_decision(dec.ptr)) {
		message(s, true, "a decision is approve, reject or changes, not '%.40s'", dec.ptr);
		goto done;
	}
	if (!prompt(s, "GPU-hours granted (empty: none): ", NULL, &hours))
		goto done;
	if (hours.size > 0) {
		errno = 0;
		in.granted_hours = strtol(hours.ptr, &end, 10);
		if (*end != '\0' || errno != 0 || in.granted_hours < 0 ||
		    in.granted_hours > 1000000000L) {
			message(s, true, "GPU-hours is a whole number, not '%.40s'", hours.ptr);
			goto done;
		}
	}
	if (!prompt(s, "note: ", NULL, &note))
		goto done;
	in.decision = dec.ptr;
	in.note = note.size > 0 ? note.ptr : NULL;
	for (i = 0; i < n; i++) {
		d = pa_review_call_at(call, targets[i]);
		if (s->opts->decide(commit, s->opts->payload, d, &in) < 0) {
			message(s, true, "%s: %s (%zu of %zu recorded)", d->name,
			    pa_error_last() ? pa_error_last() : "not recorded", done, n);
			pa_error_clear();
			reload(s, false);
			goto done;
		}
		done++;
	}
	if (reload(s, false)) {
		if (done == 1)
			message(s, false, "recorded %s for %s: ledger %.12s, signed",
			    in.decision, pa_review_call_at(call, targets[0])->name, commit);
		else
			message(s, false, "recorded %s for %zu dossiers, signed", in.decision, done);
	}
done:
	free(targets);
	pa_buf_dispose(&label);
	pa_buf_dispose(&note);
	pa_buf_dispose(&hours);
	pa_buf_dispose(&dec);
}

/* W: waive the finding under the cursor (findings view) or shown (evidence view). */
static void
act_waive(struct screen *s)
{
	struct pa_buf reason = PA_BUF_INIT, until = PA_BUF_INIT, note = PA_BUF_INIT;
	struct pa_review_waiver_in in = { 0 };
	struct level *l = top(s);
	struct pa_review_dossier *d = current_dossier(s);
	const struct pa_review_row *r = pa_review_page_current(&l->page);
	const struct pa_results_finding *f = NULL;
	char commit[41] = "", *rule = NULL;

	if (s->tag_prefix) {
		s->tag_prefix = false;
		message(s, true, "a waiver is for one finding: tagged dossiers are not waived");
		return;
	}
	if (d != NULL && d->res != NULL) {
		if (l->view == &pa_review_view_evidence)
			f = d->res->findings.items[l->ctx.finding];
		else if (l->view == &pa_review_view_findings && r != NULL &&
		    r->kind == PA_REVIEW_ROW_FINDING)
			f = d->res->findings.items[r->ref];
	}
	if (f == NULL) {
		message(s, true, "select a finding to waive (in the findings or evidence view)");
		return;
	}
	if (!f->waivable) {
		message(s, true, "cannot be waived: %s%s%s (prohibited practices, Art. 5, and "
		    "other non-waivable rules must be fixed)", f->rule, f->ref ? ", " : "",
		    f->ref ? f->ref : "");
		return;
	}
	if (s->opts->waive == NULL) {
		message(s, true, "no ledger: waivers cannot be recorded");
		return;
	}
	if (f->status == PA_FINDING_WAIVED)
		message(s, false, "%s is waived already; a new waiver replaces it", f->rule);
	if (!prompt(s, "reason code (accepted-risk, false-positive, ...): ", NULL, &reason) ||
	    !prompt(s, "waived until (YYYY-MM-DD): ", NULL, &until) ||
	    !prompt(s, "justification: ", NULL, &note))
		goto done;
	in.reason = reason.ptr;
	in.until = until.ptr;
	in.note = note.ptr;
	if ((rule = pa_strdup(f->rule)) == NULL) {
		message(s, true, "out of memory");
		goto done;
	}
	if (s->opts->waive(commit, s->opts->payload, d, f, &in) < 0) {
		message(s, true, "%s", pa_error_last() ? pa_error_last() : "the waiver failed");
		pa_error_clear();
		goto done;
	}
	if (reload(s, false))
		message(s, false, "waived %s until %s: ledger %.12s, signed", rule, in.until, commit);
done:
	free(rule);
	pa_buf_dispose(&note);
	pa_buf_dispose(&until);
	pa_buf_dispose(&reason);
}

static void act(struct screen *s, enum pa_review_action a, const char *arg);

static void
act_command(struct screen *s)
{
	struct pa_buf line = PA_BUF_INIT;
	enum pa_review_action a;
	char *name, *arg;

	if (!prompt(s, ":", NULL, &line) || line.size == 0)
		goto done;
	name = line.ptr;
	while (*name == ' ')
		name++;
	arg = name + strcspn(name, " ");
	if (*arg != '\0') {
		*arg++ = '\0';
		while (*arg == ' ')
			arg++;
	}
	if (strcmp(name, "q") == 0)
		name = (char *)"back";
	a = pa_review_action_parse(name);
	if (a == PA_REVIEW_ACTION_NONE || a == PA_REVIEW_ACTION_COMMAND)
		message(s, true, "unknown command '%.40s' (? lists them)", name);
	else
		act(s, a, *arg ? arg : NULL);
done:
	pa_buf_dispose(&line);
}

static void
act_sort(struct screen *s, const char *arg, bool reverse)
{
	struct level *l = top(s);
	int col;

	if (l->page.ncols == 0) {
		message(s, true, "this view has no columns to sort by");
		return;
	}
	if (reverse) {
		pa_review_page_sort(&l->page, l->page.sort_col, !l->page.sort_desc);
	} else if (arg != NULL) {
		if ((col = pa_review_page_column(&l->page, arg)) < 0) {
			message(s, true, "no column '%.40s'", arg);
			return;
		}
		pa_review_page_sort(&l->page, col, l->page.sort_desc);
	} else {
		pa_review_page_sort_next(&l->page);
	}
	if (l->page.sort_col >= 0)
		message(s, false, "sorted by %s%s", l->page.cols[l->page.sort_col].name,
		    l->page.sort_desc ? ", descending" : "");
	else
		message(s, false, "in call order");
	pa_review_page_scroll(&l->page, body_height(l));
}

static void
act_filter(struct screen *s, const char *arg)
{
	struct level *l = top(s);
	struct pa_buf in = PA_BUF_INIT;

	if (arg == NULL) {
		if (!prompt(s, "filter: ", l->page.filter, &in))
			goto done;
		arg = in.ptr;
	}
	pa_review_page_set_filter(&l->page, arg);
	pa_review_page_scroll(&l->page, body_height(l));
	if (l->page.filter != NULL)
		message(s, false, "%zu of %zu rows match \"%s\"", l->page.nvisible, l->page.rows.count,
		    l->page.filter);
	else
		message(s, false, "no filter");
done:
	pa_buf_dispose(&in);
}

static void
act_search(struct screen *s, const char *arg, bool forward, bool ask)
{
	struct level *l = top(s);
	struct pa_buf in = PA_BUF_INIT;

	if (ask && arg == NULL) {
		if (!prompt(s, "/", NULL, &in))
			goto done;
		arg = in.ptr;
	}
	if (!ask && l->page.search == NULL) {
		message(s, true, "no search yet: / searches");
		goto done;
	}
	if (!pa_review_page_search(&l->page, arg, forward, body_height(l)))
		message(s, true, "not found: %s", arg ? arg : l->page.search ? l->page.search : "");
	else if (l->page.cursor - l->page.top < 2 && l->page.cursor > 2)
		l->page.top = l->page.cursor - 2;
done:
	pa_buf_dispose(&in);
}

static void
act_tag(struct screen *s)
{
	struct level *l = top(s);
	struct pa_review_dossier *d;
	const struct pa_review_row *r = pa_review_page_current(&l->page);

	if (!l->view->dossier_rows || r == NULL || r->kind != PA_REVIEW_ROW_DOSSIER) {
		message(s, true, "tag works on the call's dossiers");
		return;
	}
	d = pa_review_call_at(l->ctx.call, r->ref);
	d->tagged = !d->tagged;
	rebuild(s, l);
	pa_review_page_move(&l->page, PA_REVIEW_MOVE_DOWN, body_height(l));
}

static void
act(struct screen *s, enum pa_review_action a, const char *arg)
{
	struct level *l = top(s);
	struct pa_review_ctx next;
	const struct pa_review_view *v;
	size_t h = body_height(l);

	if (a != PA_REVIEW_ACTION_TAG_PREFIX && a != PA_REVIEW_ACTION_DECIDE &&
	    a != PA_REVIEW_ACTION_WAIVE && a != PA_REVIEW_ACTION_COMMAND)
		s->tag_prefix = false;
	switch (a) {
	case PA_REVIEW_ACTION_NONE:
	case PA_REVIEW_ACTION_COUNT:
		break;
	case PA_REVIEW_ACTION_UP:
		pa_review_page_move(&l->page, PA_REVIEW_MOVE_UP, h);
		break;
	case PA_REVIEW_ACTION_DOWN:
		pa_review_page_move(&l->page, PA_REVIEW_MOVE_DOWN, h);
		break;
	case PA_REVIEW_ACTION_PAGE_UP:
		pa_review_page_move(&l->page, PA_REVIEW_MOVE_PAGE_UP, h);
		break;
	case PA_REVIEW_ACTION_PAGE_DOWN:
		pa_review_page_move(&l->page, PA_REVIEW_MOVE_PAGE_DOWN, h);
		break;
	case PA_REVIEW_ACTION_FIRST:
		pa_review_page_move(&l->page, PA_REVIEW_MOVE_FIRST, h);
		break;
	case PA_REVIEW_ACTION_LAST:
		pa_review_page_move(&l->page, PA_REVIEW_MOVE_LAST, h);
		break;
	case PA_REVIEW_ACTION_OPEN:
		if (l->view->open == NULL ||
		    (v = l->view->open(&next, &l->ctx, pa_review_page_current(&l->page))) == NULL) {
			message(s, false, "nothing to open here");
			break;
		}
		if (push(s, v, &next) < 0)
			message(s, true, "out of memory");
		break;
	case PA_REVIEW_ACTION_BACK:
		pop(s);
		break;
	case PA_REVIEW_ACTION_QUIT:
		s->quit = true;
		break;
	case PA_REVIEW_ACTION_SEARCH:
		act_search(s, arg, true, true);
		break;
	case PA_REVIEW_ACTION_SEARCH_NEXT:
		act_search(s, NULL, true, false);
		break;
	case PA_REVIEW_ACTION_SEARCH_PREV:
		act_search(s, NULL, false, false);
		break;
	case PA_REVIEW_ACTION_SORT:
		act_sort(s, arg, false);
		break;
	case PA_REVIEW_ACTION_SORT_REVERSE:
		act_sort(s, NULL, true);
		break;
	case PA_REVIEW_ACTION_FILTER:
		act_filter(s, arg);
		break;
	case PA_REVIEW_ACTION_TAG:
		act_tag(s);
		break;
	case PA_REVIEW_ACTION_TAG_PREFIX:
		s->tag_prefix = !s->tag_prefix;
		message(s, false, s->tag_prefix ? "tagged: the next action applies to every "
		    "tagged dossier" : "");
		break;
	case PA_REVIEW_ACTION_DECIDE:
		act_decide(s);
		break;
	case PA_REVIEW_ACTION_WAIVE:
		act_waive(s);
		break;
	case PA_REVIEW_ACTION_RELOAD:
		reload(s, true);
		break;
	case PA_REVIEW_ACTION_ALLOCATION:
		if (!pa_review_call_has_plan(l->ctx.call)) {
			message(s, true, "the allocation view needs the call policy: "
			    "pactaudit review --policy FILE");
			break;
		}
		if (l->view != &pa_review_view_plan) {
			next = l->ctx;
			if (push(s, &pa_review_view_plan, &next) < 0)
				message(s, true, "out of memory");
		}
		break;
	case PA_REVIEW_ACTION_HELP:
		if (l->view != &pa_review_view_help) {
			next = l->ctx;
			push(s, &pa_review_view_help, &next);
		}
		break;
	case PA_REVIEW_ACTION_COMMAND:
		act_command(s);
		break;
	case PA_REVIEW_ACTION_REDRAW:
		clearok(curscr, TRUE);
		break;
	}
}

/* --- set-up and the loop ----------------------------------------------------------- */

static void
progress(void *screen, size_t done, size_t total, const char *what, const char *detail)
{
	struct screen *s = screen;
	char line[256];

	if (s == NULL || !s->curses_on)
		return;
	if (what != NULL)
		snprintf(s->opened, sizeof(s->opened), "%s", what);
	snprintf(line, sizeof(line), "Opening the call: %zu of %zu dossiers audited%s%s", done,
	    total, what != NULL ? ", " : "", what != NULL ? what : "");
	pa_review_draw_clear();
	pa_review_draw_bar(0, PA_REVIEW_STYLE_TITLE, "Call", " pactaudit review");
	pa_review_draw_center(line, detail);
	pa_review_draw_flush();
}

static void
end_curses(struct screen *s)
{
	if (s->curses_on) {
		endwin();
		s->curses_on = false;
	}
}

int
pa_review_screen_run(const struct pa_review_screen_opts *opts)
{
	struct screen s;
	struct pa_review_ctx ctx = { 0 };
	int error, key, i;
	enum pa_review_action a;

	memset(&s, 0, sizeof(s));
	s.opts = opts;
	if ((error = pa_review_config_default(&s.cfg)) < 0 ||
	    (error = pa_review_config_load(&s.cfg)) < 0)
		goto done;
	if (s.cfg.errors.count > 0)
		message(&s, true, "%s%s", (const char *)s.cfg.errors.items[0],
		    s.cfg.errors.count > 1 ? " (and more)" : "");

	if (initscr() == NULL) {
		error = pa_error_set(PA_ERRCLASS_OS, "cannot start the terminal (TERM?)");
		goto done;
	}
	s.curses_on = true;
	cbreak();
	noecho();
	nonl();
	keypad(stdscr, TRUE);
	set_escdelay(25);
	curs_set(0);
	if (pa_review_config_want_color(has_colors())) {
		start_color();
		use_default_colors();
		pa_review_draw_setup(&s.cfg, true);
	} else {
		pa_review_draw_setup(&s.cfg, false);
	}

	if (opts->load != NULL && (error = opts->load(opts->call, progress, &s, opts->payload)) < 0)
		goto done;

	ctx.call = opts->call;
	ctx.keys = &s.cfg.keys;
	ctx.source = opts->source;
	if ((error = push(&s, &pa_review_view_call, &ctx)) < 0)
		goto done;
	/* the ledger's records on the call; an unreadable ledger is said, not fatal */
	if (opts->reload != NULL) {
		char said[MSG_MAX];

		snprintf(said, sizeof(said), "%s", s.msg);
		if (!reload(&s, false) && said[0] != '\0')
			message(&s, true, "%s; %s", said, s.msg);
		else if (said[0] != '\0')
			message(&s, true, "%s", said);
	}
	if (s.msg[0] == '\0' && s.opened[0] != '\0')
		message(&s, false, "%zu dossier%s: %s; ? for help", pa_review_call_count(opts->call),
		    pa_review_call_count(opts->call) == 1 ? "" : "s", s.opened);
	else if (s.msg[0] == '\0')
		message(&s, false, "%zu dossier%s; Enter opens, s sorts, f filters, ? for help",
		    pa_review_call_count(opts->call), pa_review_call_count(opts->call) == 1 ? "" : "s");
	while (!s.quit) {
		draw(&s);
		key = read_key();
		if (key == -2) {
			resized(&s);
			continue;
		}
		s.msg[0] = '\0';
		if (key == -1)
			continue;
		a = pa_review_keymap_lookup(&s.cfg.keys, key);
		if (a == PA_REVIEW_ACTION_NONE) {
			struct pa_buf name = PA_BUF_INIT;

			pa_review_key_name(&name, key);
			message(&s, false, "%s is not bound (? lists the keys)", name.ptr);
			pa_buf_dispose(&name);
			continue;
		}
		act(&s, a, NULL);
	}
	error = 0;
done:
	end_curses(&s);
	for (i = 0; i < s.depth; i++)
		pa_review_page_dispose(&s.stack[i].page);
	pa_review_config_dispose(&s.cfg);
	return error;
}

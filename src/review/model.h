/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The review's pure model: the call's dossiers and the pages of rows views build from them (no curses). */
#ifndef PA_REVIEW_MODEL_H
#define PA_REVIEW_MODEL_H

#include <stdbool.h>
#include <stddef.h>

#include "allocate/allocate.h"
#include "ledger/ledger.h"
#include "ledger/waiver.h"
#include "results/results.h"
#include "util/buf.h"
#include "util/vec.h"

/* What the ledger says about a dossier (all NULL / -1 when nothing). */
struct pa_review_decision {
	char *decision;		/* approve, reject or changes */
	long granted_hours;	/* -1 when not stated */
	char *note;
	char *auditor;
};

/*
 * One record of the ledger about a dossier, as the review shows it: a
 * decision or a waiver, trusted or not (model_ledger.c).  who, text and
 * problem are sanitised; w is the waiver as recorded (raw, for matching).
 */
struct pa_review_record {
	bool trusted;		/* signed by an auditor the ledger's policy lists */
	bool waiver;		/* else a decision */
	char commit[13];	/* the ledger commit, abbreviated */
	char *who;		/* the signer's name or fingerprint, or NULL */
	char *text;		/* "approve, 1200 GPU-hours: note", "waiver of R until D (reason): why" */
	char *problem;		/* why it is not trusted, or NULL */
	struct pa_waiver *w;	/* waivers: owned */
};

/* One dossier of the call. */
struct pa_review_dossier {
	char *location;		/* as given on the command line */
	char *name;		/* the location's last component, sanitised */
	struct pa_results *res;	/* owned; NULL when it could not be audited */
	char *error;		/* why it could not be audited (sanitised), or NULL */
	bool cached;		/* results came from the results cache */
	bool tagged;
	struct pa_review_decision decision;	/* the last trusted decision */
	/* the ledger (model_ledger.c) */
	char *ledger_id;	/* the dossier's identity in the ledger, or NULL */
	struct pa_vec records;	/* struct pa_review_record *, ledger order */
	enum pa_finding_status *evaluated;	/* statuses before the ledger's waivers */
};

/*
 * The allocation plan over the call (model_plan.c): the call policy's
 * plan of the audited dossiers, made as `pactaudit allocate` makes it.
 */
struct pa_review_plan {
	const struct pa_call_policy *policy;	/* borrowed; NULL: no allocation view */
	struct pa_alloc_applicants apps;	/* the audited dossiers, call order */
	size_t *dossier;			/* the call index of each applicant */
	struct pa_alloc_plan *plan;		/* NULL until made */
	size_t unaudited;			/* dossiers left out: not audited */
};

struct pa_review_call {
	struct pa_vec dossiers;	/* struct pa_review_dossier * */
	struct pa_review_plan plan;
};

#define PA_REVIEW_CALL_INIT { PA_VEC_INIT, { 0 } }

/*
 * Add a dossier: res (may be NULL) is owned by the call from then on, even
 * on failure; error is copied.  0 or PA_ENOMEM.
 */
int pa_review_call_add(struct pa_review_call *call, const char *location,
    struct pa_results *res, const char *error);
void pa_review_call_dispose(struct pa_review_call *call);
size_t pa_review_call_count(const struct pa_review_call *call);
/* Borrowed. */
struct pa_review_dossier *pa_review_call_at(const struct pa_review_call *call, size_t i);
/* Set the ledger's decision for a dossier (strings copied; NULL clears). */
int pa_review_dossier_set_decision(struct pa_review_dossier *d, const char *decision,
    long granted_hours, const char *note, const char *auditor);

/* Derived facts of a dossier (pure; "" never, NULL for "not in the results"). */

/* The most severe system tier ("prohibited" > "high" > "limited" > "minimal"), or NULL. */
const char *pa_review_dossier_tier(const struct pa_review_dossier *d);
/* Rank of that tier for sorting: 0 none .. 4 prohibited; +0.5 with a systemic model. */
double pa_review_dossier_tier_rank(const struct pa_review_dossier *d);
/* Whether a model (or system) of the dossier is a GPAI model with systemic risk / any GPAI. */
const char *pa_review_dossier_gpai(const struct pa_review_dossier *d);
/* Counting findings (open or needs review, in force) per severity. */
void pa_review_dossier_open(const struct pa_review_dossier *d, size_t counts[4]);
/*
 * The dossier's signature state: "good" when every check is good, else the
 * first worst status with how many are not good ("bad 2/7"); NULL when the
 * results hold no signature check.  Written to out.
 */
void pa_review_dossier_sigstate(struct pa_buf *out, const struct pa_review_dossier *d);
/* 0 good, 1 some not good, -1 none: for sorting and colour. */
int pa_review_dossier_sigrank(const struct pa_review_dossier *d);
/* The status to show for a finding: open, waived, baselined, not yet in force, needs review. */
const char *pa_review_finding_status(const struct pa_review_dossier *d,
    const struct pa_results_finding *f);

/* --- pages: rows of cells that the generic drawer shows ------------------- */

/* How a row or a stretch of text looks; the config file names them (draw.c). */
#define PA_REVIEW_STYLES(X)					\
	X(NORMAL, "normal")					\
	X(TITLE, "title")					\
	X(STATUS, "status")					\
	X(HEADER, "header")					\
	X(CURSOR, "cursor")					\
	X(MATCH, "match")					\
	X(TAGGED, "tagged")					\
	X(HEADING, "heading")					\
	X(BLOCKER, "blocker")					\
	X(ERROR, "error")					\
	X(WARNING, "warning")					\
	X(INFO, "info")						\
	X(GOOD, "good")						\
	X(BAD, "bad")						\
	X(DIM, "dim")						\
	X(LINE, "line")						\
	X(LINENO, "lineno")

enum pa_review_style {
#define PA_X(id, name) PA_REVIEW_STYLE_##id,
	PA_REVIEW_STYLES(PA_X)
#undef PA_X
	PA_REVIEW_STYLE_COUNT
};

const char *pa_review_style_name(enum pa_review_style s);
/* -1 when unknown. */
int pa_review_style_parse(const char *name);
/* The style of a severity. */
enum pa_review_style pa_review_severity_style(enum pa_severity sev);

enum pa_review_row_kind {
	PA_REVIEW_ROW_TEXT,	/* nothing to open */
	PA_REVIEW_ROW_DOSSIER,	/* ref: dossier index */
	PA_REVIEW_ROW_FINDING,	/* ref: finding index in the dossier's results */
	PA_REVIEW_ROW_LINK	/* ref: a view-defined target */
};

struct pa_review_cell {
	char *text;		/* sanitised, one line */
	double key;		/* sort key when numeric */
	bool numeric;
	bool none;		/* "not known": sorts last */
	enum pa_review_style style;	/* NORMAL: the row's style */
};

struct pa_review_row {
	struct pa_review_cell *cells;
	size_t ncells;
	enum pa_review_style style;
	enum pa_review_row_kind kind;
	size_t ref;
	bool tagged;
};

struct pa_review_column {
	const char *name;
	unsigned min;		/* never narrower */
	unsigned max;		/* 0: as wide as the text; the last column takes the rest */
	bool right;		/* right-aligned (numbers) */
	bool shrink;		/* gives way before the others when the screen is narrow */
};

/* A page: what one view shows, with its cursor, sort, filter and search. */
struct pa_review_page {
	char *title;
	const struct pa_review_column *cols;	/* NULL: rows are lines of text */
	size_t ncols;
	struct pa_vec rows;	/* struct pa_review_row * (all of them) */
	size_t *visible;	/* indices into rows: filtered, in sort order */
	size_t nvisible;
	size_t cursor, top;	/* positions in visible */
	int sort_col;		/* -1: the builder's order */
	bool sort_desc;
	char *filter;		/* NULL: every row */
	char *search;		/* last search pattern, or NULL */
};

#define PA_REVIEW_NONE "\xe2\x80\x94"	/* U+2014, shown for "not known" */

void pa_review_page_init(struct pa_review_page *p);
void pa_review_page_dispose(struct pa_review_page *p);
/* Drop the rows (keeps sort, filter, search and the cursor's place). */
void pa_review_page_clear(struct pa_review_page *p);
int pa_review_page_title(struct pa_review_page *p, const char *fmt, ...) PA_PRINTF(2, 3);

/* Start a row; then add its cells.  The row pointer is valid until the next add. */
struct pa_review_row *pa_review_page_row(struct pa_review_page *p,
    enum pa_review_style style, enum pa_review_row_kind kind, size_t ref);
/* A text cell (sanitised; NULL or "" becomes PA_REVIEW_NONE and sorts last). */
int pa_review_row_text(struct pa_review_row *r, const char *text);
/* A numeric cell shown as text (NULL text: the number). */
int pa_review_row_num(struct pa_review_row *r, double key, const char *text);
/* A text cell with an explicit sort key. */
int pa_review_row_keyed(struct pa_review_row *r, const char *text, double key);
/* Give the row's last cell its own style. */
void pa_review_row_style(struct pa_review_row *r, enum pa_review_style style);
/* A line of text: one cell, formatted, sanitised. */
int pa_review_page_line(struct pa_review_page *p, enum pa_review_style style,
    const char *fmt, ...) PA_PRINTF(3, 4);
/*
 * Paragraph text wrapped at width columns (at least 20), each line
 * prefixed with indent spaces; text may hold newlines (kept as breaks).
 */
int pa_review_page_wrap(struct pa_review_page *p, enum pa_review_style style,
    size_t indent, const char *text, size_t width);

/*
 * Apply filter and sort to the rows (call after building or changing
 * either).  The cursor stays on the row it was on when that row is still
 * visible, else on the nearest position.  PA_ENOMEM.
 */
int pa_review_page_refresh(struct pa_review_page *p);
/* Set (copy) or clear (NULL or "") the filter and refresh. */
int pa_review_page_set_filter(struct pa_review_page *p, const char *pattern);
/* Sort by column col (-1: builder's order), descending or not, and refresh. */
int pa_review_page_sort(struct pa_review_page *p, int col, bool desc);
/* Sort by the next column (wrapping to the builder's order). */
int pa_review_page_sort_next(struct pa_review_page *p);
/* Column index by name (case-insensitive prefix), -1 if none. */
int pa_review_page_column(const struct pa_review_page *p, const char *name);

/* The visible row at position i (borrowed), or NULL. */
const struct pa_review_row *pa_review_page_visible(const struct pa_review_page *p, size_t i);
/* The visible position of the first row of kind kind, 0 when there is none. */
size_t pa_review_page_first(const struct pa_review_page *p, enum pa_review_row_kind kind);
/* The row under the cursor, or NULL when nothing is visible. */
const struct pa_review_row *pa_review_page_current(const struct pa_review_page *p);
/* Whether a row has a cell matching pattern (case-insensitive). */
bool pa_review_row_matches(const struct pa_review_row *r, const char *pattern);

/* Cursor motion in a window `height` rows tall; top follows the cursor. */
enum pa_review_move {
	PA_REVIEW_MOVE_UP, PA_REVIEW_MOVE_DOWN, PA_REVIEW_MOVE_PAGE_UP,
	PA_REVIEW_MOVE_PAGE_DOWN, PA_REVIEW_MOVE_FIRST, PA_REVIEW_MOVE_LAST
};
void pa_review_page_move(struct pa_review_page *p, enum pa_review_move m, size_t height);
/* Put the cursor at visible position i (clamped) and keep it on screen. */
void pa_review_page_goto(struct pa_review_page *p, size_t i, size_t height);
/* Keep top such that the cursor is within [top, top + height). */
void pa_review_page_scroll(struct pa_review_page *p, size_t height);
/*
 * Search from the row after (or before) the cursor, wrapping; moves the
 * cursor to the match.  Returns true if a row matched.  pattern NULL:
 * the last one.
 */
bool pa_review_page_search(struct pa_review_page *p, const char *pattern, bool forward,
    size_t height);

/*
 * Case-insensitive (ASCII) search of pattern in text from byte offset
 * from: true with the match's byte offset and length.
 */
bool pa_review_match(const char *text, size_t from, const char *pattern, size_t *off,
    size_t *len);
/*
 * Append s cut or padded to exactly width display columns ("…" marks a
 * cut); right-aligned when right.  s must be sanitised.
 */
void pa_review_fit(struct pa_buf *out, const char *s, size_t width, bool right);
/* GPU-hours in at most 5 columns: 1500, 99999, 250k, 1.5M, 25M. */
void pa_review_format_hours(struct pa_buf *out, double hours);
/* Bytes of s that fit in width columns. */
size_t pa_review_fit_bytes(const char *s, size_t width);
/*
 * Widths of the page's columns for a screen width columns wide: each
 * column as wide as its widest visible cell (or header) within [min, max],
 * one space between columns.  When that is too wide, the last column
 * gives way first, then the shrink columns, then the widest, each down to
 * its minimum; columns that still do not fit are given 0 from the right.
 * The last column shown takes what is left.  out has ncols entries.
 */
void pa_review_page_layout(const struct pa_review_page *p, size_t width, size_t *out);

/* --- the allocation plan on the model (model_plan.c) ---------------------- */

/* Give the call its policy (borrowed, must outlive the call; NULL: none). */
void pa_review_call_set_policy(struct pa_review_call *call, const struct pa_call_policy *policy);
/* Whether the call has a policy: the allocation view can be shown. */
bool pa_review_call_has_plan(const struct pa_review_call *call);
/*
 * Make the plan again from the call's audited dossiers (their results as
 * evaluated, before the ledger's waivers are put on them), the log's
 * trusted decisions and waivers (log NULL: nothing decided) and as_of, the
 * inputs `pactaudit allocate` reads.  The plan borrows log's decisions:
 * log must live until the next call or pa_review_call_dispose.  A dossier
 * without a ledger identity is known by its location.  0 (nothing done
 * without a policy) or PA_ENOMEM.
 */
int pa_review_call_plan(struct pa_review_call *call, const struct pa_ledger_log *log,
    const struct pa_date *as_of);
/* Drop the plan (keeps the policy). */
void pa_review_call_plan_clear(struct pa_review_call *call);

/* --- the ledger's records on the model (model_ledger.c) ------------------- */

/* Set the dossier's identity in the ledger (copied; waivers are matched with it). */
int pa_review_dossier_set_ledger_id(struct pa_review_dossier *d, const char *id);
/* Forget what the ledger said (before a reload): records, decision, waived statuses. */
void pa_review_dossier_clear_ledger(struct pa_review_dossier *d);
/* Add a record (copied: strings sanitised, the waiver duplicated).  0 or PA_ENOMEM. */
int pa_review_dossier_add_record(struct pa_review_dossier *d, const struct pa_review_record *r);
/*
 * Waive, on the results model, every waivable finding that a trusted
 * record waives and that has not expired at the results' as-of date; the
 * others get their status as evaluated back.  Verdicts and counts then
 * follow.  Returns how many findings the ledger waives, or PA_ENOMEM.
 */
int pa_review_dossier_apply_ledger(struct pa_review_dossier *d);
/*
 * The record that waives f: trusted, matching, not expired (NULL if none).
 * With expired, a trusted matching waiver that has expired instead; with
 * untrusted, a matching record that is not trusted.  Never a waiver of a
 * finding that cannot be waived (Art. 5).
 */
const struct pa_review_record *pa_review_finding_waiver(const struct pa_review_dossier *d,
    const struct pa_results_finding *f);
const struct pa_review_record *pa_review_finding_waiver_expired(
    const struct pa_review_dossier *d, const struct pa_results_finding *f);
const struct pa_review_record *pa_review_finding_waiver_untrusted(
    const struct pa_review_dossier *d, const struct pa_results_finding *f);
/* Records about the dossier that are not trusted. */
size_t pa_review_dossier_untrusted(const struct pa_review_dossier *d);
/*
 * The call view's decision cell: the trusted decision, else "untrusted"
 * when only untrusted records decide, else NULL; *style its look.
 */
const char *pa_review_dossier_decision_cell(const struct pa_review_dossier *d,
    enum pa_review_style *style);
/*
 * The dossiers an action applies to: with tagged, every tagged dossier
 * that was audited, in call order, else dossier `one` if it was audited.
 * Their indices go to out (room for pa_review_call_count() entries); returns how many.
 */
size_t pa_review_call_targets(const struct pa_review_call *call, bool tagged, size_t one,
    size_t *out);

#endif

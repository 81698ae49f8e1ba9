/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The review's actions and the one key table that binds them and writes the help (no curses). */
#ifndef PA_REVIEW_KEYS_H
#define PA_REVIEW_KEYS_H

#include <stdbool.h>
#include <stddef.h>

#include "util/buf.h"

/* Every action: id, name (for bind lines and ':'), help sentence. */
#define PA_REVIEW_ACTIONS(X)						\
	X(UP, "up", "move up one line")				\
	X(DOWN, "down", "move down one line")				\
	X(PAGE_UP, "page-up", "move up one screen")			\
	X(PAGE_DOWN, "page-down", "move down one screen")		\
	X(FIRST, "first", "go to the first line")			\
	X(LAST, "last", "go to the last line")				\
	X(OPEN, "open", "open the selected item")			\
	X(BACK, "back", "close this view; quit from the call")		\
	X(QUIT, "quit", "quit at once")					\
	X(SEARCH, "search", "search this view for a pattern")		\
	X(SEARCH_NEXT, "search-next", "go to the next match")		\
	X(SEARCH_PREV, "search-prev", "go to the previous match")	\
	X(SORT, "sort", "sort by the next column (:sort NAME picks one)") \
	X(SORT_REVERSE, "sort-reverse", "reverse the sort order")	\
	X(FILTER, "filter", "show only rows matching a pattern (empty: all)") \
	X(TAG, "tag", "tag or untag the selected dossier")		\
	X(TAG_PREFIX, "tag-prefix",					\
	    "apply the next action to every tagged dossier (; D decides them all)") \
	X(DECIDE, "decide", "record a signed decision on the dossier in the ledger") \
	X(WAIVE, "waive", "waive the selected finding in the ledger (signed)") \
	X(RELOAD, "reload", "read the ledger again (records by other auditors)") \
	X(ALLOCATION, "allocation",					\
	    "show the allocation plan in rank order (needs --policy FILE)") \
	X(HELP, "help", "show the keys and commands")			\
	X(COMMAND, "command", "type an action name (and argument)")	\
	X(REDRAW, "redraw", "redraw the screen")

enum pa_review_action {
	PA_REVIEW_ACTION_NONE = 0,
#define PA_X(id, name, help) PA_REVIEW_ACTION_##id,
	PA_REVIEW_ACTIONS(PA_X)
#undef PA_X
	PA_REVIEW_ACTION_COUNT
};

const char *pa_review_action_name(enum pa_review_action a);
const char *pa_review_action_help(enum pa_review_action a);
/* PA_REVIEW_ACTION_NONE when unknown. */
enum pa_review_action pa_review_action_parse(const char *name);

/*
 * Keys: a Unicode code point for a character key, PA_KEY_CTRL(c) for a
 * control key, and the values below for special keys (the driver maps the
 * terminal's codes onto them).
 */
#define PA_KEY_SPECIAL 0x110000
#define PA_KEY_CTRL(c) ((c) & 0x1f)
enum pa_key_special {
	PA_KEY_UP = PA_KEY_SPECIAL + 1, PA_KEY_DOWN, PA_KEY_LEFT, PA_KEY_RIGHT,
	PA_KEY_PGUP, PA_KEY_PGDN, PA_KEY_HOME, PA_KEY_END, PA_KEY_INSERT,
	PA_KEY_DELETE, PA_KEY_BACKSPACE, PA_KEY_F0
	/* PA_KEY_F0 + n for F1..F12 */
};
#define PA_KEY_ENTER '\r'
#define PA_KEY_ESC 0x1b
#define PA_KEY_TAB '\t'

/*
 * Parse a key name: a character ("j", "?", "é"), "C-x" or "^X", or one of
 * Up Down Left Right PgUp PgDn Home End Insert Delete Backspace Enter Esc
 * Tab Space F1..F12 (case-insensitive).  0 or PA_EINVALID.
 */
int pa_review_key_parse(int *out, const char *name);
/* The key's name as pa_review_key_parse reads it. */
void pa_review_key_name(struct pa_buf *out, int key);

struct pa_review_binding {
	int key;
	enum pa_review_action action;
};

/* A keymap: the default bindings, changed by the config file. */
struct pa_review_keymap {
	struct pa_review_binding *b;
	size_t count, alloc;
};

/* The default bindings (tig, mutt and htop habits). */
int pa_review_keymap_default(struct pa_review_keymap *km);
void pa_review_keymap_dispose(struct pa_review_keymap *km);
/* Bind key to action (replacing its binding); NONE unbinds.  0 or PA_ENOMEM. */
int pa_review_keymap_bind(struct pa_review_keymap *km, int key, enum pa_review_action a);
/* The action of a key, NONE when unbound. */
enum pa_review_action pa_review_keymap_lookup(const struct pa_review_keymap *km, int key);
/* "j, Down" for an action, in binding order; "" when unbound. */
void pa_review_keymap_keys(struct pa_buf *out, const struct pa_review_keymap *km,
    enum pa_review_action a);

#endif

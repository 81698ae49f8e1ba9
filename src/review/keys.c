/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The review's actions, key names and keymap: the one table behind bindings and help. */
#include "config.h"

#include "review/keys.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "util/alloc.h"
#include "util/text.h"

static const struct {
	const char *name, *help;
} actions[] = {
	{ "none", "" },
#define PA_X(id, name, help) { name, help },
	PA_REVIEW_ACTIONS(PA_X)
#undef PA_X
};
_Static_assert(sizeof(actions) / sizeof(actions[0]) == PA_REVIEW_ACTION_COUNT,
    "one entry per action");

const char *
pa_review_action_name(enum pa_review_action a)
{
	return (unsigned)a < PA_REVIEW_ACTION_COUNT ? actions[a].name : "none";
}

const char *
pa_review_action_help(enum pa_review_action a)
{
	return (unsigned)a < PA_REVIEW_ACTION_COUNT ? actions[a].help : "";
}

enum pa_review_action
pa_review_action_parse(const char *name)
{
	int i;

	for (i = 1; i < PA_REVIEW_ACTION_COUNT; i++)
		if (strcmp(name, actions[i].name) == 0)
			return (enum pa_review_action)i;
	return PA_REVIEW_ACTION_NONE;
}

static const struct {
	const char *name;
	int key;
} key_names[] = {
	{ "Up", PA_KEY_UP }, { "Down", PA_KEY_DOWN }, { "Left", PA_KEY_LEFT },
	{ "Right", PA_KEY_RIGHT }, { "PgUp", PA_KEY_PGUP }, { "PgDn", PA_KEY_PGDN },
	{ "Home", PA_KEY_HOME }, { "End", PA_KEY_END }, { "Insert", PA_KEY_INSERT },
	{ "Delete", PA_KEY_DELETE }, { "Backspace", PA_KEY_BACKSPACE },
	{ "Enter", PA_KEY_ENTER }, { "Esc", PA_KEY_ESC }, { "Tab", PA_KEY_TAB },
	{ "Space", ' ' }, { "PageUp", PA_KEY_PGUP }, { "PageDown", PA_KEY_PGDN },
	{ "Return", PA_KEY_ENTER },
};

int
pa_review_key_parse(int *out, const char *name)
{
	size_t i, n = strlen(name);
	unsigned int cp;
	char *end;
	long f;

	for (i = 0; i < sizeof(key_names) / sizeof(key_names[0]); i++) {
		if (strcasecmp(name, key_names[i].name) == 0) {
			*out = key_names[i].key;
			return 0;
		}
	}
	if ((name[0] == 'F' || name[0] == 'f') && n >= 2 && n <= 3 &&
	    name[1] >= '1' && name[1] <= '9') {
		f = strtol(name + 1, &end, 10);
		if (*end == '\0' && f >= 1 && f <= 12) {
			*out = PA_KEY_F0 + (int)f;
			return 0;
		}
	}
	if (n == 3 && (name[0] == 'C' || name[0] == 'c') && name[1] == '-' &&
	    ((name[2] >= 'a' && name[2] <= 'z') || (name[2] >= 'A' && name[2] <= 'Z'))) {
		*out = PA_KEY_CTRL(name[2]);
		return 0;
	}
	if (n == 2 && name[0] == '^' && name[1] >= '@' && name[1] <= '_') {
		*out = PA_KEY_CTRL(name[1]);
		return 0;
	}
	if (n > 0 && pa_text_utf8_decode((const unsigned char *)name, n, &cp) == n &&
	    cp != 0x20 && !pa_text_is_unsafe(cp)) {
		*out = (int)cp;
		return 0;
	}
	return pa_error_setc(PA_EINVALID, PA_ERRCLASS_USAGE, "unknown key '%s'", name);
}

void
pa_review_key_name(struct pa_buf *out, int key)
{
	size_t i;

	for (i = 0; i < sizeof(key_names) / sizeof(key_names[0]); i++) {
		if (key_names[i].key == key) {
			pa_buf_puts(out, key_names[i].name);
			return;
		}
	}
	if (key > PA_KEY_F0 && key <= PA_KEY_F0 + 12) {
		pa_buf_printf(out, "F%d", key - PA_KEY_F0);
	} else if (key >= 0 && key < 0x20) {
		pa_buf_printf(out, "C-%c", key + 'a' - 1);
	} else if (key >= 0x20 && key < 0x80) {
		pa_buf_putc(out, (char)key);
	} else if (key >= 0x80 && key < PA_KEY_SPECIAL) {
		unsigned int c = (unsigned int)key;

		if (c < 0x800) {
			pa_buf_putc(out, (char)(0xc0 | (c >> 6)));
		} else if (c < 0x10000) {
			pa_buf_putc(out, (char)(0xe0 | (c >> 12)));
			pa_buf_putc(out, (char)(0x80 | ((c >> 6) & 0x3f)));
		} else {
			pa_buf_putc(out, (char)(0xf0 | (c >> 18)));
			pa_buf_putc(out, (char)(0x80 | ((c >> 12) & 0x3f)));
			pa_buf_putc(out, (char)(0x80 | ((c >> 6) & 0x3f)));
		}
		pa_buf_putc(out, (char)(0x80 | (c & 0x3f)));
	} else {
		pa_buf_printf(out, "key-%d", key);
	}
}

/* The default key table, the one place that says which key does what. */
static const struct {
	const char *key;
	enum pa_review_action action;
} defaults[] = {
	{ "Up", PA_REVIEW_ACTION_UP }, { "k", PA_REVIEW_ACTION_UP },
	{ "Down", PA_REVIEW_ACTION_DOWN }, { "j", PA_REVIEW_ACTION_DOWN },
	{ "PgUp", PA_REVIEW_ACTION_PAGE_UP }, { "C-b", PA_REVIEW_ACTION_PAGE_UP },
	{ "PgDn", PA_REVIEW_ACTION_PAGE_DOWN }, { "C-f", PA_REVIEW_ACTION_PAGE_DOWN },
	{ "Space", PA_REVIEW_ACTION_PAGE_DOWN },
	{ "g", PA_REVIEW_ACTION_FIRST }, { "Home", PA_REVIEW_ACTION_FIRST },
	{ "G", PA_REVIEW_ACTION_LAST }, { "End", PA_REVIEW_ACTION_LAST },
	{ "Enter", PA_REVIEW_ACTION_OPEN }, { "Right", PA_REVIEW_ACTION_OPEN },
	{ "l", PA_REVIEW_ACTION_OPEN },
	{ "q", PA_REVIEW_ACTION_BACK }, { "Left", PA_REVIEW_ACTION_BACK },
	{ "h", PA_REVIEW_ACTION_BACK },
	{ "Q", PA_REVIEW_ACTION_QUIT },
	{ "/", PA_REVIEW_ACTION_SEARCH }, { "n", PA_REVIEW_ACTION_SEARCH_NEXT },
	{ "N", PA_REVIEW_ACTION_SEARCH_PREV },
	{ "s", PA_REVIEW_ACTION_SORT }, { "S", PA_REVIEW_ACTION_SORT_REVERSE },
	{ "f", PA_REVIEW_ACTION_FILTER },
	{ "t", PA_REVIEW_ACTION_TAG }, { ";", PA_REVIEW_ACTION_TAG_PREFIX },
	{ "D", PA_REVIEW_ACTION_DECIDE }, { "W", PA_REVIEW_ACTION_WAIVE },
	{ "R", PA_REVIEW_ACTION_RELOAD }, { "A", PA_REVIEW_ACTION_ALLOCATION },
	{ "?", PA_REVIEW_ACTION_HELP }, { "F1", PA_REVIEW_ACTION_HELP },
	{ ":", PA_REVIEW_ACTION_COMMAND },
	{ "C-l", PA_REVIEW_ACTION_REDRAW },
};

int
pa_review_keymap_default(struct pa_review_keymap *km)
{
	size_t i;
	int key, error;

	memset(km, 0, sizeof(*km));
	for (i = 0; i < sizeof(defaults) / sizeof(defaults[0]); i++) {
		if (pa_review_key_parse(&key, defaults[i].key) < 0)
			abort();	/* the table above is wrong */
		if ((error = pa_review_keymap_bind(km, key, defaults[i].action)) < 0)
			return error;
	}
	return 0;
}

void
pa_review_keymap_dispose(struct pa_review_keymap *km)
{
	free(km->b);
	memset(km, 0, sizeof(*km));
}

int
pa_review_keymap_bind(struct pa_review_keymap *km, int key, enum pa_review_action a)
{
	struct pa_review_binding *nb;
	size_t i;

	for (i = 0; i < km->count; i++) {
		if (km->b[i].key == key) {
			if (a == PA_REVIEW_ACTION_NONE) {
				memmove(&km->b[i], &km->b[i + 1],
				    (km->count - i - 1) * sizeof(*km->b));
				km->count--;
			} else {
				km->b[i].action = a;
			}
			return 0;
		}
	}
	if (a == PA_REVIEW_ACTION_NONE)
		return 0;
	if (km->count == km->alloc) {
		size_t n = km->alloc ? km->alloc * 2 : 32;

		if ((nb = pa_reallocarray(km->b, n, sizeof(*nb))) == NULL)
			return PA_ENOMEM;
		km->b = nb;
		km->alloc = n;
	}
	km->b[km->count].key = key;
	km->b[km->count].action = a;
	km->count++;
	return 0;
}

enum pa_review_action
pa_review_keymap_lookup(const struct pa_review_keymap *km, int key)
{
	size_t i;

	for (i = 0; i < km->count; i++)
		if (km->b[i].key == key)
			return km->b[i].action;
	return PA_REVIEW_ACTION_NONE;
}

void
pa_review_keymap_keys(struct pa_buf *out, const struct pa_review_keymap *km,
    enum pa_review_action a)
{
	size_t i;
	bool first = true;

	for (i = 0; i < km->count; i++) {
		if (km->b[i].action != a)
			continue;
		if (!first)
			pa_buf_puts(out, ", ");
		pa_review_key_name(out, km->b[i].key);
		first = false;
	}
}

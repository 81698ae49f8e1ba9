/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The review's config file: bind and color lines over the defaults; file:line errors, the rest still applies. */
#include "config.h"

#include "review/config.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "util/alloc.h"
#include "util/file.h"
#include "util/text.h"

#define CONFIG_MAX_SIZE (256u * 1024)	/* bytes of review.conf */
#define CONFIG_MAX_WORDS 8

static const struct pa_review_color default_colors[PA_REVIEW_STYLE_COUNT] = {
	[PA_REVIEW_STYLE_NORMAL] = { -1, -1, 0 },
	[PA_REVIEW_STYLE_TITLE] = { 7, 4, PA_REVIEW_ATTR_BOLD },
	[PA_REVIEW_STYLE_STATUS] = { 7, 4, 0 },
	[PA_REVIEW_STYLE_HEADER] = { -1, -1, PA_REVIEW_ATTR_BOLD | PA_REVIEW_ATTR_UNDERLINE },
	[PA_REVIEW_STYLE_CURSOR] = { -1, -1, PA_REVIEW_ATTR_REVERSE },
	[PA_REVIEW_STYLE_MATCH] = { 0, 3, PA_REVIEW_ATTR_BOLD | PA_REVIEW_ATTR_UNDERLINE },
	[PA_REVIEW_STYLE_TAGGED] = { 6, -1, PA_REVIEW_ATTR_BOLD },
	[PA_REVIEW_STYLE_HEADING] = { 4, -1, PA_REVIEW_ATTR_BOLD },
	[PA_REVIEW_STYLE_BLOCKER] = { 1, -1, PA_REVIEW_ATTR_BOLD },
	[PA_REVIEW_STYLE_ERROR] = { 1, -1, 0 },
	[PA_REVIEW_STYLE_WARNING] = { 3, -1, 0 },
	[PA_REVIEW_STYLE_INFO] = { -1, -1, 0 },
	[PA_REVIEW_STYLE_GOOD] = { 2, -1, 0 },
	[PA_REVIEW_STYLE_BAD] = { 1, -1, PA_REVIEW_ATTR_BOLD },
	[PA_REVIEW_STYLE_DIM] = { -1, -1, PA_REVIEW_ATTR_DIM },
	[PA_REVIEW_STYLE_LINE] = { 0, 3, PA_REVIEW_ATTR_BOLD },
	[PA_REVIEW_STYLE_LINENO] = { 6, -1, 0 },
};

static const char *const color_names[] = {
	"black", "red", "green", "yellow", "blue", "magenta", "cyan", "white"
};

static const struct {
	const char *name;
	unsigned bit;
} attr_names[] = {
	{ "normal", 0 }, { "bold", PA_REVIEW_ATTR_BOLD },
	{ "underline", PA_REVIEW_ATTR_UNDERLINE }, { "reverse", PA_REVIEW_ATTR_REVERSE },
	{ "dim", PA_REVIEW_ATTR_DIM }, { "standout", PA_REVIEW_ATTR_STANDOUT },
};

int
pa_review_config_default(struct pa_review_config *cfg)
{
	memset(cfg, 0, sizeof(*cfg));
	memcpy(cfg->colors, default_colors, sizeof(default_colors));
	return pa_review_keymap_default(&cfg->keys);
}

void
pa_review_config_dispose(struct pa_review_config *cfg)
{
	pa_review_keymap_dispose(&cfg->keys);
	pa_vec_dispose(&cfg->errors, free);
}

static int
add_error(struct pa_review_config *cfg, const char *label, size_t line, const char *fmt,
    const char *arg)
{
	struct pa_buf raw = PA_BUF_INIT, b = PA_BUF_INIT;
	const char *pct = strstr(fmt, "%s");
	char *s;
	int error;

	pa_buf_printf(&raw, "%s:%zu: ", label, line);
	/* fmt holds at most one %s, replaced by arg */
	if (pct != NULL) {
		pa_buf_put(&raw, fmt, (size_t)(pct - fmt));
		pa_buf_puts(&raw, arg);
		pa_buf_puts(&raw, pct + 2);
	} else {
		pa_buf_puts(&raw, fmt);
	}
	pa_text_sanitize(&b, raw.ptr, raw.size, PA_TEXT_ONELINE);
	pa_buf_dispose(&raw);
	if ((s = pa_buf_detach(&b)) == NULL)
		error = PA_ENOMEM;
	else if ((error = pa_vec_push(&cfg->errors, s)) < 0)
		free(s);
	pa_buf_dispose(&b);
	return error;
}

static bool
parse_color(short *out, const char *s)
{
	char *end;
	long n;
	size_t i;

	if (strcasecmp(s, "default") == 0) {
		*out = -1;
		return true;
	}
	for (i = 0; i < sizeof(color_names) / sizeof(color_names[0]); i++) {
		if (strcasecmp(s, color_names[i]) == 0) {
			*out = (short)i;
			return true;
		}
	}
	n = strtol(s, &end, 10);
	if (*s != '\0' && *end == '\0' && n >= 0 && n <= 255) {
		*out = (short)n;
		return true;
	}
	return false;
}

static bool
parse_attr(unsigned *attrs, const char *s)
{
	size_t i;

	for (i = 0; i < sizeof(attr_names) / sizeof(attr_names[0]); i++) {
		if (strcasecmp(s, attr_names[i].name) == 0) {
			*attrs |= attr_names[i].bit;
			return true;
		}
	}
	return false;
}

/* One line split into words (in place); returns 0, or an error message. */
static const char *
apply_line(struct pa_review_config *cfg, char **w, size_t n, const char **arg)
{
	struct pa_review_color c = { -1, -1, 0 };
	enum pa_review_action a;
	size_t i;
	int key, style;

	*arg = NULL;
	if (strcmp(w[0], "bind") == 0) {
		if (n != 3)
			return "bind takes a key and an action";
		if (pa_review_key_parse(&key, w[1]) < 0) {
			pa_error_clear();
			*arg = w[1];
			return "unknown key '%s'";
		}
		a = pa_review_action_parse(w[2]);
		if (a == PA_REVIEW_ACTION_NONE && strcmp(w[2], "none") != 0) {
			*arg = w[2];
			return "unknown action '%s'";
		}
		if (pa_review_keymap_bind(&cfg->keys, key, a) < 0)
			return "out of memory";
		return NULL;
	}
	if (strcmp(w[0], "color") == 0 || strcmp(w[0], "colour") == 0) {
		if (n < 3)
			return "color takes a style, a foreground and optionally a background and attributes";
		if ((style = pa_review_style_parse(w[1])) < 0) {
			*arg = w[1];
			return "unknown style '%s'";
		}
		if (!parse_color(&c.fg, w[2])) {
			*arg = w[2];
			return "unknown colour '%s'";
		}
		i = 3;
		if (n > 3 && parse_color(&c.bg, w[3]))
			i = 4;
		for (; i < n; i++) {
			if (!parse_attr(&c.attrs, w[i])) {
				*arg = w[i];
				return "unknown colour or attribute '%s'";
			}
		}
		cfg->colors[style] = c;
		return NULL;
	}
	*arg = w[0];
	return "unknown command '%s' (bind or color)";
}

int
pa_review_config_parse(struct pa_review_config *cfg, const char *label, const char *text,
    size_t len)
{
	struct pa_buf line = PA_BUF_INIT;
	const char *p = text, *end = text + len, *nl, *msg, *arg;
	char *w[CONFIG_MAX_WORDS + 1], *s;
	size_t lineno = 0, n;
	int error = 0;

	while (error == 0 && p < end) {
		lineno++;
		nl = memchr(p, '\n', (size_t)(end - p));
		if (nl == NULL)
			nl = end;
		pa_buf_clear(&line);
		pa_buf_put(&line, p, (size_t)(nl - p));
		p = nl + 1;
		if (pa_buf_oom(&line)) {
			error = PA_ENOMEM;
			break;
		}
		if (memchr(line.ptr, '\0', line.size) != NULL ||
		    !pa_text_is_utf8(line.ptr, line.size)) {
			error = add_error(cfg, label, lineno, "not UTF-8 text", "");
			continue;
		}
		/* split at blanks; '#' starts a comment at the start of a word */
		n = 0;
		for (s = line.ptr; *s != '\0';) {
			while (*s == ' ' || *s == '\t' || *s == '\r')
				*s++ = '\0';
			if (*s == '\0' || *s == '#')
				break;
			if (n == CONFIG_MAX_WORDS) {
				n++;
				break;
			}
			w[n++] = s;
			while (*s != '\0' && *s != ' ' && *s != '\t' && *s != '\r')
				s++;
		}
		if (n == 0)
			continue;
		if (n > CONFIG_MAX_WORDS) {
			error = add_error(cfg, label, lineno, "too many words", "");
			continue;
		}
		if ((msg = apply_line(cfg, w, n, &arg)) != NULL)
			error = add_error(cfg, label, lineno, msg, arg ? arg : "");
	}
	pa_buf_dispose(&line);
	return error;
}

bool
pa_review_config_path(struct pa_buf *out)
{
	const char *xdg = getenv("XDG_CONFIG_HOME"), *home = getenv("HOME");

	/* XDG: a relative XDG_CONFIG_HOME is invalid and ignored */
	if (xdg != NULL && xdg[0] == '/')
		pa_buf_printf(out, "%s/pactaudit/review.conf", xdg);
	else if (home != NULL && home[0] == '/')
		pa_buf_printf(out, "%s/.config/pactaudit/review.conf", home);
	else
		return false;
	return !pa_buf_oom(out);
}

int
pa_review_config_load(struct pa_review_config *cfg)
{
	struct pa_buf path = PA_BUF_INIT, text = PA_BUF_INIT;
	int error = 0;

	if (!pa_review_config_path(&path))
		goto done;
	error = pa_file_read(&text, path.ptr, CONFIG_MAX_SIZE, 0);
	if (error == PA_ENOTFOUND) {
		pa_error_clear();
		error = 0;
		goto done;
	}
	if (error == 0)
		error = pa_review_config_parse(cfg, path.ptr, text.ptr, text.size);
done:
	pa_buf_dispose(&text);
	pa_buf_dispose(&path);
	return error;
}

bool
pa_review_config_want_color(bool terminal_has_colors)
{
	const char *nc = getenv("NO_COLOR");

	return terminal_has_colors && (nc == NULL || nc[0] == '\0');
}

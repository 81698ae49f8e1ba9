/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The review's settings: key bindings and colours, defaults and the config file (no curses). */
#ifndef PA_REVIEW_CONFIG_H
#define PA_REVIEW_CONFIG_H

#include <stdbool.h>
#include <stddef.h>

#include "review/keys.h"
#include "review/model.h"
#include "util/buf.h"
#include "util/vec.h"

enum pa_review_attr {
	PA_REVIEW_ATTR_BOLD = 1,
	PA_REVIEW_ATTR_UNDERLINE = 2,
	PA_REVIEW_ATTR_REVERSE = 4,
	PA_REVIEW_ATTR_DIM = 8,
	PA_REVIEW_ATTR_STANDOUT = 16
};

/* Colour numbers: -1 the terminal's default, 0..7 the named ones, up to 255. */
struct pa_review_color {
	short fg, bg;
	unsigned attrs;		/* also used alone on a monochrome screen */
};

struct pa_review_config {
	struct pa_review_keymap keys;
	struct pa_review_color colors[PA_REVIEW_STYLE_COUNT];
	struct pa_vec errors;	/* char *: "file:line: message" for each bad line */
};

/* Default bindings and colours.  0 or PA_ENOMEM. */
int pa_review_config_default(struct pa_review_config *cfg);
void pa_review_config_dispose(struct pa_review_config *cfg);

/*
 * Apply a config text (label names it in messages).  Lines:
 *   # a comment
 *   bind KEY ACTION          (ACTION "none" removes the binding)
 *   color STYLE FG [BG] [ATTR...]
 * Colours are default, black, red, green, yellow, blue, magenta, cyan,
 * white or 0..255; ATTR is bold, underline, reverse, dim, standout or
 * normal.  A bad line is recorded in cfg->errors and skipped; the others
 * still apply.  < 0 only for PA_ENOMEM.
 */
int pa_review_config_parse(struct pa_review_config *cfg, const char *label,
    const char *text, size_t len);

/*
 * The config file's path: $XDG_CONFIG_HOME/pactaudit/review.conf, else
 * $HOME/.config/pactaudit/review.conf; false when neither is set.
 */
bool pa_review_config_path(struct pa_buf *out);
/* Read and apply the config file when it exists.  < 0 if it exists but cannot be read. */
int pa_review_config_load(struct pa_review_config *cfg);

/* Whether to use colour: the terminal has it and NO_COLOR is unset or empty. */
bool pa_review_config_want_color(bool terminal_has_colors);

#endif

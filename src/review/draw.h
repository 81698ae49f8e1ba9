/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The review's only curses output: bars, pages and prompts, every string sanitised on the way out. */
#ifndef PA_REVIEW_DRAW_H
#define PA_REVIEW_DRAW_H

#include <stdbool.h>
#include <stddef.h>

#include "review/config.h"
#include "review/model.h"

/* Set up colour pairs (when color) for the configured styles. */
void pa_review_draw_setup(const struct pa_review_config *cfg, bool color);
/* Clear the whole screen for the next frame. */
void pa_review_draw_clear(void);
/* A bar across the screen at row y in a style (title and status lines). */
void pa_review_draw_bar(int y, enum pa_review_style style, const char *left, const char *right);
/*
 * The page's visible rows from page->top in rows [y, y + height) of a
 * screen width columns wide, the cursor row marked, matches of the page's
 * filter or search highlighted; tag_column adds a tag mark in front.
 * For a page with columns, a header line comes first (y) with the sort
 * column marked.
 */
void pa_review_draw_page(const struct pa_review_page *page, int y, int height, int width,
    bool tag_column);
/* The bottom line: a message, or a prompt with its input (cursor left there). */
void pa_review_draw_message(int y, const char *msg, bool error);
void pa_review_draw_prompt(int y, const char *label, const char *input);
/* Centred text in the middle of the screen (progress while opening the call). */
void pa_review_draw_center(const char *line1, const char *line2);
/* Show the frame. */
void pa_review_draw_flush(void);

#endif

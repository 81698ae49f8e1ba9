/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Text safety: UTF-8 validation and making dossier strings safe to display. */
#ifndef PA_UTIL_TEXT_H
#define PA_UTIL_TEXT_H

#include <stdbool.h>
#include <stddef.h>

#include "util/buf.h"

enum pa_text_flags {
	PA_TEXT_ONELINE = 0,	/* \n, \r and \t are escaped too */
	PA_TEXT_KEEP_NL = 1,	/* keep \n and \t (multi-line text); \r is escaped */
};

/*
 * Append `data` to `out` made safe for a terminal, curses window, report or
 * log: valid printable UTF-8 passes through; C0/C1 controls, DEL, Unicode
 * BiDi controls (U+202A-202E, U+2066-2069, U+200E/F, U+061C) and invalid
 * bytes become visible escapes (\x1b, \u202e).  Returns 0 or PA_ENOMEM.
 */
int pa_text_sanitize(struct pa_buf *out, const char *data, size_t len, int flags);
/* Same into a fixed buffer, truncating (always NUL-terminated). */
void pa_text_sanitize_into(char *dst, size_t dstsize, const char *data, size_t len);
/* Newly allocated sanitised one-line copy (free()), or NULL on OOM. */
char *pa_text_sanitize_dup(const char *s);

/*
 * Append `data` to `out` made legal as XML 1.0 character data: invalid
 * UTF-8 and characters XML forbids (most C0 controls, U+FFFE/FFFF) become
 * the same visible escapes; everything else, including \n and \t, is kept.
 * *changed (if not NULL) is set when anything was replaced.
 */
int pa_text_xml_clean(struct pa_buf *out, const char *data, size_t len, bool *changed);

/*
 * The one table of code points that must not reach a screen as they are:
 * C0 controls, DEL, C1 controls and the BiDi controls listed above.
 */
bool pa_text_is_unsafe(unsigned int cp);

/* Decode one UTF-8 sequence at s (n bytes available); returns its length, or 0 if invalid. */
size_t pa_text_utf8_decode(const unsigned char *s, size_t n, unsigned int *cp);
bool pa_text_is_utf8(const char *data, size_t len);
/* Display columns a sanitised UTF-8 string takes (wcwidth per code point; >= 0). */
size_t pa_text_width(const char *s);

/*
 * The candidate nearest to word when it looks like a typo of it (a few
 * insertions, deletions, substitutions or swaps of neighbours), else NULL:
 * for "did you mean" hints.
 */
const char *pa_text_closest(const char *word, const char *const *candidates, size_t count);

#endif

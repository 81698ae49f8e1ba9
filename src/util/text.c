/* SPDX-License-Identifier: GPL-3.0-or-later */
/* One place that turns hostile bytes into visible, harmless text. */
#include "config.h"

#include "util/text.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include "util/alloc.h"

size_t
pa_text_utf8_decode(const unsigned char *s, size_t n, unsigned int *cp)
{
	unsigned int c;
	size_t len, i;

	if (n == 0)
		return 0;
	if (s[0] < 0x80) {
		*cp = s[0];
		return 1;
	} else if ((s[0] & 0xe0) == 0xc0) {
		len = 2;
		c = s[0] & 0x1f;
	} else if ((s[0] & 0xf0) == 0xe0) {
		len = 3;
		c = s[0] & 0x0f;
	} else if ((s[0] & 0xf8) == 0xf0) {
		len = 4;
		c = s[0] & 0x07;
	} else {
		return 0;
	}
	if (len > n)
		return 0;
	for (i = 1; i < len; i++) {
		if ((s[i] & 0xc0) != 0x80)
			return 0;
		c = (c << 6) | (s[i] & 0x3f);
	}
	/* overlong forms, surrogates, out of range */
	if ((len == 2 && c < 0x80) || (len == 3 && c < 0x800) ||
	    (len == 4 && c < 0x10000) || c > 0x10ffff ||
	    (c >= 0xd800 && c <= 0xdfff))
		return 0;
	*cp = c;
	return len;
}

bool
pa_text_is_utf8(const char *data, size_t len)
{
	const unsigned char *s = (const unsigned char *)data;
	unsigned int cp;
	size_t i = 0, n;

	while (i < len) {
		if ((n = pa_text_utf8_decode(s + i, len - i, &cp)) == 0)
			return false;
		i += n;
	}
	return true;
}

bool
pa_text_is_unsafe(unsigned int cp)
{
	return cp < 0x20 || cp == 0x7f || (cp >= 0x80 && cp < 0xa0) ||
	    (cp >= 0x202a && cp <= 0x202e) || (cp >= 0x2066 && cp <= 0x2069) ||
	    cp == 0x200e || cp == 0x200f || cp == 0x061c;
}

static int
put_escape(struct pa_buf *out, unsigned int cp, bool byte)
{
	if (byte || cp < 0x100)
		return pa_buf_printf(out, "\\x%02x", cp);
	return pa_buf_printf(out, "\\u%04x", cp);
}

int
pa_text_sanitize(struct pa_buf *out, const char *data, size_t len, int flags)
{
	const unsigned char *s = (const unsigned char *)data;
	size_t i = 0, n, run = 0;
	unsigned int cp;
	int error = 0;

	while (i < len) {
		n = pa_text_utf8_decode(s + i, len - i, &cp);
		if (n == 0) {
			if ((error = pa_buf_put(out, data + run, i - run)) < 0 ||
			    (error = put_escape(out, s[i], true)) < 0)
				return error;
			i++;
			run = i;
			continue;
		}
		if ((flags & PA_TEXT_KEEP_NL) && (cp == '\n' || cp == '\t')) {
			i += n;
			continue;
		}
		if (pa_text_is_unsafe(cp)) {
			if ((error = pa_buf_put(out, data + run, i - run)) < 0)
				return error;
			if (cp == '\n')
				error = pa_buf_puts(out, "\\n");
			else if (cp == '\t')
				error = pa_buf_puts(out, "\\t");
			else if (cp == '\r')
				error = pa_buf_puts(out, "\\r");
			else
				error = put_escape(out, cp, false);
			if (error < 0)
				return error;
			i += n;
			run = i;
			continue;
		}
		i += n;
	}
	return pa_buf_put(out, data + run, i - run);
}

void
pa_text_sanitize_into(char *dst, size_t dstsize, const char *data, size_t len)
{
	struct pa_buf b = PA_BUF_INIT;
	size_t n;

	if (dstsize == 0)
		return;
	if (pa_text_sanitize(&b, data, len, PA_TEXT_ONELINE) < 0) {
		snprintf(dst, dstsize, "%s", "(message lost: out of memory)");
		pa_buf_dispose(&b);
		return;
	}
	n = b.size < dstsize - 1 ? b.size : dstsize - 1;
	/* do not cut a UTF-8 sequence in half */
	while (n > 0 && n < b.size && ((unsigned char)b.ptr[n] & 0xc0) == 0x80)
		n--;
	memcpy(dst, b.ptr, n);
	dst[n] = '\0';
	pa_buf_dispose(&b);
}

char *
pa_text_sanitize_dup(const char *s)
{
	struct pa_buf b = PA_BUF_INIT;

	if (pa_text_sanitize(&b, s, strlen(s), PA_TEXT_ONELINE) < 0) {
		pa_buf_dispose(&b);
		return NULL;
	}
	return pa_buf_detach(&b);
}

static bool
xml_char_ok(unsigned int cp)
{
	return cp == 0x9 || cp == 0xa || cp == 0xd ||
	    (cp >= 0x20 && cp <= 0xd7ff) || (cp >= 0xe000 && cp <= 0xfffd) ||
	    (cp >= 0x10000 && cp <= 0x10ffff);
}

int
pa_text_xml_clean(struct pa_buf *out, const char *data, size_t len, bool *changed)
{
	const unsigned char *s = (const unsigned char *)data;
	size_t i = 0, n, run = 0;
	unsigned int cp;
	int error;

	if (changed != NULL)
		*changed = false;
	while (i < len) {
		n = pa_text_utf8_decode(s + i, len - i, &cp);
		if (n != 0 && xml_char_ok(cp)) {
			i += n;
			continue;
		}
		if ((error = pa_buf_put(out, data + run, i - run)) < 0 ||
		    (error = put_escape(out, n ? cp : s[i], n == 0)) < 0)
			return error;
		if (changed != NULL)
			*changed = true;
		i += n ? n : 1;
		run = i;
	}
	return pa_buf_put(out, data + run, i - run);
}

size_t
pa_text_width(const char *str)
{
	const unsigned char *s = (const unsigned char *)str;
	size_t len = strlen(str), i = 0, n, w = 0;
	unsigned int cp;
	int cw;

	while (i < len) {
		if ((n = pa_text_utf8_decode(s + i, len - i, &cp)) == 0) {
			w++;
			i++;
			continue;
		}
		cw = wcwidth((wchar_t)cp);
		w += cw > 0 ? (size_t)cw : 0;
		i += n;
	}
	return w;
}

/* Optimal string alignment distance of a and b (bytes), at most cap + 1. */
static size_t
edit_distance(const char *a, const char *b, size_t cap)
{
	size_t la = strlen(a), lb = strlen(b), i, j, best;
	size_t *block, *prev2, *prev, *cur, *t, cost, v;

	if (la > 64 || lb > 64)
		return cap + 1;
	if ((la > lb ? la - lb : lb - la) > cap)
		return cap + 1;
	if ((block = calloc(3 * (lb + 1), sizeof(size_t))) == NULL)
		return cap + 1;
	prev2 = block;
	prev = prev2 + lb + 1;
	cur = prev + lb + 1;
	for (j = 0; j <= lb; j++)
		prev[j] = j;
	for (i = 1; i <= la; i++) {
		cur[0] = i;
		best = cur[0];
		for (j = 1; j <= lb; j++) {
			cost = a[i - 1] == b[j - 1] ? 0 : 1;
			v = prev[j] + 1;
			if (cur[j - 1] + 1 < v)
				v = cur[j - 1] + 1;
			if (prev[j - 1] + cost < v)
				v = prev[j - 1] + cost;
			if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] &&
			    prev2[j - 2] + 1 < v)
				v = prev2[j - 2] + 1;
			cur[j] = v;
			if (v < best)
				best = v;
		}
		if (best > cap) {
			free(block);
			return cap + 1;
		}
		t = prev2;
		prev2 = prev;
		prev = cur;
		cur = t;
	}
	v = prev[lb];
	free(block);
	return v;
}

const char *
pa_text_closest(const char *word, const char *const *candidates, size_t count)
{
	size_t i, d, cap, best = (size_t)-1;
	const char *pick = NULL;

	if (word == NULL || *word == '\0')
		return NULL;
	/* a typo: one edit in a short word, up to a third of a longer one */
	cap = strlen(word) / 3;
	if (cap < 1)
		cap = 1;
	if (cap > 3)
		cap = 3;
	for (i = 0; i < count; i++) {
		if (candidates[i] == NULL)
			continue;
		d = edit_distance(word, candidates[i], cap);
		if (d <= cap && d < best) {
			best = d;
			pick = candidates[i];
		}
	}
	return pick;
}

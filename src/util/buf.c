/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Growable buffer with sticky out-of-memory state. */
#include "config.h"

#include "util/buf.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/alloc.h"

const char pa_buf_empty[1] = "";

void
pa_buf_init(struct pa_buf *b)
{
	b->ptr = (char *)pa_buf_empty;
	b->size = 0;
	b->asize = 0;
	b->oom = false;
}

static int
grow(struct pa_buf *b, size_t need)
{
	size_t want, newsize;
	char *p;

	if (b->oom)
		return PA_ENOMEM;
	if (!pa_size_add(&want, b->size, need) || !pa_size_add(&want, want, 1))
		goto fail;
	if (want <= b->asize)
		return 0;
	newsize = b->asize ? b->asize : 64;
	while (newsize < want) {
		if (!pa_size_mul(&newsize, newsize, 2))
			goto fail;
	}
	p = realloc(b->asize ? b->ptr : NULL, newsize);
	if (p == NULL)
		goto fail;
	if (b->asize == 0)
		p[0] = '\0';
	b->ptr = p;
	b->asize = newsize;
	return 0;
fail:
	b->oom = true;
	return pa_error_oom();
}

int
pa_buf_put(struct pa_buf *b, const char *data, size_t len)
{
	int error;

	if ((error = grow(b, len)) < 0)
		return error;
	if (len)
		memcpy(b->ptr + b->size, data, len);
	b->size += len;
	b->ptr[b->size] = '\0';
	return 0;
}

int
pa_buf_puts(struct pa_buf *b, const char *s)
{
	return pa_buf_put(b, s, strlen(s));
}

int
pa_buf_putc(struct pa_buf *b, char c)
{
	return pa_buf_put(b, &c, 1);
}

int
pa_buf_vprintf(struct pa_buf *b, const char *fmt, va_list ap)
{
	va_list cp;
	int n, error;

	va_copy(cp, ap);
	n = vsnprintf(NULL, 0, fmt, cp);
	va_end(cp);
	if (n < 0)
		return pa_error_set(PA_ERRCLASS_INTERNAL, "bad format string");
	if ((error = grow(b, (size_t)n)) < 0)
		return error;
	vsnprintf(b->ptr + b->size, (size_t)n + 1, fmt, ap);
	b->size += (size_t)n;
	return 0;
}

int
pa_buf_printf(struct pa_buf *b, const char *fmt, ...)
{
	va_list ap;
	int error;

	va_start(ap, fmt);
	error = pa_buf_vprintf(b, fmt, ap);
	va_end(ap);
	return error;
}

void
pa_buf_clear(struct pa_buf *b)
{
	pa_buf_truncate(b, 0);
}

void
pa_buf_truncate(struct pa_buf *b, size_t len)
{
	if (len < b->size) {
		b->size = len;
		if (b->asize)
			b->ptr[len] = '\0';
	}
}

bool
pa_buf_oom(const struct pa_buf *b)
{
	if (b->oom)
		pa_error_oom();
	return b->oom;
}

char *
pa_buf_detach(struct pa_buf *b)
{
	char *p;

	if (b->oom) {
		pa_buf_dispose(b);
		pa_error_oom();
		return NULL;
	}
	p = b->asize ? b->ptr : pa_strdup("");
	pa_buf_init(b);
	return p;
}

void
pa_buf_dispose(struct pa_buf *b)
{
	if (b->asize)
		free(b->ptr);
	pa_buf_init(b);
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
/* struct pa_buf: a growable, always NUL-terminated byte buffer with a sticky OOM flag. */
#ifndef PA_UTIL_BUF_H
#define PA_UTIL_BUF_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>

#include "util/error.h"

struct pa_buf {
	char *ptr;	/* always NUL-terminated (points at "" when empty) */
	size_t size;	/* bytes used, without the NUL */
	size_t asize;	/* bytes allocated; 0 while ptr is the static "" */
	bool oom;	/* sticky: an append failed */
};

#define PA_BUF_INIT { .ptr = (char *)pa_buf_empty, .size = 0, .asize = 0, .oom = false }
extern const char pa_buf_empty[1];

void pa_buf_init(struct pa_buf *b);
/* Appends; on failure set b->oom and return PA_ENOMEM; later appends are no-ops. */
int pa_buf_put(struct pa_buf *b, const char *data, size_t len);
int pa_buf_puts(struct pa_buf *b, const char *s);
int pa_buf_putc(struct pa_buf *b, char c);
int pa_buf_printf(struct pa_buf *b, const char *fmt, ...) PA_PRINTF(2, 3);
int pa_buf_vprintf(struct pa_buf *b, const char *fmt, va_list ap);
void pa_buf_clear(struct pa_buf *b);
/* Truncate to len bytes (len <= size). */
void pa_buf_truncate(struct pa_buf *b, size_t len);
/* True if any append failed; also sets the error message. */
bool pa_buf_oom(const struct pa_buf *b);
/* Hand the memory to the caller (free with free()); b is reset. NULL on OOM. */
char *pa_buf_detach(struct pa_buf *b);
void pa_buf_dispose(struct pa_buf *b);

#endif

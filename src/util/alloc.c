/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Allocation wrappers: never abort, always leave a message. */
#include "config.h"

#include "util/alloc.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "util/error.h"

void *
pa_malloc(size_t n)
{
	void *p = malloc(n ? n : 1);

	if (p == NULL)
		pa_error_oom();
	return p;
}

void *
pa_calloc(size_t count, size_t size)
{
	void *p = calloc(count ? count : 1, size ? size : 1);

	if (p == NULL)
		pa_error_oom();
	return p;
}

void *
pa_reallocarray(void *ptr, size_t count, size_t size)
{
	size_t n;
	void *p;

	if (!pa_size_mul(&n, count, size)) {
		pa_error_oom();
		return NULL;
	}
	p = realloc(ptr, n ? n : 1);
	if (p == NULL)
		pa_error_oom();
	return p;
}

char *
pa_strdup(const char *s)
{
	return pa_strndup(s, strlen(s));
}

char *
pa_strndup(const char *s, size_t n)
{
	char *p;
	size_t len = strnlen(s, n);

	if ((p = pa_malloc(len + 1)) == NULL)
		return NULL;
	memcpy(p, s, len);
	p[len] = '\0';
	return p;
}

bool
pa_size_add(size_t *out, size_t a, size_t b)
{
	if (a > SIZE_MAX - b)
		return false;
	*out = a + b;
	return true;
}

bool
pa_size_mul(size_t *out, size_t a, size_t b)
{
	if (b != 0 && a > SIZE_MAX / b)
		return false;
	*out = a * b;
	return true;
}

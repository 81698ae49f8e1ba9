/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Allocation helpers that report OOM through the error slot, and checked size arithmetic. */
#ifndef PA_UTIL_ALLOC_H
#define PA_UTIL_ALLOC_H

#include <stdbool.h>
#include <stddef.h>

/* Each returns NULL and sets PA_ENOMEM's message on failure. */
void *pa_malloc(size_t n);
void *pa_calloc(size_t count, size_t size);
void *pa_reallocarray(void *ptr, size_t count, size_t size);
char *pa_strdup(const char *s);
char *pa_strndup(const char *s, size_t n);

/* Overflow-checked: false (and *out untouched) on overflow. */
bool pa_size_add(size_t *out, size_t a, size_t b);
bool pa_size_mul(size_t *out, size_t a, size_t b);

#endif

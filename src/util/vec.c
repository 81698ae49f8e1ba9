/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Pointer vector. */
#include "config.h"

#include "util/vec.h"

#include <stdlib.h>

#include "util/alloc.h"
#include "util/error.h"

int
pa_vec_push(struct pa_vec *v, void *item)
{
	if (v->count == v->alloc) {
		size_t na = v->alloc ? v->alloc * 2 : 8;
		void **n = pa_reallocarray(v->items, na, sizeof(*n));

		if (n == NULL)
			return PA_ENOMEM;
		v->items = n;
		v->alloc = na;
	}
	v->items[v->count++] = item;
	return 0;
}

void
pa_vec_dispose(struct pa_vec *v, void (*free_fn)(void *))
{
	size_t i;

	if (free_fn != NULL)
		for (i = 0; i < v->count; i++)
			free_fn(v->items[i]);
	free(v->items);
	v->items = NULL;
	v->count = v->alloc = 0;
}

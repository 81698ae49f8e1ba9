/* SPDX-License-Identifier: GPL-3.0-or-later */
/* A growable array of pointers. */
#ifndef PA_UTIL_VEC_H
#define PA_UTIL_VEC_H

#include <stddef.h>

struct pa_vec {
	void **items;
	size_t count, alloc;
};

#define PA_VEC_INIT { NULL, 0, 0 }

/* Append; 0 or PA_ENOMEM (the item is not owned on failure). */
int pa_vec_push(struct pa_vec *v, void *item);
/* Free the array; call free_fn (if not NULL) on each item first. */
void pa_vec_dispose(struct pa_vec *v, void (*free_fn)(void *));

#endif

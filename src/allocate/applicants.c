/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The applicants of a call as the plan reads them (see allocate.h). */
#include "config.h"

#include "allocate/allocate.h"

#include <stdlib.h>
#include <string.h>

#include "util/alloc.h"
#include "util/error.h"

/* The last component of a path, without trailing slashes (a new string). */
static char *
base_name(const char *path)
{
	size_t n = strlen(path);
	const char *b;

	while (n > 1 && path[n - 1] == '/')
		n--;
	for (b = path + n; b > path && b[-1] != '/'; b--)
		;
	return pa_strndup(b, (size_t)(path + n - b));
}

/* The requested GPU-hours as a whole number, -1 when not given or not one. */
static long long
requested(const struct pa_results_applicant *a)
{
	double v;

	/* written as a whole number that a long long holds, as strtoll read it before */
	if (!pa_results_gpu_hours(a, &v) || v >= 9e18 || v != (double)(long long)v)
		return -1;
	return (long long)v;
}

int
pa_alloc_applicants_make(struct pa_alloc_applicants *out, const struct pa_results *const *results,
    const char *const *ids, size_t count, const struct pa_ledger_log *log)
{
	size_t i;

	memset(out, 0, sizeof(*out));
	if ((out->items = pa_calloc(count ? count : 1, sizeof(*out->items))) == NULL ||
	    (out->labels = pa_calloc(count ? count : 1, sizeof(*out->labels))) == NULL) {
		pa_alloc_applicants_dispose(out);
		return pa_error_oom();
	}
	out->count = count;
	for (i = 0; i < count; i++) {
		const struct pa_results *res = results[i];
		const struct pa_results_applicant *ra = &res->applicant;
		struct pa_alloc_applicant *a = &out->items[i];

		a->dossier = ids[i];
		a->results = res;
		a->label = ra->name != NULL && ra->name[0] != '\0' ? ra->name : NULL;
		if (a->label == NULL) {
			if ((out->labels[i] = base_name(res->dossier_path ? res->dossier_path :
			    "")) == NULL) {
				pa_alloc_applicants_dispose(out);
				return pa_error_oom();
			}
			a->label = out->labels[i];
		}
		a->machine = ra->machine != NULL && ra->machine[0] != '\0' ? ra->machine : NULL;
		a->partition = ra->partition != NULL && ra->partition[0] != '\0' ?
		    ra->partition : NULL;
		a->requested = requested(ra);
		a->decision = log != NULL && ids[i] != NULL ? pa_ledger_log_decision(log, ids[i]) :
		    NULL;
	}
	return 0;
}

void
pa_alloc_applicants_dispose(struct pa_alloc_applicants *a)
{
	size_t i;

	for (i = 0; a->labels != NULL && i < a->count; i++)
		free(a->labels[i]);
	free(a->labels);
	free(a->items);
	memset(a, 0, sizeof(*a));
}

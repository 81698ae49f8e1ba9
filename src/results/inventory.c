/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * What a dossier declares besides its systems: the licences of its model
 * and dataset cards, the datasets, and its AI Pact declaration with its
 * commitments.  Their part of the results model: copy, free, visit and
 * write (<dataset>, <pact>); read.c reads them back.
 */
#include "config.h"

#include "results/results.h"
#include "results/internal.h"

#include <stdlib.h>
#include <string.h>

#include "util/alloc.h"
#include "util/error.h"
#include "util/text.h"

#define COMMITMENT_FIELDS(c) { &(c)->kind, &(c)->id, &(c)->role, &(c)->article, \
	&(c)->due, &(c)->text }
#define COMMITMENT_NFIELDS 6

static void
commitment_free(void *p)
{
	struct pa_results_commitment *c = p;
	char **f[] = COMMITMENT_FIELDS(c);
	size_t k;

	if (c == NULL)
		return;
	for (k = 0; k < COMMITMENT_NFIELDS; k++)
		free(*f[k]);
	free(c);
}

void
pa_results__pact_dispose(struct pa_results_pact *p)
{
	free(p->state);
	free(p->organisation);
	free(p->signed_on);
	pa_vec_dispose(&p->commitments, commitment_free);
	memset(p, 0, sizeof(*p));
}

/* Append a copy of c, each string through set (sanitising or raw). */
static int
push_commitment(struct pa_results *res, const struct pa_results_commitment *c,
    int (*set)(char **, const char *))
{
	struct pa_results_commitment *n = pa_calloc(1, sizeof(*n));
	char **to[] = COMMITMENT_FIELDS(n);
	char *const *from[] = COMMITMENT_FIELDS(c);
	size_t k;
	int error = 0;

	if (n == NULL)
		return pa_error_oom();
	for (k = 0; k < COMMITMENT_NFIELDS && error == 0; k++)
		error = set(to[k], *from[k]);
	if (error == 0 && n->kind == NULL)
		error = set(&n->kind, "core");
	if (error == 0 && n->id == NULL)
		error = set(&n->id, "");
	if (error < 0 || pa_vec_push(&res->pact.commitments, n) < 0) {
		commitment_free(n);
		return pa_error_oom();
	}
	return 0;
}

int
pa_results_add_commitment(struct pa_results *res, const struct pa_results_commitment *c)
{
	return push_commitment(res, c, pa_results_set);
}

int
pa_results__push_commitment(struct pa_results *res, const struct pa_results_commitment *c)
{
	return push_commitment(res, c, pa_results__set_raw);
}

int
pa_results__dup_inventory(struct pa_results *dst, const struct pa_results *src)
{
	size_t i;
	int error = 0;

	for (i = 0; i < src->datasets.count && error == 0; i++) {
		const struct pa_results_item *it = src->datasets.items[i];

		error = pa_results__push_item(&dst->datasets, it->id, it->tier, it->gpai);
	}
	if (error == 0)
		error = pa_results__dup_licenses(&dst->models, &src->models);
	if (error == 0)
		error = pa_results__dup_licenses(&dst->datasets, &src->datasets);
	if (error == 0 && src->pact.state != NULL &&
	    ((error = pa_results__set_raw(&dst->pact.state, src->pact.state)) < 0 ||
	    (error = pa_results__set_raw(&dst->pact.organisation, src->pact.organisation)) < 0 ||
	    (error = pa_results__set_raw(&dst->pact.signed_on, src->pact.signed_on)) < 0))
		return error;
	for (i = 0; i < src->pact.commitments.count && error == 0; i++)
		error = pa_results__push_commitment(dst, src->pact.commitments.items[i]);
	return error;
}

int
pa_results__dup_licenses(struct pa_vec *dst, const struct pa_vec *src)
{
	size_t i;
	int error = 0;

	for (i = 0; i < src->count && i < dst->count && error == 0; i++) {
		const struct pa_results_item *from = src->items[i];
		struct pa_results_item *to = dst->items[i];

		if ((error = pa_results__set_raw(&to->license, from->license)) == 0)
			error = pa_results__set_raw(&to->license_status, from->license_status);
	}
	return error;
}

int
pa_results__each_pact_string(struct pa_results *res,
    int (*fn)(char **s, enum pa_results_text kind, void *arg), void *arg)
{
	const enum pa_results_text A = PA_RESULTS_TEXT_ATTR;
	char **pact[] = { &res->pact.state, &res->pact.organisation, &res->pact.signed_on };
	size_t i, k;
	int error = 0;

	for (k = 0; k < sizeof(pact) / sizeof(pact[0]) && error == 0; k++)
		error = pa_results__visit((const char **)pact[k], A, fn, arg);
	for (i = 0; i < res->pact.commitments.count && error == 0; i++) {
		struct pa_results_commitment *c = res->pact.commitments.items[i];
		char **f[] = COMMITMENT_FIELDS(c);

		for (k = 0; k < COMMITMENT_NFIELDS && error == 0; k++)
			error = pa_results__visit((const char **)f[k], A, fn, arg);
	}
	return error;
}

bool
pa_results__license_xml(xmlNode *n, const struct pa_results_item *it)
{
	return pa_results__set_attr(n, "license", it->license) &&
	    pa_results__set_attr(n, "license-status", it->license_status);
}

/* <dataset>s and <pact> (after the models); false on out of memory. */
bool
pa_results__inventory_xml(xmlNode *root, xmlNs *ns, const struct pa_results *res)
{
	xmlNode *n, *p;
	size_t i;

	for (i = 0; i < res->datasets.count; i++) {
		const struct pa_results_item *it = res->datasets.items[i];

		if ((n = xmlNewChild(root, ns, BAD_CAST "dataset", NULL)) == NULL ||
		    !pa_results__set_attr(n, "id", it->id) || !pa_results__license_xml(n, it))
			return false;
	}
	if (res->pact.state == NULL)
		return true;
	if ((p = xmlNewChild(root, ns, BAD_CAST "pact", NULL)) == NULL ||
	    !pa_results__set_attr(p, "state", res->pact.state) ||
	    !pa_results__set_attr(p, "organisation", res->pact.organisation) ||
	    !pa_results__set_attr(p, "signed-on", res->pact.signed_on))
		return false;
	for (i = 0; i < res->pact.commitments.count; i++) {
		const struct pa_results_commitment *c = res->pact.commitments.items[i];

		if ((n = xmlNewChild(p, ns, BAD_CAST "commitment", NULL)) == NULL ||
		    !pa_results__set_attr(n, "kind", c->kind) ||
		    !pa_results__set_attr(n, "id", c->id) ||
		    !pa_results__set_attr(n, "role", c->role) ||
		    !pa_results__set_attr(n, "article", c->article) ||
		    !pa_results__set_attr(n, "due", c->due) ||
		    !pa_results__set_attr(n, "text", c->text))
			return false;
	}
	return true;
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * What waivers and baselines leave on the results model: a finding's
 * waiver and the baseline's fixed findings, in the model, in the results
 * document (writing and reading) and in pa_results_each_string().
 */
#include "config.h"

#include "results/results.h"
#include "results/internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/alloc.h"
#include "util/error.h"

static const char *const state_names[] = {
	[PA_WAIVER_APPLIED] = "applied",
	[PA_WAIVER_EXPIRED] = "expired",
	[PA_WAIVER_REFUSED] = "refused",
	[PA_WAIVER_UNTRUSTED] = "untrusted",
};
_Static_assert(sizeof(state_names) / sizeof(state_names[0]) == PA_WAIVER_UNTRUSTED + 1,
    "one name per waiver state");

const char *
pa_results_waiver_state_name(enum pa_waiver_state state)
{
	return (unsigned)state <= PA_WAIVER_UNTRUSTED ? state_names[state] : "?";
}

/* The string fields of a waiver, for copying, freeing and visiting. */
#define WAIVER_FIELDS(w) { &(w)->source, &(w)->origin, &(w)->id, &(w)->reason, \
	&(w)->until, &(w)->approver, &(w)->approver_name, &(w)->created, &(w)->problem, \
	&(w)->justification }
#define WAIVER_NFIELDS 10	/* the last, justification, is element text */

void
pa_results__waiver_free(struct pa_results_waiver *w)
{
	if (w == NULL)
		return;
	{
		const char **f[] = WAIVER_FIELDS(w);
		size_t i;

		for (i = 0; i < WAIVER_NFIELDS; i++)
			free((char *)*f[i]);
	}
	free(w);
}

static struct pa_results_waiver *
waiver_dup(const struct pa_results_waiver *src)
{
	struct pa_results_waiver *w;
	bool oom = false;
	size_t i;

	if ((w = pa_calloc(1, sizeof(*w))) == NULL)
		return NULL;
	*w = *src;
	{
		const char **to[] = WAIVER_FIELDS(w);
		const char *const *from[] = WAIVER_FIELDS(src);

		for (i = 0; i < WAIVER_NFIELDS; i++)
			*to[i] = NULL;
		for (i = 0; i < WAIVER_NFIELDS && !oom; i++)
			oom = pa_results__set_raw((char **)to[i], *from[i]) < 0;
	}
	if (oom) {
		pa_results__waiver_free(w);
		return NULL;
	}
	return w;
}

int
pa_results_set_waiver(struct pa_results_finding *f, const struct pa_results_waiver *w)
{
	struct pa_results_waiver *c = NULL;

	if (w != NULL && (c = waiver_dup(w)) == NULL)
		return pa_error_oom();
	pa_results__waiver_free(f->waiver);
	f->waiver = c;
	return 0;
}

void
pa_results__fixed_free(void *p)
{
	struct pa_results_fixed *fx = p;

	if (fx == NULL)
		return;
	free((char *)fx->rule);
	free((char *)fx->path);
	free((char *)fx->anchor);
	free((char *)fx->message);
	free(fx);
}

int
pa_results_add_fixed(struct pa_results *res, const struct pa_results_fixed *src)
{
	struct pa_results_fixed *fx;
	bool oom = false;

	if ((fx = pa_calloc(1, sizeof(*fx))) == NULL)
		return pa_error_oom();
	*fx = *src;
	fx->rule = fx->path = fx->anchor = fx->message = NULL;
	oom = pa_results__set_raw((char **)&fx->rule, src->rule ? src->rule : "") < 0 ||
	    pa_results__set_raw((char **)&fx->path, src->path) < 0 ||
	    pa_results__set_raw((char **)&fx->anchor, src->anchor) < 0 ||
	    pa_results__set_raw((char **)&fx->message, src->message) < 0;
	if (oom || pa_vec_push(&res->fixed, fx) < 0) {
		pa_results__fixed_free(fx);
		return pa_error_oom();
	}
	return 0;
}

int
pa_results__dup_amended(struct pa_results *dst, const struct pa_results *src)
{
	size_t i;
	int error;

	if ((error = pa_results__set_raw(&dst->baseline, src->baseline)) < 0)
		return error;
	for (i = 0; i < src->fixed.count; i++)
		if ((error = pa_results_add_fixed(dst, src->fixed.items[i])) < 0)
			return error;
	return 0;
}

/* ------------------------------------------------------------------ */
/* The results document                                                */

static bool
text_child(xmlNode *parent, xmlNs *ns, const char *name, const char *text)
{
	return xmlNewTextChild(parent, ns, BAD_CAST name, BAD_CAST (text ? text : "")) != NULL;
}

bool
pa_results__waiver_xml(xmlNode *finding, xmlNs *ns, const struct pa_results_waiver *w)
{
	xmlNode *n;

	if (w == NULL)
		return true;
	return (n = xmlNewChild(finding, ns, BAD_CAST "waiver", NULL)) != NULL &&
	    pa_results__set_attr(n, "state", pa_results_waiver_state_name(w->state)) &&
	    pa_results__set_attr(n, "source", w->source) && pa_results__set_attr(n, "origin", w->origin) &&
	    pa_results__set_attr(n, "id", w->id) && pa_results__set_attr(n, "reason", w->reason) &&
	    pa_results__set_attr(n, "until", w->until) && pa_results__set_attr(n, "approver", w->approver) &&
	    pa_results__set_attr(n, "approver-name", w->approver_name) &&
	    pa_results__set_attr(n, "created", w->created) && pa_results__set_attr(n, "problem", w->problem) &&
	    (w->justification == NULL || text_child(n, ns, "justification", w->justification));
}

bool
pa_results__baseline_xml(xmlNode *root, xmlNs *ns, const struct pa_results *res)
{
	xmlNode *b, *n;
	size_t i;

	if (res->baseline == NULL)
		return true;
	if ((b = xmlNewChild(root, ns, BAD_CAST "baseline", NULL)) == NULL ||
	    !pa_results__set_attr(b, "file", res->baseline))
		return false;
	for (i = 0; i < res->fixed.count; i++) {
		const struct pa_results_fixed *fx = res->fixed.items[i];

		if ((n = xmlNewChild(b, ns, BAD_CAST "fixed", NULL)) == NULL ||
		    !pa_results__set_attr(n, "rule", fx->rule) ||
		    !pa_results__set_attr(n, "severity", pa_results_severity_name(fx->severity)) ||
		    !pa_results__set_attr(n, "fingerprint", fx->fingerprint) ||
		    !pa_results__set_attr(n, "path", fx->path) || !pa_results__set_attr(n, "anchor", fx->anchor) ||
		    (fx->message != NULL && !text_child(n, ns, "message", fx->message)))
			return false;
	}
	return true;
}

/* ------------------------------------------------------------------ */
/* Visiting strings                                                    */

int
pa_results__each_waiver_string(struct pa_results_finding *f,
    int (*fn)(char **s, enum pa_results_text kind, void *arg), void *arg)
{
	struct pa_results_waiver *w = f->waiver;
	size_t i;
	int error = 0;

	if (w == NULL)
		return 0;
	{
		const char **s[] = WAIVER_FIELDS(w);

		for (i = 0; i < WAIVER_NFIELDS && error == 0; i++)
			error = pa_results__visit(s[i], i + 1 < WAIVER_NFIELDS ? PA_RESULTS_TEXT_ATTR :
			    PA_RESULTS_TEXT_LINE, fn, arg);
	}
	return error;
}

int
pa_results__each_fixed_string(struct pa_results *res,
    int (*fn)(char **s, enum pa_results_text kind, void *arg), void *arg)
{
	size_t i;
	int error = 0;

	if (res->baseline != NULL)
		error = fn(&res->baseline, PA_RESULTS_TEXT_ATTR, arg);
	for (i = 0; i < res->fixed.count && error == 0; i++) {
		struct pa_results_fixed *fx = res->fixed.items[i];

		if ((error = pa_results__visit(&fx->rule, PA_RESULTS_TEXT_ATTR, fn, arg)) == 0 &&
		    (error = pa_results__visit(&fx->path, PA_RESULTS_TEXT_ATTR, fn, arg)) == 0 &&
		    (error = pa_results__visit(&fx->anchor, PA_RESULTS_TEXT_ATTR, fn, arg)) == 0)
			error = pa_results__visit(&fx->message, PA_RESULTS_TEXT_LINE, fn, arg);
	}
	return error;
}

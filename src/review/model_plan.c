/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * The allocation plan on the review's model: the call's audited dossiers
 * as applicants (pa_alloc_applicants_make, as `pactaudit allocate` gathers
 * them) and the plan the call policy makes of them.  Pure: the command
 * reads the policy and the ledger and hands them over.
 */
#include "config.h"

#include "review/model.h"

#include <stdlib.h>
#include <string.h>

#include "util/alloc.h"
#include "util/error.h"

void
pa_review_call_set_policy(struct pa_review_call *call, const struct pa_call_policy *policy)
{
	pa_review_call_plan_clear(call);
	call->plan.policy = policy;
}

bool
pa_review_call_has_plan(const struct pa_review_call *call)
{
	return call->plan.policy != NULL;
}

void
pa_review_call_plan_clear(struct pa_review_call *call)
{
	struct pa_review_plan *p = &call->plan;

	pa_alloc_plan_free(p->plan);
	p->plan = NULL;
	pa_alloc_applicants_dispose(&p->apps);
	free(p->dossier);
	p->dossier = NULL;
	p->unaudited = 0;
}

/* Swap each finding's status with the one evaluated before the ledger's waivers (and back). */
static void
swap_evaluated(struct pa_review_dossier *d)
{
	struct pa_results_finding *f;
	enum pa_finding_status st;
	size_t i;

	for (i = 0; d->evaluated != NULL && i < d->res->findings.count; i++) {
		f = d->res->findings.items[i];
		st = f->status;
		f->status = d->evaluated[i];
		d->evaluated[i] = st;
	}
}

int
pa_review_call_plan(struct pa_review_call *call, const struct pa_ledger_log *log,
    const struct pa_date *as_of)
{
	struct pa_review_plan *p = &call->plan;
	struct pa_waivers waivers = PA_WAIVERS_INIT;
	const struct pa_results **res = NULL;
	const char **ids = NULL;
	struct pa_review_dossier *d;
	size_t i, n = pa_review_call_count(call), k = 0;
	int error = 0;

	pa_review_call_plan_clear(call);
	if (p->policy == NULL)
		return 0;
	if ((res = pa_calloc(n + 1, sizeof(*res))) == NULL ||
	    (ids = pa_calloc(n + 1, sizeof(*ids))) == NULL ||
	    (p->dossier = pa_calloc(n + 1, sizeof(*p->dossier))) == NULL) {
		error = pa_error_oom();
		goto done;
	}
	for (i = 0; i < n; i++) {
		d = pa_review_call_at(call, i);
		if (d->res == NULL) {
			p->unaudited++;
			continue;
		}
		res[k] = d->res;
		ids[k] = d->ledger_id != NULL ? d->ledger_id : d->location;
		p->dossier[k++] = i;
	}
	if (log != NULL && (error = pa_ledger_log_waivers(&waivers, log, NULL)) < 0)
		goto done;
	if ((error = pa_alloc_applicants_make(&p->apps, res, ids, k, log)) < 0)
		goto done;
	/* the plan judges the results as evaluated, with the ledger's waivers passed apart */
	for (i = 0; i < k; i++)
		swap_evaluated(pa_review_call_at(call, p->dossier[i]));
	error = pa_alloc_plan(&p->plan, p->policy, p->apps.items, p->apps.count, &waivers, as_of);
	for (i = 0; i < k; i++)
		swap_evaluated(pa_review_call_at(call, p->dossier[i]));
done:
	if (error < 0) {
		pa_review_call_plan_clear(call);
		error = PA_ENOMEM;
	}
	pa_waivers_dispose(&waivers);
	free(ids);
	free(res);
	return error;
}

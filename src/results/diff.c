/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Two results of one dossier compared (see diff.h). */
#include "config.h"

#include "results/diff.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/alloc.h"
#include "util/error.h"

static void
item_free(void *p)
{
	struct pa_diff_item *it = p;

	if (it == NULL)
		return;
	free(it->key);
	free(it->label);
	free(it->old_value);
	free(it->new_value);
	free(it);
}

static int
push_item(struct pa_vec *v, const char *key, const char *label, const char *old_value,
    const char *new_value)
{
	struct pa_diff_item *it = pa_calloc(1, sizeof(*it));

	if (it == NULL)
		return pa_error_oom();
	it->key = pa_strdup(key ? key : "");
	it->label = label ? pa_strdup(label) : NULL;
	it->old_value = old_value ? pa_strdup(old_value) : NULL;
	it->new_value = new_value ? pa_strdup(new_value) : NULL;
	if (it->key == NULL || (label && !it->label) || (old_value && !it->old_value) ||
	    (new_value && !it->new_value) || pa_vec_push(v, it) < 0) {
		item_free(it);
		return pa_error_oom();
	}
	return 0;
}

static bool
same(const char *a, const char *b)
{
	return strcmp(a ? a : "", b ? b : "") == 0;
}

static const struct pa_diff_fact *
find_fact(const struct pa_diff_fact *f, size_t n, const char *key)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (same(f[i].key, key))
			return &f[i];
	return NULL;
}

/* Removed and changed in old order, then added in new order. */
static int
diff_facts(struct pa_vec *out, const struct pa_diff_fact *o, size_t no,
    const struct pa_diff_fact *n, size_t nn)
{
	const struct pa_diff_fact *m;
	size_t i;
	int error;

	for (i = 0; i < no; i++) {
		if (find_fact(o, i, o[i].key) != NULL)
			continue;	/* a repeated key counts once */
		m = find_fact(n, nn, o[i].key);
		if (m == NULL)
			error = push_item(out, o[i].key, o[i].label, o[i].value ? o[i].value : "", NULL);
		else if (!same(m->value, o[i].value))
			error = push_item(out, o[i].key, m->label ? m->label : o[i].label,
			    o[i].value ? o[i].value : "", m->value ? m->value : "");
		else
			error = 0;
		if (error < 0)
			return error;
	}
	for (i = 0; i < nn; i++) {
		if (find_fact(n, i, n[i].key) != NULL || find_fact(o, no, n[i].key) != NULL)
			continue;
		if ((error = push_item(out, n[i].key, n[i].label, NULL,
		    n[i].value ? n[i].value : "")) < 0)
			return error;
	}
	return 0;
}

/* "system ID" = tier, "model ID" = GPAI status (and a system's training run). */
static int
item_facts(struct pa_diff_fact **out, size_t *n, struct pa_vec *names,
    const struct pa_results *r)
{
	size_t i, k = 0, total = r->systems.count + r->models.count;

	*n = 0;
	if ((*out = pa_calloc(total ? total : 1, sizeof(**out))) == NULL)
		return pa_error_oom();
	for (i = 0; i < total; i++) {
		bool sys = i < r->systems.count;
		const struct pa_results_item *it = sys ? r->systems.items[i] :
		    r->models.items[i - r->systems.count];
		size_t len = strlen(it->id) + 8;
		char *key = pa_malloc(len);

		if (key == NULL || pa_vec_push(names, key) < 0) {
			free(key);
			return pa_error_oom();
		}
		snprintf(key, len, "%s %s", sys ? "system" : "model", it->id);
		(*out)[k].key = key;
		(*out)[k].value = sys ? it->tier : it->gpai;
		k++;
	}
	*n = k;
	return 0;
}

static int
match_findings(struct pa_diff *d)
{
	const struct pa_results_finding **on = NULL, **nn = NULL;
	size_t i, j, no = d->old->findings.count, nw = d->new_->findings.count;
	bool *used = NULL, *matched = NULL;
	int error;

	if ((error = pa_results_report_order(&on, d->old)) < 0 ||
	    (error = pa_results_report_order(&nn, d->new_)) < 0)
		goto done;
	if ((used = pa_calloc(no ? no : 1, 1)) == NULL ||
	    (matched = pa_calloc(nw ? nw : 1, 1)) == NULL) {
		error = pa_error_oom();
		goto done;
	}
	for (j = 0; j < nw; j++) {
		for (i = 0; i < no; i++) {
			struct pa_diff_pair *p;

			if (used[i] || strcmp(on[i]->fingerprint, nn[j]->fingerprint) != 0)
				continue;
			if ((p = pa_malloc(sizeof(*p))) == NULL || pa_vec_push(&d->unchanged, p) < 0) {
				free(p);
				error = pa_error_oom();
				goto done;
			}
			p->old = on[i];
			p->new_ = nn[j];
			d->changed += pa_diff_pair_changed(p);
			used[i] = matched[j] = true;
			break;
		}
		if (!matched[j] && pa_vec_push(&d->added, (void *)nn[j]) < 0) {
			error = pa_error_oom();
			goto done;
		}
	}
	for (i = 0; i < no; i++)
		if (!used[i] && pa_vec_push(&d->fixed, (void *)on[i]) < 0) {
			error = pa_error_oom();
			goto done;
		}
done:
	free(on);
	free(nn);
	free(used);
	free(matched);
	return error;
}

int
pa_diff_results(struct pa_diff **out, const struct pa_results *old,
    const struct pa_results *new_,
    const struct pa_diff_fact *old_signers, size_t nold_signers,
    const struct pa_diff_fact *new_signers, size_t nnew_signers, bool signers,
    const struct pa_diff_fact *old_pledges, size_t nold_pledges,
    const struct pa_diff_fact *new_pledges, size_t nnew_pledges, bool pledges)
{
	struct pa_diff *d = pa_calloc(1, sizeof(*d));
	struct pa_diff_fact *ot = NULL, *nt = NULL;
	struct pa_vec names = PA_VEC_INIT;
	size_t not = 0, nnt = 0;
	int error;

	*out = NULL;
	if (d == NULL)
		return pa_error_oom();
	d->old = old;
	d->new_ = new_;
	d->signers_compared = signers;
	d->commitments_compared = pledges;
	if ((error = match_findings(d)) < 0 ||
	    (error = item_facts(&ot, &not, &names, old)) < 0 ||
	    (error = item_facts(&nt, &nnt, &names, new_)) < 0 ||
	    (error = diff_facts(&d->tiers, ot, not, nt, nnt)) < 0 ||
	    (signers && (error = diff_facts(&d->signers, old_signers, nold_signers,
	    new_signers, nnew_signers)) < 0) ||
	    (pledges && (error = diff_facts(&d->commitments, old_pledges, nold_pledges,
	    new_pledges, nnew_pledges)) < 0)) {
		pa_diff_free(d);
		d = NULL;
	}
	free(ot);
	free(nt);
	pa_vec_dispose(&names, free);
	*out = d;
	return error;
}

void
pa_diff_free(struct pa_diff *d)
{
	if (d == NULL)
		return;
	pa_vec_dispose(&d->added, NULL);
	pa_vec_dispose(&d->fixed, NULL);
	pa_vec_dispose(&d->unchanged, free);
	pa_vec_dispose(&d->tiers, item_free);
	pa_vec_dispose(&d->signers, item_free);
	pa_vec_dispose(&d->commitments, item_free);
	free(d);
}

bool
pa_diff_pair_changed(const struct pa_diff_pair *p)
{
	return p->old->severity != p->new_->severity || p->old->status != p->new_->status ||
	    p->old->in_force != p->new_->in_force;
}

size_t
pa_diff_failing(const struct pa_diff *d, enum pa_fail_on fail_on)
{
	size_t i, n = 0;

	for (i = 0; i < d->added.count; i++)
		n += pa_results_finding_fails(d->added.items[i], fail_on);
	/* a finding that became failing counts as new trouble too */
	for (i = 0; i < d->unchanged.count; i++) {
		const struct pa_diff_pair *p = d->unchanged.items[i];

		n += pa_results_finding_fails(p->new_, fail_on) &&
		    !pa_results_finding_fails(p->old, fail_on);
	}
	return n;
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The allocation plan: gates, scores, rank and grants (see allocate.h). */
#include "config.h"

#include "allocate/allocate.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/alloc.h"
#include "util/digest.h"
#include "util/error.h"

static const char *const outcome_names[] = {
	[PA_ALLOC_GRANTED] = "granted",
	[PA_ALLOC_OPEN_BLOCKER] = "open-blocker",
	[PA_ALLOC_OPEN_ERRORS] = "open-errors",
	[PA_ALLOC_NO_DECISION] = "no-decision",
	[PA_ALLOC_REJECTED] = "rejected",
	[PA_ALLOC_CHANGES_REQUESTED] = "changes-requested",
	[PA_ALLOC_STALE_DECISION] = "stale-decision",
	[PA_ALLOC_NO_REQUEST] = "no-request",
	[PA_ALLOC_UNKNOWN_MACHINE] = "unknown-machine",
	[PA_ALLOC_BELOW_MINIMUM] = "below-minimum",
	[PA_ALLOC_NO_CAPACITY] = "no-capacity",
};

const char *
pa_alloc_outcome_name(enum pa_alloc_outcome o)
{
	return (size_t)o < sizeof(outcome_names) / sizeof(outcome_names[0]) ?
	    outcome_names[o] : "?";
}

long long
pa_alloc_node_hours(long long gpu_hours, long gpn)
{
	if (gpn < 1 || gpu_hours <= 0)
		return 0;
	return gpu_hours / gpn + (gpu_hours % gpn != 0);
}

/* Whether a ledger waiver covers the finding at as_of (waivable findings only). */
static const struct pa_waiver *
waived(const struct pa_results_finding *f, const char *dossier,
    const struct pa_waivers *waivers, const struct pa_date *as_of)
{
	size_t i;

	if (waivers == NULL || !f->waivable)
		return NULL;
	for (i = 0; i < waivers->items.count; i++) {
		const struct pa_waiver *w = waivers->items.items[i];

		if (w->trusted && pa_waiver_matches(w, dossier, f->rule, f->fingerprint, f->path) &&
		    (as_of == NULL || !pa_waiver_expired(w, as_of)))
			return w;
	}
	return NULL;
}

static int
set_why(struct pa_alloc_line *l, const char *fmt, ...) PA_PRINTF(2, 3);

static int
set_why(struct pa_alloc_line *l, const char *fmt, ...)
{
	struct pa_buf b = PA_BUF_INIT;
	va_list ap;

	va_start(ap, fmt);
	pa_buf_vprintf(&b, fmt, ap);
	va_end(ap);
	if (pa_buf_oom(&b))
		return pa_error_oom();
	free(l->why);
	l->why = pa_buf_detach(&b);
	return l->why ? 0 : pa_error_oom();
}

static void
exclude(struct pa_alloc_line *l, enum pa_alloc_outcome o, const char *kind, const char *trace)
{
	l->outcome = o;
	l->trace_kind = kind;
	snprintf(l->trace, sizeof(l->trace), "%s", trace ? trace : "");
}

/* Counting findings of one severity not covered by a ledger waiver; *first gets the first. */
static size_t
open_at(const struct pa_results_finding **first, const struct pa_alloc_applicant *a,
    enum pa_severity sev, const struct pa_waivers *waivers, const struct pa_date *as_of)
{
	size_t i, n = 0;

	*first = NULL;
	for (i = 0; i < a->results->findings.count; i++) {
		const struct pa_results_finding *f = a->results->findings.items[i];

		if (f->severity != sev || !pa_results_finding_counts(f) ||
		    waived(f, a->dossier, waivers, as_of) != NULL)
			continue;
		/* the first in the document's fingerprint order: independent of report order */
		if (*first == NULL || strcmp(f->fingerprint, (*first)->fingerprint) < 0)
			*first = f;
		n++;
	}
	return n;
}

static void
score(struct pa_alloc_line *l, const struct pa_alloc_applicant *a,
    const struct pa_call_policy *p, size_t errors, size_t warnings)
{
	const struct pa_results *r = a->results;
	size_t i, good = 0;
	long long f;
	unsigned s;

	switch (pa_results_verdict(r)) {
	case PA_VERDICT_ELIGIBLE: l->sub[PA_ALLOC_SUB_VERDICT] = 100; break;
	case PA_VERDICT_NEEDS_CHANGES: l->sub[PA_ALLOC_SUB_VERDICT] = 50; break;
	default: l->sub[PA_ALLOC_SUB_VERDICT] = 0; break;
	}
	f = 100 - 20 * (long long)(errors > 5 ? 5 : errors) - 5 * (long long)(warnings > 20 ? 20 : warnings);
	l->sub[PA_ALLOC_SUB_FINDINGS] = f < 0 ? 0 : (unsigned)f;
	for (i = 0; i < r->signatures.count; i++) {
		const struct pa_results_signature *sg = r->signatures.items[i];

		if (sg->status != NULL && strcmp(sg->status, "good") == 0)
			good++;
	}
	l->sub[PA_ALLOC_SUB_SIGNATURES] = r->signatures.count ?
	    (unsigned)(100 * good / r->signatures.count) : 0;
	l->score = 0;
	for (s = 0; s < PA_ALLOC_NSUB; s++)
		l->score += (long long)p->weight[s] * l->sub[s];
}

static const struct pa_call_machine *
find_machine(const struct pa_call_policy *p, const char *id)
{
	size_t i;

	for (i = 0; id != NULL && i < p->nmachines; i++)
		if (strcasecmp(p->machines[i].id, id) == 0)
			return &p->machines[i];
	return NULL;
}

/* Gates and score of one applicant; returns < 0 only for out of memory. */
static int
judge(struct pa_alloc_line *l, const struct pa_alloc_applicant *a,
    const struct pa_call_policy *p, const struct pa_waivers *waivers, const struct pa_date *as_of)
{
	const struct pa_results_finding *blk, *err, *warn;
	size_t nblk = open_at(&blk, a, PA_SEVERITY_BLOCKER, waivers, as_of);
	size_t nerr = open_at(&err, a, PA_SEVERITY_ERROR, waivers, as_of);
	size_t nwarn = open_at(&warn, a, PA_SEVERITY_WARNING, waivers, as_of);
	const struct pa_decision *d = a->decision ? &a->decision->decision : NULL;
	const char *commit = a->results->dossier_commit;

	l->requested = a->requested;
	score(l, a, p, nerr, nwarn);
	l->outcome = PA_ALLOC_GRANTED;
	l->wanted = d != NULL && d->gpu_hours >= 0 ? d->gpu_hours : a->requested;
	if (a->requested >= 0 && l->wanted > a->requested)
		l->wanted = a->requested;
	if (nblk > 0) {
		exclude(l, PA_ALLOC_OPEN_BLOCKER, "finding", blk->fingerprint);
		return set_why(l, "%zu open blocker(s), first %s (%s)", nblk, blk->rule,
		    blk->ref ? blk->ref : "no reference");
	}
	if (p->max_open_errors >= 0 && nerr > (size_t)p->max_open_errors) {
		exclude(l, PA_ALLOC_OPEN_ERRORS, "finding", err->fingerprint);
		return set_why(l, "%zu open error(s), the call allows %ld; first %s", nerr,
		    p->max_open_errors, err->rule);
	}
	if (d == NULL) {
		exclude(l, PA_ALLOC_NO_DECISION, "ledger", NULL);
		return set_why(l, "no trusted decision in the ledger");
	}
	if (d->decision == PA_DECISION_REJECT) {
		exclude(l, PA_ALLOC_REJECTED, "decision", a->decision->commit);
		return set_why(l, "rejected by decision %.12s", a->decision->commit);
	}
	if (d->decision == PA_DECISION_CHANGES) {
		exclude(l, PA_ALLOC_CHANGES_REQUESTED, "decision", a->decision->commit);
		return set_why(l, "changes requested by decision %.12s", a->decision->commit);
	}
	if ((d->commit == NULL) != (commit == NULL) ||
	    (d->commit != NULL && strcmp(d->commit, commit) != 0)) {
		exclude(l, PA_ALLOC_STALE_DECISION, "decision", a->decision->commit);
		return set_why(l, "decision %.12s approved commit %.12s, the results are of %.12s",
		    a->decision->commit, d->commit ? d->commit : "(none)",
		    commit ? commit : "(none)");
	}
	if (l->wanted < 0) {
		exclude(l, PA_ALLOC_NO_REQUEST, "results", NULL);
		return set_why(l, "no GPU-hours requested or granted by the decision");
	}
	if (find_machine(p, a->machine) == NULL) {
		exclude(l, PA_ALLOC_UNKNOWN_MACHINE, "policy", NULL);
		return set_why(l, "machine '%s' is not offered by call %s",
		    a->machine ? a->machine : "(none requested)", p->id);
	}
	if (p->cap > 0 && l->wanted > p->cap) {
		l->wanted = p->cap;
		l->capped = true;
	}
	return 0;
}

struct order {
	const struct pa_alloc_line *line;
	const struct pa_alloc_applicant *a;
};

/* Rank: score descending, wanted ascending, dossier identity, input order. */
static int
cmp_rank(const void *x, const void *y)
{
	const struct order *p = x, *q = y;
	int c;

	if (p->line->score != q->line->score)
		return p->line->score > q->line->score ? -1 : 1;
	if (p->line->wanted != q->line->wanted)
		return p->line->wanted < q->line->wanted ? -1 : 1;
	if ((c = strcmp(p->a->dossier ? p->a->dossier : "", q->a->dossier ? q->a->dossier : "")) != 0)
		return c;
	return p->line->applicant < q->line->applicant ? -1 :
	    p->line->applicant > q->line->applicant;
}

/* Grant one eligible line from the totals of its machine. */
static int
grant(struct pa_alloc_line *l, const struct pa_alloc_applicant *a, struct pa_alloc_plan *plan)
{
	const struct pa_call_policy *p = plan->policy;
	const struct pa_call_machine *m = find_machine(p, a->machine);
	struct pa_alloc_total *best = NULL;
	long long room, g;
	size_t i;

	if (p->minimum > 0 && l->wanted < p->minimum) {
		exclude(l, PA_ALLOC_BELOW_MINIMUM, "policy", NULL);
		return set_why(l, "%lld GPU-hours wanted, below the minimum useful grant of %lld",
		    l->wanted, p->minimum);
	}
	if (l->wanted == 0) {
		exclude(l, PA_ALLOC_BELOW_MINIMUM, "policy", NULL);
		return set_why(l, "no GPU-hours wanted");
	}
	for (i = 0; i < plan->ntotals; i++) {
		struct pa_alloc_total *t = &plan->totals[i];

		if (strcmp(t->machine, m->id) != 0 ||
		    (a->partition != NULL && strcasecmp(t->partition, a->partition) != 0))
			continue;
		room = t->capacity - t->granted;
		if (room >= l->wanted) {
			best = t;
			break;
		}
		if (best == NULL || room > best->capacity - best->granted)
			best = t;
	}
	if (best == NULL) {
		exclude(l, PA_ALLOC_UNKNOWN_MACHINE, "policy", NULL);
		return set_why(l, "partition '%s' is not offered on machine %s by call %s",
		    a->partition, m->id, p->id);
	}
	room = best->capacity - best->granted;
	g = room < l->wanted ? room : l->wanted;
	if (g <= 0 || (p->minimum > 0 && g < p->minimum)) {
		exclude(l, PA_ALLOC_NO_CAPACITY, "policy", NULL);
		return set_why(l, "%lld GPU-hours left on %s/%s, %lld wanted%s", room < 0 ? 0 : room,
		    best->machine, best->partition, l->wanted,
		    p->minimum > 0 ? " (or the minimum grant)" : "");
	}
	l->granted = g;
	l->partial = g < l->wanted;
	l->machine = best->machine;
	l->partition = best->partition;
	l->cluster = m->cluster;
	l->node_hours = pa_alloc_node_hours(g, m->gpus_per_node);
	best->granted += g;
	best->node_hours += l->node_hours;
	plan->granted += g;
	plan->funded++;
	return set_why(l, "%lld GPU-hours on %s/%s%s%s", g, best->machine, best->partition,
	    l->capped ? ", cut to the cap" : "", l->partial ? ", partial: the partition is full" : "");
}

int
pa_alloc_plan(struct pa_alloc_plan **out, const struct pa_call_policy *policy,
    const struct pa_alloc_applicant *applicants, size_t count,
    const struct pa_waivers *waivers, const struct pa_date *as_of)
{
	struct pa_alloc_plan *plan;
	struct pa_alloc_line *lines = NULL;
	struct order *ord = NULL;
	size_t i, j, k, n = 0;
	int error = 0;

	*out = NULL;
	if ((plan = pa_calloc(1, sizeof(*plan))) == NULL)
		return pa_error_oom();
	plan->policy = policy;
	plan->applicants = applicants;
	for (i = 0; i < policy->nmachines; i++)
		n += policy->machines[i].npartitions;
	if ((plan->totals = pa_calloc(n ? n : 1, sizeof(*plan->totals))) == NULL ||
	    (lines = pa_calloc(count ? count : 1, sizeof(*lines))) == NULL ||
	    (ord = pa_calloc(count ? count : 1, sizeof(*ord))) == NULL) {
		error = pa_error_oom();
		goto done;
	}
	for (i = 0, k = 0; i < policy->nmachines; i++) {
		const struct pa_call_machine *m = &policy->machines[i];

		for (j = 0; j < m->npartitions; j++, k++) {
			plan->totals[k].machine = m->id;
			plan->totals[k].partition = m->partitions[j].id;
			plan->totals[k].gpus_per_node = m->gpus_per_node;
			plan->totals[k].capacity = m->partitions[j].gpu_hours;
			plan->capacity += m->partitions[j].gpu_hours;
		}
	}
	plan->ntotals = n;
	for (i = 0; i < count; i++) {
		lines[i].applicant = i;
		if ((error = judge(&lines[i], &applicants[i], policy, waivers, as_of)) < 0)
			goto done;
		ord[i].line = &lines[i];
		ord[i].a = &applicants[i];
	}
	if (count > 1)
		qsort(ord, count, sizeof(*ord), cmp_rank);
	if ((plan->lines = pa_calloc(count ? count : 1, sizeof(*plan->lines))) == NULL) {
		error = pa_error_oom();
		goto done;
	}
	for (i = 0; i < count; i++) {
		plan->lines[i] = *ord[i].line;
		lines[ord[i].line->applicant].why = NULL;	/* moved */
		plan->lines[i].rank = i + 1;
		plan->count++;
		if (plan->lines[i].outcome == PA_ALLOC_GRANTED &&
		    (error = grant(&plan->lines[i], &applicants[plan->lines[i].applicant], plan)) < 0)
			goto done;
	}
	*out = plan;
	plan = NULL;
done:
	for (i = 0; lines != NULL && i < count; i++)
		free(lines[i].why);
	free(lines);
	free(ord);
	pa_alloc_plan_free(plan);
	return error;
}

void
pa_alloc_plan_free(struct pa_alloc_plan *plan)
{
	size_t i;

	if (plan == NULL)
		return;
	for (i = 0; i < plan->count; i++)
		free(plan->lines[i].why);
	free(plan->lines);
	free(plan->totals);
	free(plan);
}

int
pa_alloc_account_name(struct pa_buf *out, const struct pa_alloc_applicant *a)
{
	char hex[PA_DIGEST_HEXLEN + 1];
	const char *s = a->label ? a->label : "";
	size_t n = 0;
	bool sep = false;
	int error;

	if ((error = pa_digest_sha256(hex, a->dossier ? a->dossier : "",
	    a->dossier ? strlen(a->dossier) : 0)) < 0)
		return error;
	pa_buf_puts(out, "pa_");
	for (; *s != '\0' && n < 24; s++) {
		char c = *s;

		if (c >= 'A' && c <= 'Z')
			c = (char)(c - 'A' + 'a');
		if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
			if (sep && n > 0 && n < 23) {
				pa_buf_putc(out, '_');
				n++;
			}
			pa_buf_putc(out, c);
			n++;
			sep = false;
		} else {
			sep = true;
		}
	}
	if (n > 0)
		pa_buf_putc(out, '_');
	pa_buf_put(out, hex, 8);
	return pa_buf_oom(out) ? pa_error_oom() : 0;
}

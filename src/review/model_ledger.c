/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * The ledger on the review's model: each dossier's records (decisions and
 * waivers, trusted or not), the waivers applied to its results, and the
 * dossiers an action on the tagged ones reaches.  Pure: the command reads
 * and writes the ledger and hands the records over.
 */
#include "config.h"

#include "review/model.h"

#include <stdlib.h>
#include <string.h>

#include "util/alloc.h"
#include "util/date.h"
#include "util/error.h"
#include "util/text.h"

static void
record_free(void *p)
{
	struct pa_review_record *r = p;

	if (r == NULL)
		return;
	free(r->who);
	free(r->text);
	free(r->problem);
	pa_waiver_free(r->w);
	free(r);
}

int
pa_review_dossier_set_ledger_id(struct pa_review_dossier *d, const char *id)
{
	char *s = NULL;

	if (id != NULL && (s = pa_strdup(id)) == NULL)
		return pa_error_oom();
	free(d->ledger_id);
	d->ledger_id = s;
	return 0;
}

void
pa_review_dossier_clear_ledger(struct pa_review_dossier *d)
{
	size_t i;

	pa_vec_dispose(&d->records, record_free);
	pa_review_dossier_set_decision(d, NULL, -1, NULL, NULL);
	for (i = 0; d->evaluated != NULL && d->res != NULL && i < d->res->findings.count; i++)
		((struct pa_results_finding *)d->res->findings.items[i])->status = d->evaluated[i];
}

static char *
clean_dup(const char *s)
{
	return s != NULL ? pa_text_sanitize_dup(s) : NULL;
}

int
pa_review_dossier_add_record(struct pa_review_dossier *d, const struct pa_review_record *r)
{
	struct pa_review_record *c;

	if ((c = pa_calloc(1, sizeof(*c))) == NULL)
		return PA_ENOMEM;
	c->trusted = r->trusted;
	c->waiver = r->waiver;
	memcpy(c->commit, r->commit, sizeof(c->commit));
	c->commit[sizeof(c->commit) - 1] = '\0';
	c->who = clean_dup(r->who);
	c->text = clean_dup(r->text);
	c->problem = clean_dup(r->problem);
	c->w = r->w != NULL ? pa_waiver_dup(r->w) : NULL;
	if ((r->who != NULL && c->who == NULL) || (r->text != NULL && c->text == NULL) ||
	    (r->problem != NULL && c->problem == NULL) || (r->w != NULL && c->w == NULL) ||
	    pa_vec_push(&d->records, c) < 0) {
		record_free(c);
		return pa_error_oom();
	}
	return 0;
}

/* A waiver record of d that covers f, trusted or not, expired or not. */
static const struct pa_review_record *
find_waiver(const struct pa_review_dossier *d, const struct pa_results_finding *f,
    bool trusted, int expired)
{
	const struct pa_review_record *r;
	struct pa_date day;	/* the results' as-of (text of the results document) */
	const struct pa_date *as_of = d->res != NULL && pa_date_from_iso(&day, d->res->as_of) ?
	    &day : NULL;
	size_t i;

	if (!f->waivable)
		return NULL;	/* Art. 5 and other non-waivable rules: no record waives them */
	/* the latest record first: a renewed waiver wins over the one it renews */
	for (i = d->records.count; i-- > 0;) {
		r = d->records.items[i];
		if (!r->waiver || r->w == NULL || r->trusted != trusted ||
		    !pa_waiver_matches(r->w, d->ledger_id, f->rule, f->fingerprint, f->path))
			continue;
		if (expired < 0 || pa_waiver_expired(r->w, as_of) == (expired > 0))
			return r;
	}
	return NULL;
}

const struct pa_review_record *
pa_review_finding_waiver(const struct pa_review_dossier *d, const struct pa_results_finding *f)
{
	return find_waiver(d, f, true, 0);
}

const struct pa_review_record *
pa_review_finding_waiver_expired(const struct pa_review_dossier *d,
    const struct pa_results_finding *f)
{
	if (pa_review_finding_waiver(d, f) != NULL)
		return NULL;
	return find_waiver(d, f, true, 1);
}

const struct pa_review_record *
pa_review_finding_waiver_untrusted(const struct pa_review_dossier *d,
    const struct pa_results_finding *f)
{
	return find_waiver(d, f, false, -1);
}

int
pa_review_dossier_apply_ledger(struct pa_review_dossier *d)
{
	struct pa_results_finding *f;
	size_t i, n;
	int waived = 0;

	if (d->res == NULL)
		return 0;
	n = d->res->findings.count;
	if (d->evaluated == NULL && n > 0) {
		if ((d->evaluated = pa_calloc(n, sizeof(*d->evaluated))) == NULL)
			return PA_ENOMEM;
		for (i = 0; i < n; i++)
			d->evaluated[i] = ((struct pa_results_finding *)d->res->findings.items[i])->status;
	}
	for (i = 0; i < n; i++) {
		f = d->res->findings.items[i];
		/* only an open finding is the ledger's to waive; baselined stays baselined */
		if (d->evaluated[i] == PA_FINDING_OPEN && pa_review_finding_waiver(d, f) != NULL) {
			f->status = PA_FINDING_WAIVED;
			waived++;
		} else {
			f->status = d->evaluated[i];
		}
	}
	return waived;
}

size_t
pa_review_dossier_untrusted(const struct pa_review_dossier *d)
{
	size_t i, n = 0;

	for (i = 0; i < d->records.count; i++)
		n += !((const struct pa_review_record *)d->records.items[i])->trusted;
	return n;
}

const char *
pa_review_dossier_decision_cell(const struct pa_review_dossier *d, enum pa_review_style *style)
{
	const struct pa_review_record *r;
	size_t i;

	*style = PA_REVIEW_STYLE_NORMAL;
	if (d->decision.decision != NULL) {
		if (strcmp(d->decision.decision, "approve") == 0)
			*style = PA_REVIEW_STYLE_GOOD;
		else if (strcmp(d->decision.decision, "reject") == 0)
			*style = PA_REVIEW_STYLE_BLOCKER;
		else
			*style = PA_REVIEW_STYLE_WARNING;
		return d->decision.decision;
	}
	for (i = 0; i < d->records.count; i++) {
		r = d->records.items[i];
		if (!r->trusted && !r->waiver) {
			*style = PA_REVIEW_STYLE_BAD;
			return "untrusted";	/* never shown as the decision it claims */
		}
	}
	return NULL;
}

size_t
pa_review_call_targets(const struct pa_review_call *call, bool tagged, size_t one,
    size_t *out)
{
	const struct pa_review_dossier *d;
	size_t i, n = 0;

	for (i = 0; i < pa_review_call_count(call); i++) {
		d = pa_review_call_at(call, i);
		if (d->res != NULL && (tagged ? d->tagged : i == one))
			out[n++] = i;
	}
	return n;
}

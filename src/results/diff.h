/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * The difference between two results of one dossier (`pactaudit diff`):
 * findings matched by fingerprint (new, fixed, unchanged; an unchanged one
 * whose severity or status moved is "changed"), the verdict, tiers of
 * systems and models, and two keyed lists the caller reads from the
 * evidence of each side: the signers of pact/signers.xml and the pledges
 * of pact/commitments.xml.  Pure: nothing here reads a dossier or prints.
 */
#ifndef PA_RESULTS_DIFF_H
#define PA_RESULTS_DIFF_H

#include <stdbool.h>
#include <stddef.h>

#include "results/results.h"
#include "util/vec.h"

/* One keyed fact of a side (borrowed): a signer (key fingerprint, label name, value rights). */
struct pa_diff_fact {
	const char *key, *label, *value;
};

/* A fact that differs: old_value NULL when added, new_value NULL when removed (owned). */
struct pa_diff_item {
	char *key, *label, *old_value, *new_value;
};

/* A finding on both sides (borrowed from the results). */
struct pa_diff_pair {
	const struct pa_results_finding *old, *new_;
};

struct pa_diff {
	const struct pa_results *old, *new_;		/* borrowed */
	struct pa_vec added;		/* const struct pa_results_finding * of new_ */
	struct pa_vec fixed;		/* const struct pa_results_finding * of old */
	struct pa_vec unchanged;	/* struct pa_diff_pair * (owned) */
	size_t changed;			/* pairs whose severity or status differ */
	struct pa_vec tiers;		/* struct pa_diff_item *: "system ID" / "model ID" */
	struct pa_vec signers;		/* struct pa_diff_item * */
	struct pa_vec commitments;	/* struct pa_diff_item * */
	bool signers_compared, commitments_compared;	/* facts were given for both sides */
};

/*
 * Compare old with new.  Findings are matched by fingerprint (a
 * fingerprint seen n times on one side matches at most n on the other, in
 * document order); added and fixed keep report order.  Lists of facts may
 * be NULL (not compared).  0 or PA_ENOMEM.
 */
int pa_diff_results(struct pa_diff **out, const struct pa_results *old,
    const struct pa_results *new_,
    const struct pa_diff_fact *old_signers, size_t nold_signers,
    const struct pa_diff_fact *new_signers, size_t nnew_signers, bool signers,
    const struct pa_diff_fact *old_pledges, size_t nold_pledges,
    const struct pa_diff_fact *new_pledges, size_t nnew_pledges, bool pledges);
void pa_diff_free(struct pa_diff *d);

/* Whether a pair's severity or status differ. */
bool pa_diff_pair_changed(const struct pa_diff_pair *p);
/* New findings that fail at fail_on (pa_results_finding_fails): the exit status of diff. */
size_t pa_diff_failing(const struct pa_diff *d, enum pa_fail_on fail_on);

#endif

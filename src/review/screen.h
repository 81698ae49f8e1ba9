/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The review screen: curses set-up and teardown, the view stack, keys to actions, prompts, resize. */
#ifndef PA_REVIEW_SCREEN_H
#define PA_REVIEW_SCREEN_H

#include <stddef.h>

#include "review/model.h"
#include "review/view.h"

/*
 * Progress while the call opens: done of total dossiers audited; what
 * says more ("12 signatures verified"), detail the dossier in hand.
 */
typedef void (*pa_review_progress_fn)(void *screen, size_t done, size_t total,
    const char *what, const char *detail);

/* What a decision or waiver prompt collected (strings borrowed for the call). */
struct pa_review_decision_in {
	const char *decision;	/* approve, reject or changes */
	long granted_hours;	/* -1: not given */
	const char *note;
};
struct pa_review_waiver_in {
	const char *reason;	/* a reason code */
	const char *until;	/* YYYY-MM-DD */
	const char *note;
};

struct pa_review_screen_opts {
	struct pa_review_call *call;		/* filled by load */
	const struct pa_review_source *source;	/* may be NULL */
	/*
	 * Audit (or read from the cache) every dossier into call, reporting
	 * progress(screen, ...) as it goes.  < 0 when nothing can be shown.
	 */
	int (*load)(struct pa_review_call *call, pa_review_progress_fn progress, void *screen,
	    void *payload);
	/*
	 * Record in the ledger, signed with the auditor's key; NULL when
	 * there is no ledger.  out receives the new record's commit id.  < 0
	 * with a message (nothing recorded).
	 */
	int (*decide)(char out[41], void *payload, struct pa_review_dossier *d,
	    const struct pa_review_decision_in *in);
	int (*waive)(char out[41], void *payload, struct pa_review_dossier *d,
	    const struct pa_results_finding *f, const struct pa_review_waiver_in *in);
	/*
	 * Read and verify the ledger again and put its records on every
	 * dossier of call (pa_review_dossier_add_record, _apply_ledger): after
	 * each write, and on request, so records by other auditors show.
	 * Returns the number of records, or < 0 with a message.
	 */
	long (*reload)(void *payload, struct pa_review_call *call);
	void *payload;
};

/*
 * Run the review on the terminal until the auditor quits.  The config
 * file is read first; its bad lines are shown on the message line.  0, or
 * < 0 (message set) when the terminal cannot be used or load fails.
 */
int pa_review_screen_run(const struct pa_review_screen_opts *opts);

#endif

/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The review screen: curses set-up and teardown, the view stack, keys to actions, prompts, resize. */
#ifndef PA_REVIEW_SCREEN_H
#define PA_REVIEW_SCREEN_H

#include <stddef.h>

#include "review/model.h"
#include "review/view.h"

/* Progress while the call opens: done of total dossiers, the one in hand. */
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
	/* Record in the ledger; NULL when there is no ledger.  < 0 with a message. */
	int (*decide)(void *payload, struct pa_review_dossier *d,
	    const struct pa_review_decision_in *in);
	int (*waive)(void *payload, struct pa_review_dossier *d,
	    const struct pa_results_finding *f, const struct pa_review_waiver_in *in);
	void *payload;
};

/*
 * Run the review on the terminal until the auditor quits.  The config
 * file is read first; its bad lines are shown on the message line.  0, or
 * < 0 (message set) when the terminal cannot be used or load fails.
 */
int pa_review_screen_run(const struct pa_review_screen_opts *opts);

#endif

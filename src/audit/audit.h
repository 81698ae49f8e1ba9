/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * The audit library: dossier -> evidence -> classification and evaluation
 * -> results, with the results cache.  `check` calls it; so can anything
 * that audits in-process (the review screen, `allocate`): create one
 * audit context for a call, with its rules and options, and audit any
 * number of dossiers with it.
 */
#ifndef PA_AUDIT_AUDIT_H
#define PA_AUDIT_AUDIT_H

#include <stdbool.h>
#include <stddef.h>

#include "dossier/dossier.h"
#include "results/results.h"
#include "sig/sig.h"
#include "util/date.h"

#define PA_AUDIT_MAX_JOBS 64

/* One dossier of a call: what to audit (in) and what came of it (out). */
struct pa_audit_item {
	const char *location;		/* in: the dossier's folder (borrowed) */
	struct pa_dossier_opts dossier;	/* in: --rev, --worktree, --path */
	struct pa_results *results;	/* out: owned; NULL if it could not be audited */
	bool cached;			/* out: results came from the results cache */
	char *error;			/* out: owned; why it could not be audited, one line */
};

/*
 * After each dossier of pa_audit_call(): done of total items are finished.
 * Called from the thread that audited it, one call at a time (under the
 * context's lock): keep it short, and do not call back into the context.
 */
typedef void (*pa_audit_progress_fn)(const struct pa_audit_item *item, size_t done,
    size_t total, void *arg);

/*
 * The step where the status of findings changes before anyone looks at
 * them: waivers and baselines (and, in the review screen, the ledger's
 * decisions) are applied here to the results model.  It runs on every
 * result, fresh or from the cache (the cache holds results as evaluated),
 * in item order in the calling thread, before pa_audit_call() returns; so
 * verdicts and pa_results_failing() (the exit status of `check`) always
 * see the changed statuses.  < 0 (message set) makes the item fail.
 */
typedef int (*pa_audit_amend_fn)(struct pa_results *res, const struct pa_audit_item *item,
    void *arg);

struct pa_audit_opts {
	const char *rules_dir;		/* rule packs; NULL: <datadir>/rules */
	struct pa_date as_of;		/* required: parsed by the caller (the command line) */
	struct pa_sig_opts sig;		/* keyring, registry, jobs; sig.no_cache turns off
					 * the results cache as well (--no-cache) */
	/*
	 * Files a later step reads to change results (NULL when not given):
	 * their content is part of every results-cache key.
	 */
	const char *waivers, *baseline, *call_policy;
	unsigned int jobs;		/* dossiers audited at once by pa_audit_call; 0 or 1: one */
	pa_audit_progress_fn progress;	/* may be NULL */
	void *progress_arg;
	pa_audit_amend_fn amend;	/* may be NULL */
	void *amend_arg;
};

struct pa_audit;

/*
 * A context for auditing dossiers with opts (copied; the strings it points
 * to are borrowed and must outlive the context).  Opens the results cache
 * unless opts->sig.no_cache; the rule packs are loaded on the first
 * dossier the cache cannot answer, and kept.  Free with pa_audit_free.
 */
int pa_audit_new(struct pa_audit **out, const struct pa_audit_opts *opts);
void pa_audit_free(struct pa_audit *a);

/*
 * Audit count dossiers, jobs at a time: look each up in the results cache,
 * load the rules if any must be evaluated, build evidence and evaluate the
 * others on worker threads, store their results in the cache, then amend
 * every result (pa_audit_amend_fn).  An item that cannot be audited gets
 * its error and no results; the others are still audited.  Returns < 0
 * (message set) only when no dossier can be audited at all (the rule
 * packs do not load, out of memory); the items then hold no results.
 * Not reentrant: one call at a time per context.
 */
int pa_audit_call(struct pa_audit *a, struct pa_audit_item *items, size_t count);

/* One dossier, in the calling thread: pa_audit_call(a, item, 1). */
int pa_audit_dossier(struct pa_audit *a, struct pa_audit_item *item);

/* Free an item's results and error (its inputs are the caller's). */
void pa_audit_item_dispose(struct pa_audit_item *item);

/*
 * The results-cache key of one dossier, or NULL when its results are not
 * cached (not read from git, unresolvable, an input unreadable) or out of
 * memory.  Exposed for tests and diagnostics; free().
 */
char *pa_audit_cache_key(struct pa_audit *a, const struct pa_audit_item *item);

#endif

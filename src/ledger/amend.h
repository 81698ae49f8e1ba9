/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Changing finding statuses on a results model: waivers (from waivers
 * files and from ledgers) and baselines.  This is what the audit
 * library's amend step (audit/audit.h) runs for `check`, on fresh and
 * cached results alike.  Nothing here prints.
 *
 * Waivers.  Each finding gets at most one waiver in the model: one that
 * applies (the finding becomes waived), else the one that explains why
 * none did: refused (the rule is not waivable: Art. 5 and the like),
 * expired (after its last day at the as-of date), untrusted (a ledger
 * record signed by a key the ledger's policy does not list).  Waivers of
 * a file are self-declared; they apply like an auditor's, but are
 * reported as self-declared.
 *
 * Baselines (pactaudit-check(1), BASELINE FILES).  A JSON file of the
 * findings of an earlier audit, by fingerprint.  An open or needs-review
 * finding whose fingerprint is in it becomes baselined, unless its rule is
 * not waivable; entries found no more are listed as fixed.
 */
#ifndef PA_LEDGER_AMEND_H
#define PA_LEDGER_AMEND_H

#include <stddef.h>

#include "ledger/waiver.h"
#include "results/results.h"
#include "util/buf.h"
#include "util/vec.h"

#define PA_BASELINE_VERSION 1

/* The waivers to apply and the baseline to compare with; zero-initialise. */
struct pa_amend {
	struct pa_vec waivers;	/* internal: candidates, owned */
	struct pa_vec baseline;	/* internal: baseline entries, owned */
	char *baseline_file;	/* NULL: no baseline */
	size_t untrusted;	/* ledger waivers not applied for their signature */
};

void pa_amend_dispose(struct pa_amend *am);

/*
 * Add one waiver (taken; freed on failure).  origin names its file or
 * ledger; problem, for an untrusted ledger record, why (or NULL).
 */
int pa_amend_add_waiver(struct pa_amend *am, struct pa_waiver *w, const char *origin,
    const char *problem);
/* Add the waivers of a waivers file (pa_waivers_load_file: all or nothing). */
int pa_amend_add_waivers_file(struct pa_amend *am, const char *path);
/*
 * Add every waiver recorded in the ledger at dir, verified with
 * pa_ledger_load (keyring: extra public keys, or NULL); untrusted ones
 * are kept to be reported, never applied.  PA_ENOTFOUND when there is no
 * ledger there.
 */
int pa_amend_add_ledger(struct pa_amend *am, const char *dir, const char *keyring);
/* Read a baseline file; PA_EINVALID (one line naming the file) when malformed. */
int pa_amend_load_baseline(struct pa_amend *am, const char *path);
int pa_amend_parse_baseline(struct pa_amend *am, const char *data, size_t len,
    const char *name);

/*
 * Apply to res, the results of the dossier audited at `location` (as
 * given on the command line; subdir its --path), at res->as_of: waivers
 * first, then the baseline.  0 or PA_ENOMEM.
 */
int pa_amend_results(const struct pa_amend *am, struct pa_results *res,
    const char *location, const char *subdir);

/*
 * The baseline of count results (the JSON document, appended to out):
 * every in-force finding that is open, needs review or baselined.  With
 * locations (not NULL, count > 1), each entry names its dossier as given.
 */
int pa_baseline_write(struct pa_buf *out, struct pa_results *const *res,
    const char *const *locations, size_t count);

#endif

/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Signature checks of a dossier, written into its evidence document. */
#ifndef PA_SIG_SIG_H
#define PA_SIG_SIG_H

#include <libxml/tree.h>
#include <stdbool.h>

#include "dossier/dossier.h"
#include "util/diag.h"

struct pa_sig_opts {
	const char *keyring;	/* --keyring FILE: the auditor's public keys, or NULL */
	const char *registry;	/* --registry FILE, or NULL (self-declared trust) */
	const char *as_of;	/* YYYY-MM-DD: expiry and revocation judged at this date */
	bool no_cache;		/* --no-cache */
	unsigned int jobs;	/* parallel verifications (0: number of cores + 1) */
};

/*
 * Verify the dossier's signatures (pact/commitments.xml.asc, commits from
 * the trust root, the submission tag) and append <signatures> and <git> to
 * the evidence root.  Bad signatures are evidence, not errors: < 0 only
 * when the check itself cannot run (GnuPG unusable, unreadable keyring).
 */
int pa_sig_collect(xmlNode *evidence_root, struct pa_dossier *d,
    const struct pa_sig_opts *opts, struct pa_diag *diag);

/*
 * Optional, for speed and thread safety: start the verification worker
 * processes now, while the process is still small and has no other
 * threads (call it before loading rules or evidence).  GPGME forks its
 * caller for every verification; workers forked early keep that cheap.
 * Without it, pa_sig_collect forks workers itself when it has signatures
 * to verify.  jobs as in struct pa_sig_opts.
 */
int pa_sig_prefork(unsigned int jobs);
/* Stop the workers started by pa_sig_prefork() (also fine if none). */
void pa_sig_shutdown(void);

#endif

/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Building the evidence document (urn:pactaudit:evidence:1) of one dossier. */
#ifndef PA_EVIDENCE_EVIDENCE_H
#define PA_EVIDENCE_EVIDENCE_H

#include <libxml/tree.h>

#include "dossier/dossier.h"
#include "sig/sig.h"
#include "util/date.h"

struct pa_evidence_opts {
	struct pa_dossier_opts dossier;	/* --rev, --worktree, --path */
	struct pa_sig_opts sig;		/* sig.as_of NULL: the as_of below */
	const struct pa_date *as_of;	/* NULL: today (UTC) */
};

/*
 * Open the dossier at `location` and build its evidence document (caller
 * frees with xmlFreeDoc): <dossier>, <files>, <diagnostics>, then
 * <application>, one <model>/<dataset> per card folder, one <doc> per
 * Markdown file under docs/, <pact>, <signers>, and the report of
 * pa_sig_check() as <signatures> and <git> (evidence/sigxml.c).  Every
 * problem with the dossier's content is a <diag>.  < 0 (message set)
 * only when the dossier cannot be opened, today's date cannot be read,
 * pactaudit's own data cannot be loaded, the signature check cannot run,
 * or memory runs out.
 *
 * Thread-safe: builds of different dossiers may run at once (each opens
 * its own repository); a worker thread calls pa_xml_thread_cleanup()
 * before it ends (compiled schemas are cached per thread).  The licence
 * database the card parser needs is loaded once per process, on first
 * use, under pthread_once(), and kept for the life of the process
 * (read-only after loading).
 */
int pa_evidence_build(xmlDoc **out, const char *location,
    const struct pa_evidence_opts *opts);

/*
 * pa_evidence_build() of a dossier already open (pa_dossier_open_git()
 * over a repository in memory, say), borrowed; opts->dossier is not used.
 * diag holds the diagnostics of its listing (pa_dossier_open's) and
 * receives the build's; every one of them is in the document.
 */
int pa_evidence_build_dossier(xmlDoc **out, struct pa_dossier *d, struct pa_diag *diag,
    const struct pa_evidence_opts *opts);

#endif

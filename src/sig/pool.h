/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Verification worker processes: one GPGME context each, forked while the caller is small. */
#ifndef PA_SIG_POOL_H
#define PA_SIG_POOL_H

#include <stddef.h>

#include "sig/facts.h"

/*
 * GPGME forks the calling process for every verification, and fork costs
 * grow with the caller's memory; so verifications run in worker processes
 * forked from a small process, each holding one GPGME context.  Workers
 * use only GPGME and the C library; they leave with _exit() when their
 * socket closes.
 */
struct pa_sig_pool;

struct pa_sig_job {
	const char *sig;		/* detached signature bytes */
	size_t siglen;
	const char *data;		/* the exact bytes signed */
	size_t datalen;
	struct pa_sig_fact *facts;	/* out: one per signature (free()) */
	size_t nfacts;
	int done;			/* out: 1 once facts are set */
};

/* Fork `workers` processes (at least 1). */
int pa_sig_pool_new(struct pa_sig_pool **out, unsigned workers);
unsigned pa_sig_pool_size(const struct pa_sig_pool *p);
/*
 * Verify every job with the keys of the GnuPG home `home`, spreading the
 * jobs over the workers.  < 0 when GnuPG cannot be run or every worker
 * died (message set); jobs already done keep their facts.
 */
int pa_sig_pool_run(struct pa_sig_pool *p, const char *home, struct pa_sig_job *jobs,
    size_t n);
/* Close the workers' sockets and reap them. */
void pa_sig_pool_free(struct pa_sig_pool *p);

#endif

/* SPDX-License-Identifier: GPL-3.0-or-later */
/* librnp: the in-process verifier, with a keyring made for the run, in memory. */
#ifndef PA_SIG_RNP_H
#define PA_SIG_RNP_H

#include <stddef.h>

#include "sig/facts.h"

/*
 * A keyring in memory (never a file, never the user's keys) and the
 * verifications made with it, in the calling process: no gpg process, no
 * fork.  One per check; not shared between threads.
 */
struct pa_rnp;

int pa_rnp_new(struct pa_rnp **out);
/*
 * Import public keys (armoured or binary) named `what` in messages;
 * *count receives the number of keys (primary and subkeys) added.
 */
int pa_rnp_import(struct pa_rnp *r, const char *data, size_t len, const char *what,
    size_t *count);
/* Facts about every key, one entry per primary key and subkey (as pa_gpg_home_keys). */
int pa_rnp_keys(struct pa_keyset *out, struct pa_rnp *r);
/*
 * Verify the detached signature(s) in sig over data: one fact per
 * signature, at least one (PA_SIG_OUTCOME_NONE when sig holds no OpenPGP
 * signature), as pa_gpg_verify() reports them.
 */
int pa_rnp_verify(struct pa_sig_fact **out, size_t *count, struct pa_rnp *r,
    const char *sig, size_t siglen, const char *data, size_t datalen);
void pa_rnp_free(struct pa_rnp *r);

#endif

/* SPDX-License-Identifier: GPL-3.0-or-later */
/* GnuPG through GPGME, in a private home made for each run. */
#ifndef PA_SIG_GPG_H
#define PA_SIG_GPG_H

#include <stdbool.h>
#include <stddef.h>

#include "sig/facts.h"
#include "util/buf.h"

/* Initialise GPGME once (main(), before threads); GnuPG itself is looked for on first use. */
int pa_gpg_global_init(void);
/* Find GnuPG now (once per process); < 0 with a message when it is not usable. */
int pa_gpg_ready(void);

/*
 * A private GnuPG home: a fresh folder under $TMPDIR whose gpg.conf turns
 * off key retrieval, key servers, dirmngr, agent autostart and the web of
 * trust (the signing policy decides trust).  The user's own keyring is
 * never read or changed.
 */
struct pa_gpg_home;

int pa_gpg_home_new(struct pa_gpg_home **out);
const char *pa_gpg_home_path(const struct pa_gpg_home *h);
/*
 * Import public keys (armoured or binary) named `what` in messages;
 * *count receives the number of keys GnuPG considered.
 */
int pa_gpg_home_import(struct pa_gpg_home *h, const char *data, size_t len,
    const char *what, size_t *count);
/* Facts about every key in the home, one entry per primary key and subkey. */
int pa_gpg_home_keys(struct pa_keyset *out, struct pa_gpg_home *h);
/* Stop any GnuPG daemon of the home and remove the folder. */
void pa_gpg_home_free(struct pa_gpg_home *h);

/* One GPGME context, for one process or thread. */
struct pa_gpg_verifier;

int pa_gpg_verifier_new(struct pa_gpg_verifier **out);
void pa_gpg_verifier_free(struct pa_gpg_verifier *v);
/*
 * Verify the detached signature(s) in sig over data with the keys of the
 * home at `home`.  *out (free()) receives one fact per signature found, at
 * least one (PA_SIG_OUTCOME_NONE when sig holds no OpenPGP signature).
 * < 0 only when GnuPG cannot be run (message set).
 */
int pa_gpg_verify(struct pa_sig_fact **out, size_t *count, struct pa_gpg_verifier *v,
    const char *home, const char *sig, size_t siglen, const char *data, size_t datalen);

/*
 * Make an armoured detached signature of data with the user's own GnuPG
 * (their home and agent), by `key` (a fingerprint or user id) or the
 * default key when NULL.  fpr receives the signing key's primary fingerprint.
 */
int pa_gpg_sign_detached(struct pa_buf *out, char fpr[65], const char *data,
    size_t len, const char *key);

/*
 * A key of the user's GnuPG: `key` (a fingerprint or user id) among the
 * secret keys (secret) or the public keys; with secret and key NULL, the
 * first secret key that can sign.  fpr receives its primary fingerprint,
 * uid (appended, raw) its primary user id.
 */
int pa_gpg_key_find(char fpr[65], struct pa_buf *uid, const char *key, bool secret);
/* Append the armoured public keys of fprs (user's keyring), minimal form. */
int pa_gpg_export(struct pa_buf *out, const char *const *fprs, size_t n);

#endif

/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Facts GnuPG reports about signatures and keys: what is verified and cached, judged later. */
#ifndef PA_SIG_FACTS_H
#define PA_SIG_FACTS_H

#include <stdbool.h>
#include <stddef.h>

#include "dossier/history.h"
#include "util/buf.h"
#include "util/record.h"	/* json_t */

/* What GnuPG said about one signature: facts only, judged later (cacheable). */
enum pa_sig_outcome {
	PA_SIG_OUTCOME_VALID,		/* the mathematics holds */
	PA_SIG_OUTCOME_BAD,		/* does not match the data */
	PA_SIG_OUTCOME_NO_KEY,		/* no public key to check it */
	PA_SIG_OUTCOME_NONE,		/* no OpenPGP signature found */
	PA_SIG_OUTCOME_UNSUPPORTED,	/* SSH or X.509 signature */
	PA_SIG_OUTCOME_ERROR		/* GnuPG could not check it (reason in note) */
};

struct pa_sig_fact {
	enum pa_sig_outcome outcome;
	char fpr[65];		/* signing (sub)key fingerprint, or issuer key id */
	long long created;	/* signature creation, seconds since 1970; 0 unknown */
	long long expires;	/* signature expiry; 0 none */
	char note[96];		/* GnuPG's reason for ERROR / format for UNSUPPORTED */
};

struct pa_key_fact;

enum pa_revocation {
	PA_REVOCATION_NONE,
	PA_REVOCATION_HARD,		/* key compromised, or no reason given */
	PA_REVOCATION_SUPERSEDED,	/* soft: replaced by another key */
	PA_REVOCATION_RETIRED		/* soft: no longer used */
};

/*
 * Merge one revocation into a key fact (a primary's revocation covers its
 * subkeys): hard wins over soft, and of two soft ones the earlier counts.
 * reason is the OpenPGP reason code (RFC 4880 5.2.3.23), -1 when absent.
 */
void pa_key_fact_revoke(struct pa_key_fact *k, int reason, long long when);
/* "superseded", "retired", "compromised or without a reason", or "" */
const char *pa_revocation_name(enum pa_revocation r);

/* Facts about one public key of the keyring, per (sub)key. */
struct pa_key_fact {
	char fpr[65];		/* this (sub)key */
	char primary[65];	/* its primary key */
	char *uid;		/* the primary user id, raw */
	long long expires;	/* earliest of primary and subkey expiry; 0 never */
	bool revoked;		/* primary or subkey revoked */
	/*
	 * What the revocation says (pactaudit-trust(7)): hard (compromised, no
	 * reason, or unreadable) voids every signature; soft (superseded or
	 * retired) voids those made from revoked_at on.
	 */
	enum pa_revocation revocation;
	long long revoked_at;	/* soft: when the revocation was made */
};

struct pa_keyset {
	struct pa_key_fact *keys;
	size_t count;
};

void pa_keyset_dispose(struct pa_keyset *ks);
/* The key that made a signature (by fingerprint, or by 16-hex key id); NULL if unknown. */
const struct pa_key_fact *pa_keyset_find(const struct pa_keyset *ks, const char *fpr);

/*
 * The facts as cache records (util/record.h), built and read with jansson.
 * One object: kind "sig-object",
 *	{"format":F,"facts":[[OUTCOME,FPR,CREATED,EXPIRES,NOTE],...]}
 * with 1 to 64 facts; a keyring: kind "sig-keys",
 *	[[FPR,PRIMARY,EXPIRES,REVOKED,UID],...]
 * Decoding returns PA_ENOTFOUND for anything that is not such a record
 * (the entry is then ignored, as a cache miss), PA_ENOMEM.
 */
json_t *pa_sig_facts_json(enum pa_history_sigformat format, const struct pa_sig_fact *f,
    size_t n);
int pa_sig_facts_from_json(enum pa_history_sigformat *format, struct pa_sig_fact **out,
    size_t *n, const json_t *v);
int pa_sig_facts_encode(struct pa_buf *out, enum pa_history_sigformat format,
    const struct pa_sig_fact *f, size_t n);
int pa_sig_facts_decode(enum pa_history_sigformat *format, struct pa_sig_fact **out,
    size_t *n, const char *data, size_t len);
int pa_keyset_encode(struct pa_buf *out, const struct pa_keyset *ks);
int pa_keyset_decode(struct pa_keyset *out, const char *data, size_t len);

#endif

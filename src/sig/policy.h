/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Signing policies (pact/signers.xml, registry pins), signature statuses and how a signature is judged. */
#ifndef PA_SIG_POLICY_H
#define PA_SIG_POLICY_H

#include <stdbool.h>
#include <stddef.h>

#include "sig/facts.h"
#include "util/buf.h"
#include "util/diag.h"

/* Rights a signer may hold (DESIGN.md section 5). */
enum pa_right {
	PA_RIGHT_COMMIT = 1u << 0,	/* may sign commits */
	PA_RIGHT_PACT = 1u << 1,	/* may change and sign pact/commitments.xml */
	PA_RIGHT_TAG = 1u << 2,		/* may sign the submission tag */
	PA_RIGHT_SIGNERS = 1u << 3	/* may change pact/signers.xml */
};

/* Signature statuses (DESIGN.md section 4), in the order they win when several apply. */
enum pa_sig_status {
	PA_SIG_GOOD,
	PA_SIG_BAD,
	PA_SIG_MISSING,
	PA_SIG_UNKNOWN_KEY,
	PA_SIG_EXPIRED_KEY,
	PA_SIG_REVOKED_KEY,
	PA_SIG_EXPIRED_SIGNATURE,
	PA_SIG_UNTRUSTED_SIGNER
};

const char *pa_sig_status_name(enum pa_sig_status s);

struct pa_signer {
	char fpr[65];		/* uppercase hex, 40 or 64 digits */
	char *name;
	char *email;
	unsigned rights;	/* enum pa_right bits */
	long line;		/* in pact/signers.xml */
};

struct pa_policy {
	struct pa_signer *signers;
	size_t count;
};

/*
 * Parse pact/signers.xml (urn:pactaudit:signers:1).  Problems go to diag
 * under `path` (a malformed file gives an empty policy: nobody may sign).
 * < 0 only on out of memory.
 */
int pa_policy_parse(struct pa_policy **out, const char *data, size_t len,
    const char *path, struct pa_diag *diag);
/* An empty policy (nobody may sign anything). */
int pa_policy_new(struct pa_policy **out);
/* Add a signer (registry pins); fpr is normalised. */
int pa_policy_add(struct pa_policy *p, const char *fpr, const char *name, unsigned rights);
void pa_policy_free(struct pa_policy *p);
/* The signer with this primary fingerprint, or NULL. */
const struct pa_signer *pa_policy_find(const struct pa_policy *p, const char *fpr);

/*
 * Rights from "commit pact tag signers" (any order, whitespace separated).
 * *unknown receives the first unknown word (borrowed pointer into s, length
 * in *unknown_len), or NULL.
 */
unsigned pa_rights_parse(const char *s, const char **unknown, size_t *unknown_len);
/* "commit pact" (canonical order); "" for none. */
int pa_rights_format(struct pa_buf *out, unsigned rights);
/* Uppercase hex without spaces into out[65]; false unless 40 or 64 hex digits. */
bool pa_fpr_normalise(char out[65], const char *in);

/* A judged signature. */
struct pa_sig_verdict {
	enum pa_sig_status status;
	const struct pa_key_fact *key;	/* borrowed from the keyset, or NULL */
	const struct pa_signer *signer;	/* borrowed from the policy, or NULL */
	unsigned needed;		/* rights the object needs */
	unsigned missing;		/* rights the signer lacks (all of needed when untrusted) */
	bool authorised;		/* status good and nothing missing */
	bool revoked_later;		/* good: its key was revoked softly after it was made */
};

/*
 * Judge one signature at time `as_of` (seconds since 1970): key revocation
 * and expiry and signature expiry from the facts, then the policy.  Never
 * fails.
 */
void pa_sig_judge(struct pa_sig_verdict *out, const struct pa_sig_fact *f,
    const struct pa_keyset *ks, long long as_of, const struct pa_policy *p,
    unsigned needed);

/* The rights a commit needs for the pact files it changes (enum pa_history_change bits). */
unsigned pa_rights_for_changes(unsigned changes);

#endif

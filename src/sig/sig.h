/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Signature checks of a dossier, as a plain report (evidence/sigxml.c writes it as XML). */
#ifndef PA_SIG_SIG_H
#define PA_SIG_SIG_H

#include <stdbool.h>
#include <stddef.h>

#include "dossier/dossier.h"
#include "sig/policy.h"
#include "util/buf.h"
#include "util/date.h"
#include "util/diag.h"

/* Who checks the mathematics of a signature (--verifier). */
enum pa_sig_verifier {
	PA_SIG_VERIFIER_RNP,	/* librnp, in-process (the default) */
	PA_SIG_VERIFIER_GPGME,	/* GnuPG through GPGME, the reference */
	PA_SIG_VERIFIER_UNKNOWN	/* a name that is neither: pa_sig_check() refuses it */
};

struct pa_sig_opts {
	const char *keyring;	/* --keyring FILE: the auditor's public keys, or NULL */
	const char *registry;	/* --registry FILE, or NULL (self-declared trust) */
	const struct pa_date *as_of;	/* expiry and revocation judged at the end of this
					 * day (UTC); NULL: now */
	bool no_cache;		/* --no-cache */
	unsigned int jobs;	/* parallel GPGME verifications (0: number of cores + 1) */
	enum pa_sig_verifier verifier;
};

/* "rnp" or "gpgme" -> *out; false for anything else. */
bool pa_sig_verifier_parse(enum pa_sig_verifier *out, const char *name);

enum pa_sig_kind {
	PA_SIG_KIND_DETACHED,	/* a signature in pact/commitments.xml.asc */
	PA_SIG_KIND_COMMIT,
	PA_SIG_KIND_TAG		/* the submission tag */
};

/* One judged signature (a commit or tag has one: the best of its signatures). */
struct pa_sig_entry {
	enum pa_sig_kind kind;
	char *object;		/* pact/commitments.xml, a commit id, or the tag's ref */
	enum pa_sig_status status;
	const char *format;	/* "openpgp", "ssh", "x509", "none", "unknown" */
	char fpr[65];		/* the signer's primary fingerprint, or the issuer; "" unknown */
	char *uid;		/* the key's primary user id (raw, from the keyring), or NULL */
	long long created;	/* signature time, seconds since 1970; 0 unknown */
	unsigned needed;	/* rights the object needs (enum pa_right bits) */
	unsigned missing;	/* rights the signer lacks */
	bool authorised;	/* good, and the signer holds every right needed */
	char *signer;		/* the signer's name in the policy that judged it, or NULL */
	char *reason;		/* why it does not count; NULL when there is nothing to say */
	const char *key_revoked; /* its key's revocation ("superseded", ...), NULL if none */
	long long revoked_at;	/* a soft revocation's time; 0 otherwise */
	/* commits only */
	bool authenticated;	/* authorised, and every parent authenticated */
	bool root;		/* the trust root */
	char policy[65];	/* whose policy judged it: a parent id, "registry", itself; "" none */
	/* commits: what <git> records of them */
	char *parents;		/* parent ids, space separated */
	char *author;		/* "Name <email>" (raw) */
	long long date;		/* committer time */
	unsigned changes;	/* pact files changed against the first parent (enum pa_history_change) */
};

/* A signature that is good but whose signer the policy does not allow to sign that object. */
struct pa_sig_violation {
	size_t entry;		/* index in entries */
	unsigned missing;	/* the rights it lacks */
};

struct pa_sig_tag_info {
	char *name;		/* the tag's name */
	char *ref;		/* the ref it was reached by */
	char target[41];
	char id[41];		/* the tag object, "" for a lightweight tag */
};

struct pa_sig_report {
	const char *trust;	/* "registry", "self-declared", "none" */
	char *trust_how;	/* how the root was chosen, or why there is none */
	char *applicant;	/* the registry entry's id, or NULL */
	char *root;		/* the trust root commit ("" none); NULL outside git mode */
	char asc_blob[41];	/* blob of pact/commitments.xml.asc, "" for a worktree file */
	struct pa_sig_entry *entries;	/* detached, then commits parents first, then the tag */
	size_t count;
	struct pa_sig_violation *violations;
	size_t nviolations;
	const char *history;	/* "authenticated", "unauthenticated", "skipped" */
	bool pact_signed;	/* an authorised signature over the audited pact/commitments.xml */
	char *reason;		/* why the history is unauthenticated, or NULL */
	const char *skipped;	/* why there is no history, or NULL */
	struct pa_sig_tag_info *tag;	/* the submission tag, or NULL */
	size_t hits, verified;	/* objects from the cache, objects verified now */
};

/*
 * Verify the dossier's signatures (pact/commitments.xml.asc, commits from
 * the trust root, the submission tag) and judge them.  Bad signatures are
 * data in the report, not errors: < 0 only when the check itself cannot
 * run (GnuPG unusable, unreadable keyring).  Free with pa_sig_report_free().
 */
int pa_sig_check(struct pa_sig_report **out, struct pa_dossier *d,
    const struct pa_sig_opts *opts, struct pa_diag *diag);
void pa_sig_report_free(struct pa_sig_report *r);

/* "commitments pact-signature signers keys" for enum pa_history_change bits. */
int pa_sig_changes_format(struct pa_buf *out, unsigned changes);

#endif

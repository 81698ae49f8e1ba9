/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Shared by the files of sig/: one check of one dossier (struct run) and what it verifies. */
#ifndef PA_SIG_INTERNAL_H
#define PA_SIG_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>

#include "cache/cache.h"
#include "dossier/history.h"
#include "sig/facts.h"
#include "sig/gpg.h"
#include "sig/policy.h"
#include "sig/registry.h"
#include "sig/rnp.h"
#include "sig/sig.h"
#include "util/buf.h"
#include "util/digest.h"

#define PACT_FILE "pact/commitments.xml"
#define PACT_SIG_FILE "pact/commitments.xml.asc"
#define SIGNERS_FILE "pact/signers.xml"
#define KEYS_FILE "pact/keys.asc"
/* Bump when the meaning of cached facts or the private GnuPG setup changes. */
#define CACHE_VERSION "sig-facts 2"
/* Bump when librnp is set up differently (its facts are cached apart from GnuPG's). */
#define CACHE_VERSION_RNP "sig-facts 2 rnp"

/*
 * split.c: the signatures of a detached .asc one by one.  count is 0 when
 * the file is to be verified whole (one signature, or something the
 * verifier must judge); not_detached when it is a signed message
 * (clearsigned or inline), which is never a detached signature.
 */
struct pa_sig_parts {
	struct pa_buf *parts;	/* each a binary signature packet */
	size_t count;
	bool not_detached;
};

enum obj_kind { OBJ_DETACHED, OBJ_COMMIT, OBJ_TAG };

/* One object whose signature is checked. */
struct object {
	enum obj_kind kind;
	size_t commit;			/* history index (OBJ_COMMIT) */
	char *key;			/* cache key */
	enum pa_history_sigformat format;
	struct pa_sig_fact *facts;
	size_t nfacts;
	bool hit;			/* facts came from the cache */
	struct pa_buf sig, data;	/* filled on a miss */
	struct pa_sig_parts parts;	/* a detached .asc of several signatures, one by one */
};

/* Verdict for a commit of the walk. */
struct commit_state {
	bool checked;
	bool authorised;
	bool authenticated;
	struct pa_sig_verdict v;
	const struct pa_sig_fact *fact;
	const char *policy_from;	/* parent id, "registry" or the commit itself */
	struct pa_buf reason;
};

struct policy_memo {
	char blob[41];
	struct pa_policy *policy;
};

struct run {
	struct pa_dossier *d;
	const struct pa_sig_opts *opts;
	struct pa_diag *diag;
	long long as_of;
	/* trust */
	struct pa_registry *registry;
	const struct pa_registry_entry *entry;
	const char *trust;		/* "registry", "self-declared", "none" */
	struct pa_buf trust_reason;
	/* keys */
	struct pa_buf keyring, dossier_keys;
	char keyring_digest[PA_DIGEST_HEXLEN + 1];
	struct pa_keyset keys;
	bool have_keys;
	struct pa_gpg_home *home;	/* --verifier gpgme */
	struct pa_rnp *rnp;		/* --verifier rnp */
	struct pa_cache *cache;
	/* the dossier's files and history */
	struct pa_buf pact, pact_sig;
	bool has_pact, has_pact_sig;
	struct pa_policy *current;	/* the audited signers.xml */
	struct pa_policy *empty;
	struct pa_history *hist;
	struct policy_memo *memo;
	size_t nmemo;
	/* what is verified */
	struct object *objs;
	size_t nobjs, cap;
	struct commit_state *cs;
	size_t hits, misses;
	struct pa_buf bundle_key;	/* every object's key: one entry for a whole run */
	bool bundle_hit;
};

/* sig.c: the run's private GnuPG home with its keys, made on first need (gpg lock held). */
int pa_sig__ensure_home(struct run *r);
/* sig.c: the run's librnp keyring, made on first need. */
int pa_sig__ensure_rnp(struct run *r);
/* sig.c: the lock around every GPGME call and every fork of workers. */
void pa_sig__gpg_lock(void);
void pa_sig__gpg_unlock(void);

/* collect.c: what to verify, and verifying what the cache did not have. */
int pa_sig__collect_objects(struct run *r);
int pa_sig__verify_misses(struct run *r);

/* factcache.c: the fact cache (per object, a bundle per run, the keyset, the walk). */
const char *pa_sig__key_of(struct run *r, const struct object *o, struct pa_buf *tmp);
int pa_sig__lookup_cache(struct run *r);
int pa_sig__lookup_bundle(struct run *r);
int pa_sig__store(struct run *r, struct object *o);
int pa_sig__store_bundle(struct run *r);
int pa_sig__load_keyset(struct run *r);
int pa_sig__open_history(struct run *r, const char *root);
void pa_sig__cache_warn(void);

/* walk.c: judging each object, commit by commit from the trust root, into the report. */
int pa_sig__judge(struct pa_sig_report *rep, struct run *r, bool git_mode);

int pa_sig_split(struct pa_sig_parts *out, const char *sig, size_t len);
void pa_sig_parts_dispose(struct pa_sig_parts *s);

/* "YYYY-MM-DD" of t (UTC), "" for t <= 0. */
void pa_sig__iso_date(char out[16], long long t);

#endif

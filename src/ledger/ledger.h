/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * The auditor's decision ledger: a separate git repository in which every
 * decision and every waiver is one commit signed with the auditor's
 * OpenPGP key (GPGME), and whose own history is verified against the
 * ledger's policy.  pactaudit-trust(7) describes the ledger for users.
 *
 * Layout.  A bare repository; the branch refs/heads/main (HEAD) holds a
 * linear history.  The root commit's tree holds signers.xml (the ledger's
 * policy, the format of pact/signers.xml: right "commit" may record
 * decisions and waivers, right "signers" may change the policy) and
 * keys.asc (the auditors' public keys; never trusted by themselves).  Every
 * later commit keeps that tree and carries one record in its message: a
 * summary line, an empty line, then one JSON object
 * ({"pactaudit-ledger": 1, "type": "decision"|"waiver", ...}).
 *
 * Writes.  The record's commit is built on the current tip with
 * git_commit_create_buffer, signed detached through GPGME, written with
 * git_commit_create_with_signature, and the branch is moved with
 * compare-and-swap (git_reference_create_matching against the tip it was
 * built on).  Writers of one ledger also serialise the ref update on an
 * flock(2) on DIR/pactaudit.lock, which the kernel drops when a writer
 * dies, so a ref lock file found while holding it is a killed writer's and
 * is removed.  When the tip moved (another writer won), the commit is
 * rebuilt on the new tip, signed again and retried: no record is lost or
 * overwritten.  Objects and refs are fsync'd before the call returns, so a
 * record acknowledged (the call returned 0) survives a SIGKILL of the
 * writer at any later point, and a writer killed before that leaves only
 * unreferenced objects, which git fsck accepts.
 *
 * Verification.  pa_ledger_load() walks the branch from the root: the root
 * is the self-declared trust root (it authorises itself through its own
 * signers.xml); every later commit must be signed by a key that its
 * parent's signers.xml lists with the "commit" right (and "signers" when
 * it changes signers.xml or keys.asc).  A record that fails this is still
 * returned, with trusted false and a problem, so it can be reported; it
 * never counts as a decision or waiver.
 *
 * Threads: one struct pa_ledger per thread.  Nothing here prints.
 */
#ifndef PA_LEDGER_LEDGER_H
#define PA_LEDGER_LEDGER_H

#include <stdbool.h>
#include <stddef.h>

#include "ledger/waiver.h"
#include "util/buf.h"

#define PA_LEDGER_BRANCH "refs/heads/main"

enum pa_decision_kind {
	PA_DECISION_APPROVE,
	PA_DECISION_REJECT,
	PA_DECISION_CHANGES	/* changes requested */
};

/* "approve", "reject", "changes". */
const char *pa_decision_name(enum pa_decision_kind k);
int pa_decision_parse(enum pa_decision_kind *out, const char *name);

/* One decision on one dossier, as audited.  Strings owned inside a log entry, borrowed as an argument. */
struct pa_decision {
	enum pa_decision_kind decision;
	char *dossier;		/* dossier identity (pa_ledger_dossier_id) */
	char *commit;		/* the audited commit (40 hex), or NULL outside git mode */
	char *results_digest;	/* SHA-256 (hex) of the results document decided on */
	long long gpu_hours;	/* granted; -1 when not given */
	char *note;		/* or NULL */
};

enum pa_ledger_entry_kind {
	PA_LEDGER_POLICY,	/* the root (the first auditors) or a change of them */
	PA_LEDGER_DECISION,
	PA_LEDGER_WAIVER,
	PA_LEDGER_OTHER		/* not a record pactaudit can read (reported, never trusted) */
};

/* One commit of the ledger, judged. */
struct pa_ledger_entry {
	char commit[41];
	enum pa_ledger_entry_kind kind;
	long long time;			/* committer time, seconds since 1970 */
	char signer[65];		/* primary fingerprint of the signing key, "" unknown */
	char *signer_name;		/* the policy's name for it, else the key's user id, or NULL */
	const char *status;		/* of the signature (pactaudit-trust(7) names: good, bad, missing, ...); static */
	bool trusted;			/* status good and the signer holds the rights needed */
	char *problem;			/* why not trusted (one line), or NULL */
	struct pa_decision decision;	/* kind PA_LEDGER_DECISION */
	struct pa_waiver *waiver;	/* kind PA_LEDGER_WAIVER (owned) */
};

/* The verified history, root first. */
struct pa_ledger_log {
	struct pa_ledger_entry *entries;
	size_t count;
	size_t untrusted;	/* entries with trusted false */
	char root[41];		/* the root commit, "" for an empty ledger */
};

struct pa_ledger;

/* $XDG_DATA_HOME/pactaudit/ledger, else $HOME/.local/share/pactaudit/ledger. */
int pa_ledger_default_dir(struct pa_buf *out);

/*
 * Open the ledger at dir.  With create, a missing ledger is made (an
 * empty bare repository: its root commit comes with the first write).
 * PA_ENOTFOUND when it does not exist and create is false.
 */
int pa_ledger_open(struct pa_ledger **out, const char *dir, bool create);
void pa_ledger_free(struct pa_ledger *l);
const char *pa_ledger_dir(const struct pa_ledger *l);

/*
 * The signing identity: key is a fingerprint or user id of a secret key
 * in the user's GnuPG, or NULL for the first secret key that can sign.
 */
struct pa_ledger_signer {
	const char *key;
};

/*
 * Make the root commit: signers.xml listing the signing key (rights
 * "commit signers") and every fingerprint of `auditors` (right "commit";
 * their public keys must be in the user's keyring), keys.asc with all
 * their public keys.  PA_EINVALID when the ledger already has a root.
 */
int pa_ledger_init(char out[41], struct pa_ledger *l, const struct pa_ledger_signer *s,
    const char *const *auditors, size_t nauditors);

/*
 * Record a decision or a waiver; out receives the new commit id.  On an
 * empty ledger the root is made first (pa_ledger_init with the signer
 * alone).  The signer must be listed with the "commit" right in the
 * current policy (PA_EINVALID otherwise, nothing written).  The record is
 * checked first (pa_waiver_validate for a waiver; a waiver's approver is
 * the signer, whatever the argument says).  Returns 0 only once the
 * commit is durable and the branch points at it.
 */
int pa_ledger_decide(char out[41], struct pa_ledger *l, const struct pa_ledger_signer *s,
    const struct pa_decision *d);
int pa_ledger_waive(char out[41], struct pa_ledger *l, const struct pa_ledger_signer *s,
    const struct pa_waiver *w);

/*
 * Read and verify the whole history (see the top of this file).  keyring:
 * an extra file of public keys (the auditor's), or NULL; keys.asc of the
 * ledger is always read.  < 0 only when the ledger or GnuPG cannot be
 * read or run; problems with records are in the entries.
 */
int pa_ledger_load(struct pa_ledger_log **out, struct pa_ledger *l, const char *keyring);
void pa_ledger_log_free(struct pa_ledger_log *log);

/* The last trusted decision on the dossier, or NULL (borrowed from log). */
const struct pa_ledger_entry *pa_ledger_log_decision(const struct pa_ledger_log *log,
    const char *dossier);
/*
 * Append copies of the trusted waivers that may apply to the dossier (its
 * own, and those without a dossier) to out; NULL dossier: all of them.
 */
int pa_ledger_log_waivers(struct pa_waivers *out, const struct pa_ledger_log *log,
    const char *dossier);

/*
 * A dossier's identity in the ledger: "registry:ID" when a registry names
 * it, else the absolute, symlink-free path of its folder (a --path
 * subfolder appended as "PATH//SUB").  Appends to out.
 */
int pa_ledger_dossier_id(struct pa_buf *out, const char *location, const char *subdir,
    const char *registry_id);

#endif

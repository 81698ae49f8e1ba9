/* SPDX-License-Identifier: GPL-3.0-or-later */
/* A dossier's commit history for trust checks: commits from the trust root, raw signatures, changed pact files. */
#ifndef PA_DOSSIER_HISTORY_H
#define PA_DOSSIER_HISTORY_H

#include <stdbool.h>
#include <stddef.h>

#include "dossier/dossier.h"
#include "util/buf.h"
#include "util/diag.h"

/* A parent that lies outside the walk (it does not descend from the root). */
#define PA_HISTORY_NONE ((size_t)-1)

/* What a commit changes relative to one parent, under the dossier's folder. */
enum pa_history_change {
	PA_HISTORY_CHANGE_COMMITMENTS = 1u << 0,	/* pact/commitments.xml */
	PA_HISTORY_CHANGE_PACT_SIG = 1u << 1,		/* pact/commitments.xml.asc */
	PA_HISTORY_CHANGE_SIGNERS = 1u << 2,		/* pact/signers.xml */
	PA_HISTORY_CHANGE_KEYS = 1u << 3		/* pact/keys.asc */
};

/* How a commit or tag is signed, judged from the signature's armour. */
enum pa_history_sigformat {
	PA_HISTORY_SIG_NONE,		/* not signed */
	PA_HISTORY_SIG_OPENPGP,		/* -----BEGIN PGP SIGNATURE----- */
	PA_HISTORY_SIG_SSH,		/* -----BEGIN SSH SIGNATURE----- */
	PA_HISTORY_SIG_X509,		/* -----BEGIN SIGNED MESSAGE----- (gpgsm) */
	PA_HISTORY_SIG_UNKNOWN		/* anything else */
};

struct pa_history_commit {
	char id[41];
	size_t nparents;
	char (*parent_ids)[41];
	size_t *parents;	/* index of each parent in the walk, or PA_HISTORY_NONE */
	unsigned *changes;	/* per parent: enum pa_history_change bits */
	unsigned present;	/* pact files present in this commit (same bits) */
	char signers_blob[41];	/* pact/signers.xml in this commit, "" when absent */
	char *author;		/* "Name <email>" as recorded (not sanitised) */
	long long time;		/* committer time, seconds since 1970 */
	bool from_root;		/* the root, or a descendant of it through the walk */
};

struct pa_history_tag {
	char *name;		/* "submission" */
	char *ref;		/* "refs/tags/submission" */
	char *object_name;	/* the name recorded in the tag object; NULL for a lightweight tag */
	char id[41];		/* the tag object; "" for a lightweight tag */
	char target[41];	/* the commit it names */
};

struct pa_history;

/*
 * Walk the history of the dossier's audited commit (git mode only) back to
 * the trust root: `root` (a hex commit id, from a registry) or, when NULL,
 * the commit that introduced pact/signers.xml on the first-parent line of
 * the audited commit.  Commits come parents first; commits that do not
 * descend from the root (an unrelated history merged in) are listed with
 * from_root false.  A root that is missing or not an ancestor is recorded
 * (pa_history_root_reachable) and the walk is then only the audited
 * commit.  < 0 only when the repository cannot be read (message set).
 */
int pa_history_open(struct pa_history **out, struct pa_dossier *d,
    const char *root, struct pa_diag *diag);
void pa_history_free(struct pa_history *h);

/* The trust root commit id, "" when there is none. */
const char *pa_history_root(const struct pa_history *h);
/* True when the root exists and is the audited commit or one of its ancestors. */
bool pa_history_root_reachable(const struct pa_history *h);
size_t pa_history_count(const struct pa_history *h);
/* Borrowed; valid until pa_history_free(). */
const struct pa_history_commit *pa_history_at(const struct pa_history *h, size_t i);
/* Index of the root in the walk, or PA_HISTORY_NONE. */
size_t pa_history_root_index(const struct pa_history *h);
/* Index of the audited commit (the last one). */
size_t pa_history_target_index(const struct pa_history *h);
/* The tag that --rev named, or NULL when the revision is not a tag. */
const struct pa_history_tag *pa_history_tag(const struct pa_history *h);

/*
 * The signature of commit i and the exact bytes it covers.  Returns the
 * format (PA_HISTORY_SIG_NONE, sig and data left empty, for an unsigned
 * commit), or < 0 on a read error.
 */
int pa_history_commit_signature(struct pa_buf *sig, struct pa_buf *data,
    struct pa_history *h, size_t i);
/* Same for the tag object (a lightweight tag is unsigned). */
int pa_history_tag_signature(struct pa_buf *sig, struct pa_buf *data,
    struct pa_history *h);
/* Append the content of a blob (e.g. signers_blob) to out, within the file size limit. */
int pa_history_read_blob(struct pa_buf *out, struct pa_history *h, const char *blob);

/*
 * The walk is made of immutable facts (commit ids, parents, what each
 * commit changes), so it can be cached.  pa_history_cache_key() appends
 * everything the walk depends on (audited commit, dossier folder, root
 * asked for); pa_history_encode() the walk itself (not the tag, which
 * follows a movable ref); pa_history_open_encoded() rebuilds it for the
 * same dossier, resolving the tag again.  PA_EINVALID for data that is
 * not an encoded walk of this dossier's audited commit.
 */
int pa_history_cache_key(struct pa_buf *out, struct pa_dossier *d, const char *root);
int pa_history_encode(struct pa_buf *out, const struct pa_history *h);
int pa_history_open_encoded(struct pa_history **out, struct pa_dossier *d,
    const char *data, size_t len, struct pa_diag *diag);

/* The format of a raw signature, judged from its first line. */
enum pa_history_sigformat pa_history_sigformat(const char *sig, size_t len);
const char *pa_history_sigformat_name(enum pa_history_sigformat f);

/*
 * *out = whether commit `ancestor` (hex) is the dossier's audited commit
 * or one of its ancestors; false when it does not exist.
 */
int pa_history_is_ancestor(bool *out, struct pa_dossier *d, const char *ancestor);

/*
 * libgit2's revision walk and graph functions leak on a malformed commit:
 * call this before them.  It parses every commit reachable from `from` and
 * from `also` (NULL for none), and fails with "cannot read commit <id>" on
 * the first one that does not parse; a missing commit is left to the walk.
 */
struct git_oid;
int pa_history_check_parsable(struct git_repository *repo, const struct git_oid *from,
    const struct git_oid *also);

#endif

/* SPDX-License-Identifier: GPL-3.0-or-later */
/* A dossier at a revision (libgit2 object database) or as a folder. */
#ifndef PA_DOSSIER_DOSSIER_H
#define PA_DOSSIER_DOSSIER_H

#include <stdbool.h>
#include <stddef.h>

#include "util/buf.h"
#include "util/diag.h"
#include "util/error.h"

struct git_repository;

/* Initialise libgit2 once (main(), before threads) and lock it down. */
int pa_dossier_global_init(void);
void pa_dossier_global_cleanup(void);
/*
 * The one importer of libgit2 errors (dossier/ and ledger/ call libgit2):
 * sets the error message to "WHAT: libgit2's last message" and returns
 * PA_ERROR.
 */
int pa_dossier_git_error(const char *fmt, ...) PA_PRINTF(1, 2);

enum pa_dossier_mode {
	PA_DOSSIER_GIT,		/* read from the object database at a commit */
	PA_DOSSIER_WORKTREE,	/* a git checkout's working files (--worktree) */
	PA_DOSSIER_FOLDER	/* a plain folder, no git */
};

struct pa_dossier_opts {
	const char *rev;	/* revision (default "HEAD"); git mode only */
	bool worktree;		/* read working files instead of the commit */
	const char *subdir;	/* dossier inside a folder of the repository (--path) */
};

enum pa_dossier_entry {
	PA_DOSSIER_ENTRY_FILE,
	PA_DOSSIER_ENTRY_SYMLINK,	/* listed, never followed (a diagnostic) */
	PA_DOSSIER_ENTRY_SUBMODULE	/* listed, never entered (a diagnostic) */
};

struct pa_dossier_file {
	char *path;		/* relative to the dossier root, '/'-separated */
	size_t size;
	char blob[41];		/* hex blob id, "" outside git mode */
	enum pa_dossier_entry type;
};

struct pa_dossier;

/*
 * Open `location` (a folder; git repositories are recognised and read at
 * opts->rev unless opts->worktree).  Problems with the dossier's content
 * (symlinks, submodules, limits) go to diag; < 0 only when the dossier
 * cannot be read at all (no such folder, bad revision: message set).
 *
 * `location` must be the repository's top folder (it is opened with
 * GIT_REPOSITORY_OPEN_NO_SEARCH); any other folder is read in folder mode.
 * Git mode reads only the object database.  Worktree and folder modes walk
 * the folder without following symlinks and skip .git; worktree mode also
 * skips what .gitignore ignores unless the index tracks it.  Diagnostic
 * codes: dossier-symlink, dossier-submodule, dossier-file-too-large,
 * dossier-too-large, dossier-too-many-files, dossier-too-deep,
 * dossier-path-too-long, dossier-path-control, dossier-path-invalid,
 * dossier-duplicate-path, dossier-special-file, dossier-unreadable.
 * Each pa_dossier is used by one thread at a time.
 */
int pa_dossier_open(struct pa_dossier **out, const char *location,
    const struct pa_dossier_opts *opts, struct pa_diag *diag);
void pa_dossier_free(struct pa_dossier *d);

/*
 * pa_dossier_open() in git mode over a repository already open (one
 * whose object database is in memory, say): `name` stands for the
 * location in messages and in pa_dossier_location().  The dossier owns
 * repo from the call on (freed with it, or at once on failure).  Only
 * the object database and what opts->rev names are read: no working
 * tree (opts->worktree is refused), no status count.
 */
int pa_dossier_open_git(struct pa_dossier **out, struct git_repository *repo,
    const char *name, const struct pa_dossier_opts *opts, struct pa_diag *diag);

/*
 * The commit `location` would be audited at (hex, 40 digits) without
 * reading its tree: for cache keys.  PA_ENOTFOUND when it would not be read
 * in git mode (a folder, --worktree) or the revision does not resolve; no
 * message is left either way (pa_dossier_open reports the problem).
 */
int pa_dossier_resolve(char commit[41], const char *location,
    const struct pa_dossier_opts *opts);

/*
 * What an audit of `location` reads from git, named exactly, for cache
 * keys: appends to out the lines "commit <id>" (what is audited), "named
 * <type> <id>" (the object the revision names before peeling: for an
 * annotated tag the tag object itself, whose signature is checked),
 * "ref <full name>" ("-" when the revision is not a reference) and
 * "shallow <sha256>" of the repository's shallow file ("-" when not
 * shallow: a shallow clone holds less history) and "uncommitted <n>"
 * (pa_dossier_count_uncommitted, "-" where it does not apply).  PA_ENOTFOUND (no message)
 * as for pa_dossier_resolve, or when something cannot be read.
 */
int pa_dossier_identity(struct pa_buf *out, const char *location,
    const struct pa_dossier_opts *opts);

/*
 * The dossier a command run at `location` means, found as git finds its
 * repository: `location` itself when it holds application.xml or .git,
 * else the nearest parent folder that does.  *out is malloc'd.
 * PA_ENOTFOUND with a one-line message when neither `location` nor a
 * parent is a dossier (no application.xml, no repository).  With --path
 * (opts->subdir) `location` is taken as given.
 */
int pa_dossier_locate(char **out, const char *location,
    const struct pa_dossier_opts *opts);

/*
 * Changes in the working tree and index of the git dossier at `location`
 * (tracked files changed, staged, deleted, and untracked files not
 * ignored; under --path only that folder) that an audit at HEAD does not
 * see.  PA_ENOTFOUND (no message) when the audit would not read HEAD of a
 * repository with a working tree (a folder, --worktree, --rev).
 */
int pa_dossier_count_uncommitted(size_t *n, const char *location,
    const struct pa_dossier_opts *opts);

enum pa_dossier_mode pa_dossier_mode(const struct pa_dossier *d);
/* pa_dossier_count_uncommitted() of the dossier as opened; -1 where it does not apply. */
long pa_dossier_uncommitted(const struct pa_dossier *d);
const char *pa_dossier_location(const struct pa_dossier *d);
/* Hex commit id, or NULL outside git mode. */
const char *pa_dossier_commit(const struct pa_dossier *d);
/* Hex id of the dossier's tree (the --path folder's tree), or NULL outside git mode. */
const char *pa_dossier_tree(const struct pa_dossier *d);
/* The revision as asked for ("HEAD" by default), or NULL outside git mode. */
const char *pa_dossier_rev(const struct pa_dossier *d);
/* The normalised --path ("a/b", no leading or trailing '/'), "" when none. */
const char *pa_dossier_subdir(const struct pa_dossier *d);

size_t pa_dossier_file_count(const struct pa_dossier *d);
/* Borrowed; sorted by path; valid until pa_dossier_free(). */
const struct pa_dossier_file *pa_dossier_file_at(const struct pa_dossier *d, size_t i);
const struct pa_dossier_file *pa_dossier_find(const struct pa_dossier *d, const char *path);

/*
 * Append the content of a listed regular file to out (raw bytes: in git
 * mode the blob as stored, no filters).  PA_ENOTFOUND if not listed,
 * PA_ELIMIT over the file-size or total-size limit, PA_EINVALID for a
 * symlink or submodule, PA_ERROR if it cannot be read (message set).
 */
int pa_dossier_read(struct pa_buf *out, struct pa_dossier *d, const char *path);

/* The repository (borrowed), or NULL in folder mode; for dossier/history.c. */
struct git_repository *pa_dossier_git(const struct pa_dossier *d);

#endif

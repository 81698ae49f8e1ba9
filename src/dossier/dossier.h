/* SPDX-License-Identifier: GPL-3.0-or-later */
/* A dossier at a revision (libgit2 object database) or as a folder. */
#ifndef PA_DOSSIER_DOSSIER_H
#define PA_DOSSIER_DOSSIER_H

#include <stdbool.h>
#include <stddef.h>

#include "util/buf.h"
#include "util/diag.h"

struct git_repository;

/* Initialise libgit2 once (main(), before threads) and lock it down. */
int pa_dossier_global_init(void);
void pa_dossier_global_cleanup(void);

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
 */
int pa_dossier_open(struct pa_dossier **out, const char *location,
    const struct pa_dossier_opts *opts, struct pa_diag *diag);
void pa_dossier_free(struct pa_dossier *d);

enum pa_dossier_mode pa_dossier_mode(const struct pa_dossier *d);
const char *pa_dossier_location(const struct pa_dossier *d);
/* Hex commit id, or NULL outside git mode. */
const char *pa_dossier_commit(const struct pa_dossier *d);
const char *pa_dossier_tree(const struct pa_dossier *d);
const char *pa_dossier_rev(const struct pa_dossier *d);
const char *pa_dossier_subdir(const struct pa_dossier *d);

size_t pa_dossier_file_count(const struct pa_dossier *d);
/* Borrowed; sorted by path; valid until pa_dossier_free(). */
const struct pa_dossier_file *pa_dossier_file_at(const struct pa_dossier *d, size_t i);
const struct pa_dossier_file *pa_dossier_find(const struct pa_dossier *d, const char *path);

/*
 * Append the content of a listed regular file to out.  PA_ENOTFOUND if not
 * listed, PA_ELIMIT over the size limit.
 */
int pa_dossier_read(struct pa_buf *out, struct pa_dossier *d, const char *path);

/* The repository (borrowed), or NULL in folder mode; for dossier/history.c. */
struct git_repository *pa_dossier_git(const struct pa_dossier *d);

#endif

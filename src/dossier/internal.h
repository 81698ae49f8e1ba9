/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Private state of an open dossier, shared by dossier.c and tree.c. */
#ifndef PA_DOSSIER_INTERNAL_H
#define PA_DOSSIER_INTERNAL_H

#include <git2.h>
#include <stdbool.h>
#include <stddef.h>

#include "dossier/dossier.h"
#include "util/diag.h"

struct pa_dossier_ent {
	struct pa_dossier_file pub;	/* first: pa_dossier_file_at() hands out &ent->pub */
	bool over_budget;		/* past the total-size limit: listed, never read */
};

struct pa_dossier {
	enum pa_dossier_mode mode;
	char *location;			/* as given */
	char *rev;			/* git mode: the revision asked for; else NULL */
	char *subdir;			/* normalised --path, "" when none */
	char commit[41];		/* git mode: hex ids; "" otherwise */
	char tree[41];
	git_repository *repo;		/* git and worktree modes */
	git_odb *odb;			/* git mode */
	git_index *index;		/* worktree mode: tracked files are never ignored */
	int rootfd;			/* worktree/folder mode: the dossier folder; -1 in git mode */
	long uncommitted;		/* git mode at HEAD: changes not in the commit; else -1 */

	struct pa_dossier_ent *ents;	/* sorted by path once opened */
	size_t count, alloc;
	bool count_full;		/* the file-count limit was reached */
};

/*
 * Walk the git tree (git mode) or the folder at d->rootfd (worktree and
 * folder modes), appending entries to d->ents.  Limits and hostile entries
 * become diagnostics; < 0 only for out of memory or a broken repository.
 */
int pa_dossier_walk_git(struct pa_dossier *d, git_tree *tree, struct pa_diag *diag);
int pa_dossier_walk_dir(struct pa_dossier *d, struct pa_diag *diag);

/*
 * Sort the entries by path, drop duplicates and mark files past the
 * total-size limit (diagnostics for both).
 */
void pa_dossier_finish_list(struct pa_dossier *d, struct pa_diag *diag);

#endif

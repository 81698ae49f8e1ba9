/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Real git repositories and folders made at test time (libgit2), for dossier and evidence tests. */
#ifndef PA_TESTS_UNIT_GITREPO_H
#define PA_TESTS_UNIT_GITREPO_H

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <git2.h>

#include "util/file.h"

/* A fresh temporary folder (free() the name; remove with pa_file_rm_rf). */
static inline char *
tr_tmpdir(void)
{
	const char *base = getenv("TMPDIR");
	char *p;
	size_t n;

	if (base == NULL || *base == '\0')
		base = "/tmp";
	n = strlen(base) + 32;
	if ((p = malloc(n)) == NULL)
		abort();
	snprintf(p, n, "%s/pa-unit.XXXXXX", base);
	if (mkdtemp(p) == NULL)
		abort();
	return p;
}

/* dir + "/" + rel in a static rotating buffer. */
static inline const char *
tr_path(const char *dir, const char *rel)
{
	static char bufs[4][4096];
	static int which;
	char *b = bufs[which++ & 3];

	if ((size_t)snprintf(b, sizeof(bufs[0]), "%s/%s", dir, rel) >= sizeof(bufs[0]))
		abort();
	return b;
}

/* Create the parent folders of dir/rel. */
static inline void
tr_mkparents(const char *dir, const char *rel)
{
	char p[4096], *s;

	if ((size_t)snprintf(p, sizeof(p), "%s/%s", dir, rel) >= sizeof(p))
		abort();
	for (s = p + strlen(dir) + 1; (s = strchr(s, '/')) != NULL; s++) {
		*s = '\0';
		if (mkdir(p, 0755) < 0 && errno != EEXIST)
			abort();
		*s = '/';
	}
}

static inline void
tr_write_n(const char *dir, const char *rel, const char *data, size_t len)
{
	FILE *fp;

	tr_mkparents(dir, rel);
	if ((fp = fopen(tr_path(dir, rel), "wb")) == NULL)
		abort();
	if (len > 0 && fwrite(data, 1, len, fp) != len)
		abort();
	fclose(fp);
}

static inline void
tr_write(const char *dir, const char *rel, const char *text)
{
	tr_write_n(dir, rel, text, strlen(text));
}

/* Copy a fixture file (relative to tests/fixtures/) to dir/rel. */
static inline void
tr_copy_fixture(const char *dir, const char *rel, const char *fixture)
{
	struct pa_buf b = PA_BUF_INIT;
	char src[4096];
	const char *top = getenv("top_srcdir");

	snprintf(src, sizeof(src), "%s/tests/fixtures/%s", top ? top : "..", fixture);
	if (pa_file_read(&b, src, 64u * 1024 * 1024, 0) < 0)
		abort();
	tr_write_n(dir, rel, b.ptr, b.size);
	pa_buf_dispose(&b);
}

static inline git_repository *
tr_repo_init(const char *dir)
{
	git_repository *repo = NULL;

	if (git_repository_init(&repo, dir, 0) < 0)
		abort();
	return repo;
}

/* Stage everything in the working tree, like `git add -A` (removes what was deleted). */
static inline void
tr_stage_all(git_repository *repo)
{
	git_index *index = NULL;

	if (git_repository_index(&index, repo) < 0 ||
	    git_index_add_all(index, NULL, 0, NULL, NULL) < 0 ||
	    git_index_write(index) < 0)
		abort();
	git_index_free(index);
}

/* Commit the index as it is on HEAD; returns the commit id. */
static inline git_oid
tr_commit_index(git_repository *repo, const char *msg)
{
	git_signature *sig = NULL;
	git_index *index = NULL;
	git_tree *tree = NULL;
	git_commit *parent = NULL;
	git_object *head = NULL;
	git_oid tree_id, id;
	const git_commit *parents[1];
	size_t n = 0;

	if (git_repository_index(&index, repo) < 0 ||
	    git_index_write_tree(&tree_id, index) < 0 ||
	    git_tree_lookup(&tree, repo, &tree_id) < 0 ||
	    git_signature_new(&sig, "Test Committer", "committer@example.org",
	    1767225600, 0) < 0)
		abort();
	if (git_revparse_single(&head, repo, "HEAD") == 0) {
		if (git_commit_lookup(&parent, repo, git_object_id(head)) < 0)
			abort();
		parents[n++] = parent;
	}
	if (git_commit_create(&id, repo, "HEAD", sig, sig, NULL, msg, tree, n, parents) < 0)
		abort();
	git_object_free(head);
	git_commit_free(parent);
	git_tree_free(tree);
	git_index_free(index);
	git_signature_free(sig);
	return id;
}

/* Stage everything and commit. */
static inline git_oid
tr_commit_all(git_repository *repo, const char *msg)
{
	tr_stage_all(repo);
	return tr_commit_index(repo, msg);
}

/* An annotated tag on HEAD. */
static inline void
tr_tag(git_repository *repo, const char *name)
{
	git_object *head = NULL;
	git_signature *sig = NULL;
	git_oid id;

	if (git_revparse_single(&head, repo, "HEAD") < 0 ||
	    git_signature_new(&sig, "Test Committer", "committer@example.org",
	    1767225600, 0) < 0 ||
	    git_tag_create(&id, repo, name, head, sig, "submission", 0) < 0)
		abort();
	git_signature_free(sig);
	git_object_free(head);
}

/* Put a gitlink (submodule) entry at path into the index; commit it with tr_commit_index(). */
static inline void
tr_add_gitlink(git_repository *repo, const char *path)
{
	git_index *index = NULL;
	git_index_entry e;

	memset(&e, 0, sizeof(e));
	e.mode = GIT_FILEMODE_COMMIT;
	e.path = path;
	if (git_oid_fromstr(&e.id, "0123456789abcdef0123456789abcdef01234567") < 0 ||
	    git_repository_index(&index, repo) < 0 ||
	    git_index_add(index, &e) < 0 || git_index_write(index) < 0)
		abort();
	git_index_free(index);
}

/*
 * Write, on top of commit `parent` (with tree `tree`), a malformed commit
 * (no committer line) and a merge of parent and that commit; returns the
 * merge's id, the malformed commit's in *broken.  Nothing points at them.
 */
static inline git_oid
tr_malformed_merge(git_repository *repo, const git_oid *tree, const git_oid *parent,
    git_oid *broken)
{
	git_odb *odb = NULL;
	struct pa_buf raw = PA_BUF_INIT;
	char treehex[41], parenthex[41], brokenhex[41];
	git_oid merge;

	git_oid_tostr(treehex, sizeof(treehex), tree);
	git_oid_tostr(parenthex, sizeof(parenthex), parent);
	if (git_repository_odb(&odb, repo) < 0 ||
	    pa_buf_printf(&raw, "tree %s\nparent %s\nauthor A <a@example.org> 1 +0000\n\nbroken\n",
	    treehex, parenthex) < 0 ||
	    git_odb_write(broken, odb, raw.ptr, raw.size, GIT_OBJECT_COMMIT) < 0)
		abort();
	git_oid_tostr(brokenhex, sizeof(brokenhex), broken);
	pa_buf_clear(&raw);
	if (pa_buf_printf(&raw, "tree %s\nparent %s\nparent %s\n"
	    "author A <a@example.org> 2 +0000\ncommitter A <a@example.org> 2 +0000\n\nmerge\n",
	    treehex, parenthex, brokenhex) < 0 ||
	    git_odb_write(&merge, odb, raw.ptr, raw.size, GIT_OBJECT_COMMIT) < 0)
		abort();
	pa_buf_dispose(&raw);
	git_odb_free(odb);
	return merge;
}

#endif

/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Unit tests for dossier/: git, worktree and folder modes on real repositories made at test time. */
#include "config.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <unistd.h>

#include "dossier/dossier.h"
#include "dossier/history.h"
#include "lib/cutest.h"
#include "unit/gitrepo.h"
#include "util/buf.h"
#include "util/diag.h"
#include "util/error.h"
#include "util/file.h"
#include "util/limits.h"

static struct pa_diag diag = PA_DIAG_INIT;

static size_t
count_diag(const char *code, const char *path)
{
	size_t i, n = 0;

	for (i = 0; i < diag.count; i++) {
		if (strcmp(diag.entries[i].code, code) != 0)
			continue;
		if (path == NULL || (diag.entries[i].path &&
		    strcmp(diag.entries[i].path, path) == 0))
			n++;
	}
	return n;
}

static struct pa_dossier *
open_d(const char *loc, const char *rev, bool worktree, const char *subdir)
{
	struct pa_dossier_opts o = { .rev = rev, .worktree = worktree, .subdir = subdir };
	struct pa_dossier *d = NULL;

	pa_diag_dispose(&diag);
	pa_error_clear();
	if (pa_dossier_open(&d, loc, &o, &diag) < 0)
		return NULL;
	return d;
}

/* Content of path as a NUL-terminated string (free()), or NULL with *rc set. */
static char *
read_s(struct pa_dossier *d, const char *path, int *rc)
{
	struct pa_buf b = PA_BUF_INIT;
	int error;

	error = pa_dossier_read(&b, d, path);
	if (rc)
		*rc = error;
	if (error < 0) {
		CU_ASSERT_EQUAL(b.size, 0);
		pa_buf_dispose(&b);
		return NULL;
	}
	return pa_buf_detach(&b);
}

static bool
read_is(struct pa_dossier *d, const char *path, const char *want)
{
	char *s = read_s(d, path, NULL);
	bool ok = s != NULL && strcmp(s, want) == 0;

	free(s);
	return ok;
}

static void
test_dossier_git_head_rev_tag_and_worktree(void)
{
	char *dir = tr_tmpdir(), c1[41], c2[41];
	git_repository *repo = tr_repo_init(dir);
	struct pa_dossier *d;
	git_oid id;

	tr_write(dir, "application.xml", "v1");
	id = tr_commit_all(repo, "first");
	git_oid_tostr(c1, sizeof(c1), &id);
	tr_tag(repo, "submission");
	tr_write(dir, "application.xml", "v2");
	id = tr_commit_all(repo, "second");
	git_oid_tostr(c2, sizeof(c2), &id);
	/* uncommitted edits and an untracked file */
	tr_write(dir, "application.xml", "v3 uncommitted");
	tr_write(dir, "docs/new.md", "# new");

	d = open_d(dir, NULL, false, NULL);
	CU_ASSERT_PTR_NOT_NULL_FATAL(d);
	CU_ASSERT_EQUAL(pa_dossier_mode(d), PA_DOSSIER_GIT);
	CU_ASSERT_STRING_EQUAL(pa_dossier_rev(d), "HEAD");
	CU_ASSERT_STRING_EQUAL(pa_dossier_commit(d), c2);
	CU_ASSERT_EQUAL(strlen(pa_dossier_tree(d)), 40);
	CU_ASSERT_TRUE(read_is(d, "application.xml", "v2"));
	CU_ASSERT_PTR_NULL(pa_dossier_find(d, "docs/new.md"));
	CU_ASSERT_EQUAL(pa_dossier_file_count(d), 1);
	CU_ASSERT_EQUAL(strlen(pa_dossier_find(d, "application.xml")->blob), 40);
	CU_ASSERT_PTR_NOT_NULL(pa_dossier_git(d));
	pa_dossier_free(d);

	d = open_d(dir, c1, false, NULL);
	CU_ASSERT_PTR_NOT_NULL_FATAL(d);
	CU_ASSERT_TRUE(read_is(d, "application.xml", "v1"));
	CU_ASSERT_STRING_EQUAL(pa_dossier_rev(d), c1);
	pa_dossier_free(d);

	d = open_d(dir, "submission", false, NULL);
	CU_ASSERT_PTR_NOT_NULL_FATAL(d);
	CU_ASSERT_STRING_EQUAL(pa_dossier_commit(d), c1);	/* the tag is peeled to its commit */
	CU_ASSERT_TRUE(read_is(d, "application.xml", "v1"));
	pa_dossier_free(d);

	d = open_d(dir, "HEAD~1", false, NULL);
	CU_ASSERT_PTR_NOT_NULL_FATAL(d);
	CU_ASSERT_TRUE(read_is(d, "application.xml", "v1"));
	pa_dossier_free(d);

	d = open_d(dir, NULL, true, NULL);
	CU_ASSERT_PTR_NOT_NULL_FATAL(d);
	CU_ASSERT_EQUAL(pa_dossier_mode(d), PA_DOSSIER_WORKTREE);
	CU_ASSERT_PTR_NULL(pa_dossier_commit(d));
	CU_ASSERT_PTR_NULL(pa_dossier_rev(d));
	CU_ASSERT_TRUE(read_is(d, "application.xml", "v3 uncommitted"));
	CU_ASSERT_PTR_NOT_NULL(pa_dossier_find(d, "docs/new.md"));
	CU_ASSERT_STRING_EQUAL(pa_dossier_find(d, "docs/new.md")->blob, "");
	CU_ASSERT_PTR_NULL(pa_dossier_find(d, ".git/HEAD"));
	pa_dossier_free(d);

	git_repository_free(repo);
	pa_file_rm_rf(dir);
	free(dir);
}

static void
test_dossier_git_mode_ignores_deleted_worktree_files(void)
{
	char *dir = tr_tmpdir();
	git_repository *repo = tr_repo_init(dir);
	struct pa_dossier *d;

	tr_write(dir, "pact/signers.xml", "committed");
	tr_commit_all(repo, "first");
	CU_ASSERT_EQUAL(unlink(tr_path(dir, "pact/signers.xml")), 0);
	d = open_d(dir, NULL, false, NULL);
	CU_ASSERT_PTR_NOT_NULL_FATAL(d);
	CU_ASSERT_TRUE(read_is(d, "pact/signers.xml", "committed"));
	pa_dossier_free(d);
	git_repository_free(repo);
	pa_file_rm_rf(dir);
	free(dir);
}

static const struct {
	const char *rev;
	const char *message;
} bad_revs[] = {
	{ "nope", "cannot resolve 'nope' in " },
	{ "v9.9", "cannot resolve 'v9.9' in " },
	{ "HEAD^{tree}", "does not name a commit" },
	{ "0000000000000000000000000000000000000001", "cannot resolve" },
	{ "", "empty revision" },
};

static void
test_dossier_bad_revision_is_an_error(void)
{
	char *dir = tr_tmpdir();
	git_repository *repo = tr_repo_init(dir);
	size_t i;

	tr_write(dir, "application.xml", "x");
	tr_commit_all(repo, "first");
	for (i = 0; i < sizeof(bad_revs) / sizeof(bad_revs[0]); i++) {
		CU_ASSERT_PTR_NULL(open_d(dir, bad_revs[i].rev, false, NULL));
		CU_ASSERT_PTR_NOT_NULL_FATAL(pa_error_last());
		if (strstr(pa_error_last(), bad_revs[i].message) == NULL) {
			fprintf(stderr, "rev '%s': message '%s'\n", bad_revs[i].rev,
			    pa_error_last());
			CU_FAIL("message does not say what went wrong");
		}
	}
	git_repository_free(repo);
	pa_file_rm_rf(dir);
	free(dir);
}

static void
test_dossier_empty_repository(void)
{
	char *dir = tr_tmpdir();
	git_repository *repo = tr_repo_init(dir);

	CU_ASSERT_PTR_NULL(open_d(dir, NULL, false, NULL));
	CU_ASSERT_PTR_NOT_NULL(strstr(pa_error_last(), "no commits yet"));
	git_repository_free(repo);
	pa_file_rm_rf(dir);
	free(dir);
}

static void
test_dossier_usage_errors(void)
{
	char *dir = tr_tmpdir();

	tr_write(dir, "a.txt", "a");
	CU_ASSERT_PTR_NULL(open_d(tr_path(dir, "missing"), NULL, false, NULL));
	CU_ASSERT_PTR_NOT_NULL(strstr(pa_error_last(), "no such folder"));
	CU_ASSERT_PTR_NULL(open_d(tr_path(dir, "a.txt"), NULL, false, NULL));
	CU_ASSERT_PTR_NOT_NULL(strstr(pa_error_last(), "is not a folder"));
	CU_ASSERT_PTR_NULL(open_d(dir, "HEAD", false, NULL));
	CU_ASSERT_PTR_NOT_NULL(strstr(pa_error_last(), "not a git repository"));
	CU_ASSERT_PTR_NULL(open_d(dir, "HEAD", true, NULL));
	CU_ASSERT_PTR_NOT_NULL(strstr(pa_error_last(), "cannot be used together"));
	pa_file_rm_rf(dir);
	free(dir);
}

static void
test_dossier_folder_mode(void)
{
	char *dir = tr_tmpdir();
	struct pa_dossier *d;

	tr_write(dir, "application.xml", "folder");
	tr_write(dir, "models/m/README.md", "card");
	d = open_d(dir, NULL, false, NULL);
	CU_ASSERT_PTR_NOT_NULL_FATAL(d);
	CU_ASSERT_EQUAL(pa_dossier_mode(d), PA_DOSSIER_FOLDER);
	CU_ASSERT_PTR_NULL(pa_dossier_commit(d));
	CU_ASSERT_PTR_NULL(pa_dossier_tree(d));
	CU_ASSERT_PTR_NULL(pa_dossier_git(d));
	CU_ASSERT_STRING_EQUAL(pa_dossier_subdir(d), "");
	CU_ASSERT_STRING_EQUAL(pa_dossier_location(d), dir);
	CU_ASSERT_EQUAL(pa_dossier_file_count(d), 2);
	CU_ASSERT_TRUE(read_is(d, "models/m/README.md", "card"));
	CU_ASSERT_EQUAL(diag.count, 0);
	pa_dossier_free(d);
	/* --worktree on a plain folder is folder mode too */
	d = open_d(dir, NULL, true, NULL);
	CU_ASSERT_PTR_NOT_NULL_FATAL(d);
	CU_ASSERT_EQUAL(pa_dossier_mode(d), PA_DOSSIER_FOLDER);
	pa_dossier_free(d);
	pa_file_rm_rf(dir);
	free(dir);
}

static void
test_dossier_symlinks_never_followed(void)
{
	char *dir = tr_tmpdir();
	git_repository *repo = tr_repo_init(dir);
	struct pa_dossier *d;
	const struct pa_dossier_file *f;
	int pass, rc;
	char *s;

	tr_write(dir, "application.xml", "x");
	tr_mkparents(dir, "pact/keys.asc");
	CU_ASSERT_EQUAL_FATAL(symlink("/etc/passwd", tr_path(dir, "pact/keys.asc")), 0);
	CU_ASSERT_EQUAL_FATAL(symlink("/etc", tr_path(dir, "docs")), 0);
	tr_commit_all(repo, "links");

	for (pass = 0; pass < 2; pass++) {
		d = open_d(dir, NULL, pass == 1, NULL);
		CU_ASSERT_PTR_NOT_NULL_FATAL(d);
		f = pa_dossier_find(d, "pact/keys.asc");
		CU_ASSERT_PTR_NOT_NULL_FATAL(f);
		CU_ASSERT_EQUAL(f->type, PA_DOSSIER_ENTRY_SYMLINK);
		f = pa_dossier_find(d, "docs");
		CU_ASSERT_PTR_NOT_NULL_FATAL(f);
		CU_ASSERT_EQUAL(f->type, PA_DOSSIER_ENTRY_SYMLINK);
		CU_ASSERT_PTR_NULL(pa_dossier_find(d, "docs/passwd"));
		CU_ASSERT_EQUAL(pa_dossier_file_count(d), 3);
		CU_ASSERT_EQUAL(count_diag("dossier-symlink", "pact/keys.asc"), 1);
		CU_ASSERT_EQUAL(count_diag("dossier-symlink", "docs"), 1);
		s = read_s(d, "pact/keys.asc", &rc);
		CU_ASSERT_PTR_NULL(s);
		CU_ASSERT_EQUAL(rc, PA_EINVALID);
		free(s);
		pa_dossier_free(d);
	}
	git_repository_free(repo);
	pa_file_rm_rf(dir);
	free(dir);
}

static void
test_dossier_submodules_never_entered(void)
{
	char *dir = tr_tmpdir(), *dir2 = tr_tmpdir();
	git_repository *repo = tr_repo_init(dir);
	struct pa_dossier *d;
	const struct pa_dossier_file *f;
	int rc;

	/* git mode: a gitlink in the tree */
	tr_write(dir, "application.xml", "x");
	tr_stage_all(repo);
	tr_add_gitlink(repo, "vendor/sub");
	tr_commit_index(repo, "with a submodule");
	d = open_d(dir, NULL, false, NULL);
	CU_ASSERT_PTR_NOT_NULL_FATAL(d);
	f = pa_dossier_find(d, "vendor/sub");
	CU_ASSERT_PTR_NOT_NULL_FATAL(f);
	CU_ASSERT_EQUAL(f->type, PA_DOSSIER_ENTRY_SUBMODULE);
	CU_ASSERT_EQUAL(count_diag("dossier-submodule", "vendor/sub"), 1);
	CU_ASSERT_PTR_NULL(read_s(d, "vendor/sub", &rc));
	CU_ASSERT_EQUAL(rc, PA_EINVALID);
	pa_dossier_free(d);

	/* folder mode: a nested repository */
	tr_write(dir2, "application.xml", "x");
	tr_write(dir2, "vendor/sub/.git/HEAD", "ref: refs/heads/main\n");
	tr_write(dir2, "vendor/sub/secret.txt", "never listed");
	d = open_d(dir2, NULL, false, NULL);
	CU_ASSERT_PTR_NOT_NULL_FATAL(d);
	CU_ASSERT_EQUAL(pa_dossier_mode(d), PA_DOSSIER_FOLDER);
	f = pa_dossier_find(d, "vendor/sub");
	CU_ASSERT_PTR_NOT_NULL_FATAL(f);
	CU_ASSERT_EQUAL(f->type, PA_DOSSIER_ENTRY_SUBMODULE);
	CU_ASSERT_PTR_NULL(pa_dossier_find(d, "vendor/sub/secret.txt"));
	CU_ASSERT_EQUAL(count_diag("dossier-submodule", "vendor/sub"), 1);
	pa_dossier_free(d);

	git_repository_free(repo);
	pa_file_rm_rf(dir);
	pa_file_rm_rf(dir2);
	free(dir);
	free(dir2);
}

static void
test_dossier_file_too_large(void)
{
	char *dir = tr_tmpdir(), *big;
	git_repository *repo = tr_repo_init(dir);
	struct pa_dossier *d;
	const struct pa_dossier_file *f;
	size_t n = PA_LIMIT_FILE_SIZE + 1;
	int pass, rc;

	big = malloc(n);
	CU_ASSERT_PTR_NOT_NULL_FATAL(big);
	memset(big, 'a', n);
	tr_write_n(dir, "docs/big.md", big, n);
	tr_write_n(dir, "docs/fits.md", big, n - 1);
	free(big);
	tr_write(dir, "application.xml", "small");
	tr_commit_all(repo, "big");
	for (pass = 0; pass < 2; pass++) {
		d = open_d(dir, NULL, pass == 1, NULL);
		CU_ASSERT_PTR_NOT_NULL_FATAL(d);
		f = pa_dossier_find(d, "docs/big.md");
		CU_ASSERT_PTR_NOT_NULL_FATAL(f);
		CU_ASSERT_EQUAL(f->size, n);
		CU_ASSERT_EQUAL(count_diag("dossier-file-too-large", "docs/big.md"), 1);
		CU_ASSERT_EQUAL(count_diag("dossier-file-too-large", NULL), 1);
		CU_ASSERT_PTR_NULL(read_s(d, "docs/big.md", &rc));
		CU_ASSERT_EQUAL(rc, PA_ELIMIT);
		CU_ASSERT_TRUE(read_is(d, "application.xml", "small"));	/* the rest is still read */
		free(read_s(d, "docs/fits.md", &rc));
		CU_ASSERT_EQUAL(rc, 0);
		pa_dossier_free(d);
	}
	git_repository_free(repo);
	pa_file_rm_rf(dir);
	free(dir);
}

static void
test_dossier_too_many_files(void)
{
	char *dir = tr_tmpdir(), name[64];
	struct pa_dossier *d;
	int i, fd;

	for (i = 0; i < PA_LIMIT_FILE_COUNT + 5; i++) {
		snprintf(name, sizeof(name), "%s/f%05d", dir, i);
		fd = open(name, O_WRONLY | O_CREAT | O_EXCL, 0644);
		CU_ASSERT_FATAL(fd >= 0);
		close(fd);
	}
	d = open_d(dir, NULL, false, NULL);
	CU_ASSERT_PTR_NOT_NULL_FATAL(d);
	CU_ASSERT_EQUAL(pa_dossier_file_count(d), PA_LIMIT_FILE_COUNT);
	CU_ASSERT_EQUAL(count_diag("dossier-too-many-files", NULL), 1);
	/* deterministic: the first files in name order are kept */
	CU_ASSERT_PTR_NOT_NULL(pa_dossier_find(d, "f00000"));
	CU_ASSERT_PTR_NULL(pa_dossier_find(d, "f20004"));
	pa_dossier_free(d);
	pa_file_rm_rf(dir);
	free(dir);
}

static void
test_dossier_total_size_limit(void)
{
	char *dir = tr_tmpdir(), *big, name[32];
	git_repository *repo = tr_repo_init(dir);
	git_treebuilder *tb = NULL;
	git_signature *sig = NULL;
	git_tree *tree = NULL;
	git_oid blob, tid, cid;
	struct pa_dossier *d;
	size_t i, files = PA_LIMIT_TOTAL_SIZE / PA_LIMIT_FILE_SIZE + 3;
	int rc;

	/* one 4 MiB blob named many times: a large tree costs nothing to make */
	big = calloc(1, PA_LIMIT_FILE_SIZE);
	CU_ASSERT_PTR_NOT_NULL_FATAL(big);
	CU_ASSERT_EQUAL_FATAL(git_blob_create_from_buffer(&blob, repo, big,
	    PA_LIMIT_FILE_SIZE), 0);
	free(big);
	CU_ASSERT_EQUAL_FATAL(git_treebuilder_new(&tb, repo, NULL), 0);
	for (i = 0; i < files; i++) {
		snprintf(name, sizeof(name), "f%03zu", i);
		CU_ASSERT_EQUAL_FATAL(git_treebuilder_insert(NULL, tb, name, &blob,
		    GIT_FILEMODE_BLOB), 0);
	}
	CU_ASSERT_EQUAL_FATAL(git_treebuilder_write(&tid, tb), 0);
	CU_ASSERT_EQUAL_FATAL(git_tree_lookup(&tree, repo, &tid), 0);
	CU_ASSERT_EQUAL_FATAL(git_signature_new(&sig, "T", "t@example.org", 1767225600, 0), 0);
	CU_ASSERT_EQUAL_FATAL(git_commit_create(&cid, repo, "HEAD", sig, sig, NULL, "big",
	    tree, 0, NULL), 0);

	d = open_d(dir, NULL, false, NULL);
	CU_ASSERT_PTR_NOT_NULL_FATAL(d);
	CU_ASSERT_EQUAL(pa_dossier_file_count(d), files);
	CU_ASSERT_EQUAL(count_diag("dossier-too-large", NULL), 1);
	free(read_s(d, "f000", &rc));
	CU_ASSERT_EQUAL(rc, 0);
	snprintf(name, sizeof(name), "f%03zu", files - 1);
	CU_ASSERT_PTR_NULL(read_s(d, name, &rc));
	CU_ASSERT_EQUAL(rc, PA_ELIMIT);
	pa_dossier_free(d);

	git_signature_free(sig);
	git_tree_free(tree);
	git_treebuilder_free(tb);
	git_repository_free(repo);
	pa_file_rm_rf(dir);
	free(dir);
}

static void
test_dossier_subdir(void)
{
	char *dir = tr_tmpdir();
	git_repository *repo = tr_repo_init(dir);
	struct pa_dossier *d;
	int pass;

	tr_write(dir, "src/main.c", "int main;");
	tr_write(dir, "compute/dossier/application.xml", "inside");
	tr_write(dir, "compute/dossier/docs/a.md", "# a");
	tr_commit_all(repo, "monorepo");
	CU_ASSERT_EQUAL_FATAL(symlink("compute/dossier", tr_path(dir, "link")), 0);
	for (pass = 0; pass < 2; pass++) {
		d = open_d(dir, NULL, pass == 1, "/compute//./dossier/");
		CU_ASSERT_PTR_NOT_NULL_FATAL(d);
		CU_ASSERT_STRING_EQUAL(pa_dossier_subdir(d), "compute/dossier");
		CU_ASSERT_EQUAL(pa_dossier_file_count(d), 2);
		CU_ASSERT_STRING_EQUAL(pa_dossier_file_at(d, 0)->path, "application.xml");
		CU_ASSERT_STRING_EQUAL(pa_dossier_file_at(d, 1)->path, "docs/a.md");
		CU_ASSERT_TRUE(read_is(d, "application.xml", "inside"));
		CU_ASSERT_PTR_NULL(pa_dossier_find(d, "src/main.c"));
		pa_dossier_free(d);

		CU_ASSERT_PTR_NULL(open_d(dir, NULL, pass == 1, "missing"));
		CU_ASSERT_PTR_NOT_NULL(strstr(pa_error_last(), "no folder 'missing'"));
		CU_ASSERT_PTR_NULL(open_d(dir, NULL, pass == 1, "src/main.c"));
		CU_ASSERT_PTR_NULL(open_d(dir, NULL, pass == 1, "compute/../src"));
		CU_ASSERT_PTR_NOT_NULL(strstr(pa_error_last(), "'..'"));
	}
	/* worktree: --path through a symlink is refused */
	CU_ASSERT_PTR_NULL(open_d(dir, NULL, true, "link"));
	CU_ASSERT_PTR_NOT_NULL(strstr(pa_error_last(), "symbolic link"));
	git_repository_free(repo);
	pa_file_rm_rf(dir);
	free(dir);
}

/* The walk never reads a .git folder; --path cannot name one either (git mode has none to name). */
/* d did not open, and the message says `want`. */
static bool
refused(struct pa_dossier *d, const char *want)
{
	bool ok = d == NULL && pa_error_last() != NULL && strstr(pa_error_last(), want) != NULL;

	pa_dossier_free(d);
	return ok;
}

static void
test_dossier_subdir_never_dotgit(void)
{
	char *dir = tr_tmpdir(), *plain = tr_tmpdir();
	git_repository *repo = tr_repo_init(dir);
	struct pa_dossier *d;
	int pass;

	tr_write(dir, "application.xml", "x");
	tr_write(dir, "sub/.git/HEAD", "ref: refs/heads/main\n");
	tr_commit_all(repo, "first");
	for (pass = 0; pass < 2; pass++) {
		CU_ASSERT_TRUE(refused(open_d(dir, NULL, pass == 1, ".git"), "no folder '.git'"));
		CU_ASSERT_TRUE(refused(open_d(dir, NULL, pass == 1, "./.git/refs/"),
		    "no folder '.git/refs'"));
	}
	CU_ASSERT_TRUE(refused(open_d(dir, NULL, true, "sub/.git"), "no folder 'sub/.git'"));
	/* a folder named .git that is no repository: folder mode skips it, --path too */
	tr_write(plain, "a/.git/x", "inside");
	tr_write(plain, "a/.gitx/y", "beside");
	CU_ASSERT_TRUE(refused(open_d(plain, NULL, false, "a/.git"), "no folder 'a/.git'"));
	d = open_d(plain, NULL, false, "a/.gitx");
	CU_ASSERT_PTR_NOT_NULL_FATAL(d);
	CU_ASSERT_PTR_NOT_NULL(pa_dossier_find(d, "y"));
	pa_dossier_free(d);
	git_repository_free(repo);
	pa_file_rm_rf(plain);
	pa_file_rm_rf(dir);
	free(plain);
	free(dir);
}

static void
test_dossier_depth_limit(void)
{
	char *dir = tr_tmpdir(), rel[4096];
	struct pa_dossier *d;
	size_t n = 0;
	int i;

	for (i = 0; i < PA_LIMIT_TREE_DEPTH + 2; i++) {
		n += (size_t)snprintf(rel + n, sizeof(rel) - n, "d/");
		if (i == PA_LIMIT_TREE_DEPTH - 1) {
			snprintf(rel + n, sizeof(rel) - n, "ok.md");
			tr_write(dir, rel, "deep but allowed");
		}
	}
	snprintf(rel + n, sizeof(rel) - n, "too-deep.md");
	tr_write(dir, rel, "never listed");
	d = open_d(dir, NULL, false, NULL);
	CU_ASSERT_PTR_NOT_NULL_FATAL(d);
	CU_ASSERT_EQUAL(pa_dossier_file_count(d), 1);
	CU_ASSERT_PTR_NOT_NULL(strstr(pa_dossier_file_at(d, 0)->path, "/ok.md"));
	CU_ASSERT_EQUAL(count_diag("dossier-too-deep", NULL), 1);
	pa_dossier_free(d);
	pa_file_rm_rf(dir);
	free(dir);
}

static void
test_dossier_path_limits_and_control_characters(void)
{
	char *dir = tr_tmpdir(), seg[256], rel[2048];
	struct pa_dossier *d;
	size_t i;
	int j;

	tr_write(dir, "ok.md", "ok");
	tr_write(dir, "bad\x1b[31mname.md", "escape");
	tr_write(dir, "nl\nname.md", "newline");
	tr_write(dir, "c1\xc2\x9bname.md", "c1 control");
	tr_write(dir, "ctl\x01/inside.md", "in a folder with a control character");
	memset(seg, 'x', 250);
	seg[250] = '\0';
	rel[0] = '\0';
	for (j = 0; j < 5; j++) {
		strncat(rel, seg, sizeof(rel) - strlen(rel) - 1);
		strncat(rel, "/", sizeof(rel) - strlen(rel) - 1);
	}
	strncat(rel, "long.md", sizeof(rel) - strlen(rel) - 1);
	tr_write(dir, rel, "long");

	d = open_d(dir, NULL, false, NULL);
	CU_ASSERT_PTR_NOT_NULL_FATAL(d);
	CU_ASSERT_EQUAL(pa_dossier_file_count(d), 1);
	CU_ASSERT_PTR_NOT_NULL(pa_dossier_find(d, "ok.md"));
	CU_ASSERT_EQUAL(count_diag("dossier-path-control", NULL), 4);
	CU_ASSERT_EQUAL(count_diag("dossier-path-too-long", NULL), 1);
	for (i = 0; i < diag.count; i++) {
		/* diagnostics hold sanitised paths: no raw control bytes */
		CU_ASSERT_PTR_NULL(strpbrk(diag.entries[i].path, "\x1b\n\x01"));
		CU_ASSERT_PTR_NULL(strstr(diag.entries[i].path, "\xc2\x9b"));
	}
	pa_dossier_free(d);
	pa_file_rm_rf(dir);
	free(dir);
}

static void
test_dossier_sorted_and_find(void)
{
	static const char *const names[] = {
		"b.md", "a/z.md", "a-b/c.md", "A.md", "a/b/c.md", "docs/x.md"
	};
	char *dir = tr_tmpdir();
	struct pa_dossier *d;
	size_t i;
	int rc;

	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		tr_write(dir, names[i], names[i]);
	d = open_d(dir, NULL, false, NULL);
	CU_ASSERT_PTR_NOT_NULL_FATAL(d);
	CU_ASSERT_EQUAL_FATAL(pa_dossier_file_count(d), 6);
	for (i = 1; i < pa_dossier_file_count(d); i++)
		CU_ASSERT_TRUE(strcmp(pa_dossier_file_at(d, i - 1)->path,
		    pa_dossier_file_at(d, i)->path) < 0);
	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		CU_ASSERT_PTR_NOT_NULL(pa_dossier_find(d, names[i]));
		CU_ASSERT_TRUE(read_is(d, names[i], names[i]));
	}
	CU_ASSERT_PTR_NULL(pa_dossier_find(d, "a"));
	CU_ASSERT_PTR_NULL(pa_dossier_file_at(d, 6));
	CU_ASSERT_PTR_NULL(read_s(d, "nope.md", &rc));
	CU_ASSERT_EQUAL(rc, PA_ENOTFOUND);
	pa_dossier_free(d);
	pa_file_rm_rf(dir);
	free(dir);
}

static void
test_dossier_worktree_honours_gitignore(void)
{
	char *dir = tr_tmpdir();
	git_repository *repo = tr_repo_init(dir);
	git_index *index = NULL;
	struct pa_dossier *d;

	tr_write(dir, ".gitignore", "build/\n*.log\n");
	tr_write(dir, "application.xml", "x");
	tr_commit_all(repo, "first");
	tr_write(dir, "keep.log", "tracked although ignored");
	CU_ASSERT_EQUAL_FATAL(git_repository_index(&index, repo), 0);
	CU_ASSERT_EQUAL_FATAL(git_index_add_bypath(index, "keep.log"), 0);
	CU_ASSERT_EQUAL_FATAL(git_index_write(index), 0);
	git_index_free(index);
	tr_write(dir, "debug.log", "ignored");
	tr_write(dir, "build/out.bin", "ignored folder");
	tr_write(dir, "notes.md", "untracked, not ignored");

	d = open_d(dir, NULL, true, NULL);
	CU_ASSERT_PTR_NOT_NULL_FATAL(d);
	CU_ASSERT_PTR_NOT_NULL(pa_dossier_find(d, "keep.log"));
	CU_ASSERT_PTR_NOT_NULL(pa_dossier_find(d, "notes.md"));
	CU_ASSERT_PTR_NOT_NULL(pa_dossier_find(d, "application.xml"));
	CU_ASSERT_PTR_NULL(pa_dossier_find(d, "debug.log"));
	CU_ASSERT_PTR_NULL(pa_dossier_find(d, "build/out.bin"));
	pa_dossier_free(d);
	git_repository_free(repo);
	pa_file_rm_rf(dir);
	free(dir);
}

static void
test_dossier_fifo_is_skipped_not_opened(void)
{
	char *dir = tr_tmpdir();
	struct pa_dossier *d;

	tr_write(dir, "application.xml", "x");
	CU_ASSERT_EQUAL_FATAL(mkfifo(tr_path(dir, "pipe"), 0644), 0);
	d = open_d(dir, NULL, false, NULL);
	CU_ASSERT_PTR_NOT_NULL_FATAL(d);
	CU_ASSERT_PTR_NULL(pa_dossier_find(d, "pipe"));
	CU_ASSERT_EQUAL(count_diag("dossier-special-file", "pipe"), 1);
	pa_dossier_free(d);
	pa_file_rm_rf(dir);
	free(dir);
}

static void
test_dossier_swapped_for_symlink_after_listing(void)
{
	char *dir = tr_tmpdir();
	struct pa_dossier *d;
	int rc;

	tr_write(dir, "pact/signers.xml", "real");
	d = open_d(dir, NULL, false, NULL);
	CU_ASSERT_PTR_NOT_NULL_FATAL(d);
	/* replace the folder by a symlink between listing and reading */
	CU_ASSERT_EQUAL(pa_file_rm_rf(tr_path(dir, "pact")), 0);
	tr_write(dir, "elsewhere/signers.xml", "other");
	CU_ASSERT_EQUAL_FATAL(symlink("elsewhere", tr_path(dir, "pact")), 0);
	CU_ASSERT_PTR_NULL(read_s(d, "pact/signers.xml", &rc));
	CU_ASSERT_TRUE(rc < 0);
	pa_dossier_free(d);
	pa_file_rm_rf(dir);
	free(dir);
}

static int
suite_init(void)
{
	return pa_dossier_global_init() < 0;
}

static int
suite_clean(void)
{
	pa_diag_dispose(&diag);
	pa_dossier_global_cleanup();
	return 0;
}

/* The walk survives its cache record; anything else (older text, another version) is refused. */
static void
test_dossier_history_record_round_trip(void)
{
	char *dir = tr_tmpdir();
	git_repository *repo = tr_repo_init(dir);
	struct pa_dossier *d;
	struct pa_history *h = NULL, *h2 = NULL;
	struct pa_buf enc = PA_BUF_INIT, bad = PA_BUF_INIT;
	size_t i, j;
	char *p;

	tr_write(dir, "pact/signers.xml", "<signers/>");
	tr_commit_all(repo, "policy");
	tr_write(dir, "pact/commitments.xml", "<c/>");
	tr_commit_all(repo, "pledge");
	tr_write(dir, "application.xml", "<a/>");
	tr_commit_all(repo, "application");
	d = open_d(dir, NULL, false, NULL);
	CU_ASSERT_PTR_NOT_NULL_FATAL(d);
	CU_ASSERT_EQUAL_FATAL(pa_history_open(&h, d, NULL, &diag), 0);
	CU_ASSERT_EQUAL_FATAL(pa_history_count(h), 3);
	CU_ASSERT_EQUAL(pa_history_encode(&enc, h), 0);
	CU_ASSERT_EQUAL(strncmp(enc.ptr, "{\"pactaudit\":\"history\",\"version\":", 33), 0);
	CU_ASSERT_EQUAL_FATAL(pa_history_open_encoded(&h2, d, enc.ptr, enc.size, &diag), 0);
	CU_ASSERT_EQUAL(pa_history_count(h2), pa_history_count(h));
	CU_ASSERT_STRING_EQUAL(pa_history_root(h2), pa_history_root(h));
	CU_ASSERT_EQUAL(pa_history_root_index(h2), pa_history_root_index(h));
	CU_ASSERT_EQUAL(pa_history_root_reachable(h2), pa_history_root_reachable(h));
	for (i = 0; i < pa_history_count(h); i++) {
		const struct pa_history_commit *a = pa_history_at(h, i), *b = pa_history_at(h2, i);

		CU_ASSERT_STRING_EQUAL(a->id, b->id);
		CU_ASSERT_STRING_EQUAL(a->author, b->author);
		CU_ASSERT_STRING_EQUAL(a->signers_blob, b->signers_blob);
		CU_ASSERT_EQUAL(a->present, b->present);
		CU_ASSERT_EQUAL(a->time, b->time);
		CU_ASSERT_EQUAL(a->from_root, b->from_root);
		CU_ASSERT_EQUAL_FATAL(a->nparents, b->nparents);
		for (j = 0; j < a->nparents; j++) {
			CU_ASSERT_STRING_EQUAL(a->parent_ids[j], b->parent_ids[j]);
			CU_ASSERT_EQUAL(a->parents[j], b->parents[j]);
			CU_ASSERT_EQUAL(a->changes[j], b->changes[j]);
		}
	}
	pa_history_free(h2);
	h2 = NULL;

	/* the text an older version wrote, another version, a torn record */
	pa_buf_puts(&bad, "pactaudit-history 1\ntarget 0\n");
	CU_ASSERT_EQUAL(pa_history_open_encoded(&h2, d, bad.ptr, bad.size, &diag), PA_EINVALID);
	pa_buf_clear(&bad);
	pa_buf_puts(&bad, enc.ptr);
	p = strstr(bad.ptr, "\"version\":");
	CU_ASSERT_PTR_NOT_NULL_FATAL(p);
	p[10] = '9';
	CU_ASSERT_EQUAL(pa_history_open_encoded(&h2, d, bad.ptr, bad.size, &diag), PA_EINVALID);
	CU_ASSERT_EQUAL(pa_history_open_encoded(&h2, d, enc.ptr, enc.size - 2, &diag), PA_EINVALID);
	/* a parent index that points forwards */
	pa_buf_clear(&bad);
	pa_buf_puts(&bad, enc.ptr);
	p = strstr(bad.ptr, "\"commits\":[[");
	CU_ASSERT_PTR_NOT_NULL_FATAL(p);
	p = strstr(p + 12, "[[\"");	/* the second commit's parents */
	CU_ASSERT_PTR_NOT_NULL_FATAL(p);
	CU_ASSERT_EQUAL_FATAL(strncmp(p + 43, "\",0,", 3), 0);
	p[45] = '1';
	CU_ASSERT_EQUAL(pa_history_open_encoded(&h2, d, bad.ptr, bad.size, &diag), PA_EINVALID);
	p[45] = '0';
	CU_ASSERT_EQUAL(pa_history_open_encoded(&h2, d, bad.ptr, bad.size, &diag), 0);
	pa_history_free(h2);
	h2 = NULL;
	CU_ASSERT_PTR_NULL(h2);

	pa_buf_dispose(&bad);
	pa_buf_dispose(&enc);
	pa_history_free(h);
	pa_dossier_free(d);
	git_repository_free(repo);
	pa_file_rm_rf(dir);
	free(dir);
}

/* Regression: paths that differ only in case were read as two files, silently. */
static void
test_dossier_case_colliding_paths(void)
{
	char *dir = tr_tmpdir();
	git_repository *repo = tr_repo_init(dir);
	struct pa_dossier *d;
	int mode;

	tr_write(dir, "application.xml", "real");
	tr_write(dir, "Application.xml", "shadow");
	tr_write(dir, "docs/a.md", "a");
	tr_write(dir, "Docs/b.md", "b");
	tr_write(dir, "Docs/c.md", "c");
	tr_write(dir, "models/m/README.md", "no collision");
	tr_commit_all(repo, "colliding");
	for (mode = 0; mode < 2; mode++) {
		d = open_d(dir, NULL, mode == 1, NULL);
		CU_ASSERT_PTR_NOT_NULL_FATAL(d);
		/* one finding per spelling: the file, and the folder once for both files */
		CU_ASSERT_EQUAL(count_diag("dossier-case-collision", NULL), 2);
		CU_ASSERT_EQUAL(count_diag("dossier-case-collision", "application.xml"), 1);
		CU_ASSERT_EQUAL(count_diag("dossier-case-collision", "docs"), 1);
		/* both are still listed */
		CU_ASSERT_PTR_NOT_NULL(pa_dossier_find(d, "Application.xml"));
		CU_ASSERT_PTR_NOT_NULL(pa_dossier_find(d, "application.xml"));
		pa_dossier_free(d);
	}
	git_repository_free(repo);
	pa_file_rm_rf(dir);
	free(dir);
}

/*
 * Regression: a tree entry spelt like the repository folder ('.GIT', '.git.',
 * 'git~1'; git refuses such trees, a crafted one can hold them) was listed
 * as an ordinary file, and '.git' itself skipped without a word.
 */
static void
test_dossier_dotgit_entries(void)
{
	static const char *const names[] = {	/* in git's tree order */
		".GIT", ".git", ".git .", ".git.", ".gitignore", "application.xml", "git~1", "git~2"
	};
	char *dir = tr_tmpdir();
	git_repository *repo = tr_repo_init(dir);
	git_odb *odb = NULL;
	git_reference *ref = NULL;
	struct pa_buf raw = PA_BUF_INIT;
	struct pa_dossier *d;
	git_oid blob, tree, commit;
	size_t i;

	CU_ASSERT_EQUAL_FATAL(git_repository_odb(&odb, repo), 0);
	CU_ASSERT_EQUAL_FATAL(git_odb_write(&blob, odb, "x", 1, GIT_OBJECT_BLOB), 0);
	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		pa_buf_printf(&raw, "100644 %s", names[i]);
		pa_buf_putc(&raw, '\0');
		pa_buf_put(&raw, (const char *)blob.id, GIT_OID_RAWSZ);
	}
	CU_ASSERT_EQUAL_FATAL(git_odb_write(&tree, odb, raw.ptr, raw.size, GIT_OBJECT_TREE), 0);
	pa_buf_clear(&raw);
	pa_buf_printf(&raw, "tree %s\nauthor A <a@example.org> 1 +0000\n"
	    "committer A <a@example.org> 1 +0000\n\ndot git\n", git_oid_tostr_s(&tree));
	CU_ASSERT_EQUAL_FATAL(git_odb_write(&commit, odb, raw.ptr, raw.size, GIT_OBJECT_COMMIT), 0);
	CU_ASSERT_EQUAL_FATAL(git_reference_create(&ref, repo, "refs/heads/dotgit", &commit, 1,
	    "dot git"), 0);
	d = open_d(dir, "dotgit", false, NULL);
	CU_ASSERT_PTR_NOT_NULL_FATAL(d);
	/* five spellings of the repository folder: each a finding, none listed */
	CU_ASSERT_EQUAL(count_diag("dossier-path-dotgit", NULL), 5);
	CU_ASSERT_EQUAL(count_diag("dossier-path-dotgit", ".git"), 1);
	CU_ASSERT_EQUAL(count_diag("dossier-path-dotgit", "git~1"), 1);
	CU_ASSERT_PTR_NULL(pa_dossier_find(d, ".GIT"));
	CU_ASSERT_PTR_NULL(pa_dossier_find(d, ".git."));
	/* names that only start like it are files */
	CU_ASSERT_PTR_NOT_NULL(pa_dossier_find(d, ".gitignore"));
	CU_ASSERT_PTR_NOT_NULL(pa_dossier_find(d, "git~2"));
	CU_ASSERT_PTR_NOT_NULL(pa_dossier_find(d, "application.xml"));
	pa_dossier_free(d);

	pa_buf_dispose(&raw);
	git_reference_free(ref);
	git_odb_free(odb);
	git_repository_free(repo);
	pa_file_rm_rf(dir);
	free(dir);
}

/*
 * Regression (found by the gitrepo fuzz target): a merge whose second
 * parent is a malformed commit (no committer) made libgit2's revision walk
 * leak the parent list it had parsed; such a commit is now refused, by
 * name, before libgit2 walks or compares the history.
 */
static void
test_dossier_history_malformed_parent_commit(void)
{
	char *dir = tr_tmpdir();
	git_repository *repo = tr_repo_init(dir);
	git_commit *first = NULL;
	git_reference *head = NULL, *ref = NULL;
	struct pa_dossier *d;
	struct pa_history *h = NULL;
	struct pa_buf msg = PA_BUF_INIT;
	git_oid c1, broken, merge;
	char c1hex[41], brokenhex[41];
	bool anc = true;

	tr_write(dir, "pact/signers.xml", "<signers/>");
	c1 = tr_commit_all(repo, "policy");
	git_oid_tostr(c1hex, sizeof(c1hex), &c1);
	CU_ASSERT_EQUAL_FATAL(git_commit_lookup(&first, repo, &c1), 0);
	merge = tr_malformed_merge(repo, git_commit_tree_id(first), &c1, &broken);
	git_oid_tostr(brokenhex, sizeof(brokenhex), &broken);
	CU_ASSERT_EQUAL_FATAL(git_repository_head(&head, repo), 0);
	CU_ASSERT_EQUAL_FATAL(git_reference_set_target(&ref, head, &merge, "merge"), 0);
	d = open_d(dir, NULL, false, NULL);
	CU_ASSERT_PTR_NOT_NULL_FATAL(d);
	pa_buf_printf(&msg, "cannot read commit %s", brokenhex);

	/* the self-declared root, a root given by a registry, and the ancestry question */
	CU_ASSERT(pa_history_open(&h, d, NULL, &diag) < 0);
	CU_ASSERT_PTR_NULL(h);
	CU_ASSERT_PTR_NOT_NULL(strstr(pa_error_last() ? pa_error_last() : "", msg.ptr));
	pa_error_clear();
	CU_ASSERT(pa_history_open(&h, d, c1hex, &diag) < 0);
	CU_ASSERT_PTR_NOT_NULL(strstr(pa_error_last() ? pa_error_last() : "", msg.ptr));
	pa_error_clear();
	CU_ASSERT(pa_history_is_ancestor(&anc, d, c1hex) < 0);
	CU_ASSERT_PTR_NOT_NULL(strstr(pa_error_last() ? pa_error_last() : "", msg.ptr));
	pa_error_clear();

	pa_buf_dispose(&msg);
	pa_dossier_free(d);
	git_reference_free(ref);
	git_reference_free(head);
	git_commit_free(first);
	git_repository_free(repo);
	pa_file_rm_rf(dir);
	free(dir);
}

static CU_TestInfo dossier_tests[] = {
	{ "git: HEAD, --rev, tag, worktree", test_dossier_git_head_rev_tag_and_worktree },
	{ "git mode never reads the working tree", test_dossier_git_mode_ignores_deleted_worktree_files },
	{ "bad revision is an error", test_dossier_bad_revision_is_an_error },
	{ "empty repository", test_dossier_empty_repository },
	{ "usage errors", test_dossier_usage_errors },
	{ "plain folder mode", test_dossier_folder_mode },
	{ "symlinks never followed", test_dossier_symlinks_never_followed },
	{ "submodules never entered", test_dossier_submodules_never_entered },
	{ "file too large", test_dossier_file_too_large },
	{ "too many files", test_dossier_too_many_files },
	{ "total size limit", test_dossier_total_size_limit },
	{ "--path subdir", test_dossier_subdir },
	{ "--path never names .git", test_dossier_subdir_never_dotgit },
	{ "depth limit", test_dossier_depth_limit },
	{ "path limits, control characters", test_dossier_path_limits_and_control_characters },
	{ "sorted listing, find", test_dossier_sorted_and_find },
	{ "worktree honours .gitignore", test_dossier_worktree_honours_gitignore },
	{ "fifo skipped", test_dossier_fifo_is_skipped_not_opened },
	{ "folder swapped for a symlink", test_dossier_swapped_for_symlink_after_listing },
	{ "history cache record round trip", test_dossier_history_record_round_trip },
	{ "case-colliding paths are a finding", test_dossier_case_colliding_paths },
	{ "tree entries spelt like .git are findings", test_dossier_dotgit_entries },
	{ "history: a malformed parent commit is refused by name",
	    test_dossier_history_malformed_parent_commit },
	CU_TEST_INFO_NULL
};

static CU_SuiteInfo suites[] = {
	{ "dossier", suite_init, suite_clean, NULL, NULL, dossier_tests },
	CU_SUITE_INFO_NULL
};

PA_TEST_MAIN(suites)

/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Opening a dossier at a revision (object database only) or as a folder, and reading its files. */
#include "config.h"

#include "dossier/dossier.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <git2.h>

#include "dossier/internal.h"
#include "util/alloc.h"
#include "util/buf.h"
#include "util/digest.h"
#include "util/error.h"
#include "util/file.h"
#include "util/limits.h"

/*
 * A .git that is a file ("gitdir: ...", as in a linked worktree or a
 * submodule's checkout) or a symlink makes the folder's history another
 * repository's: reported, so an auditor knows what was read.
 */
static void
check_gitdir(struct pa_dossier *d, struct pa_diag *diag)
{
	struct pa_buf p = PA_BUF_INIT;
	struct stat st;

	pa_buf_printf(&p, "%s/.git", d->location);
	if (!pa_buf_oom(&p) && lstat(p.ptr, &st) == 0 && !S_ISDIR(st.st_mode))
		pa_diag_add(diag, PA_DIAG_WARNING, "dossier-gitdir-elsewhere", ".git", 0, NULL,
		    "'.git' is %s the repository '%s': the history audited is that "
		    "repository's, not this folder's own",
		    S_ISLNK(st.st_mode) ? "a symbolic link to" : "a file that points to",
		    git_repository_commondir(d->repo));
	pa_buf_dispose(&p);
}

/* "a//b/./c/" -> "a/b/c"; ".." and control characters are refused. */
static int
normalise_subdir(char **out, const char *in)
{
	struct pa_buf b = PA_BUF_INIT;
	const char *p = in, *e;
	size_t n;
	int error = 0;

	*out = NULL;
	for (p = in ? in : ""; *p != '\0'; p = e) {
		while (*p == '/')
			p++;
		for (e = p; *e != '\0' && *e != '/'; e++) {
			if ((unsigned char)*e < 0x20 || *e == 0x7f) {
				error = pa_error_setc(PA_EUSAGE, PA_ERRCLASS_USAGE,
				    "invalid --path '%s': control characters", in);
				goto done;
			}
		}
		n = (size_t)(e - p);
		if (n == 0 || (n == 1 && p[0] == '.'))
			continue;
		if (n == 2 && p[0] == '.' && p[1] == '.') {
			error = pa_error_setc(PA_EUSAGE, PA_ERRCLASS_USAGE,
			    "invalid --path '%s': '..' is not allowed", in);
			goto done;
		}
		if (b.size > 0)
			pa_buf_putc(&b, '/');
		pa_buf_put(&b, p, n);
	}
	if (b.size > PA_LIMIT_PATH_LEN) {
		error = pa_error_setc(PA_EUSAGE, PA_ERRCLASS_USAGE,
		    "invalid --path: longer than %d bytes", PA_LIMIT_PATH_LEN);
		goto done;
	}
	if ((*out = pa_buf_detach(&b)) == NULL)
		error = PA_ENOMEM;
done:
	pa_buf_dispose(&b);
	return error;
}

/*
 * Worktree and folder modes: open location, then --path one component at a
 * time, never through a symlink, nor into a folder named .git (the walk
 * skips every one, and git mode has none to name).
 */
static int
open_folder(struct pa_dossier *d, struct pa_diag *diag)
{
	const char *p, *e;
	char comp[NAME_MAX + 1];
	size_t n;
	int fd, nfd, error = 0;

	if ((fd = open(d->location, O_RDONLY | O_DIRECTORY | O_CLOEXEC)) < 0)
		return pa_error_from_os("cannot open folder", d->location);
	for (p = d->subdir; *p != '\0'; p = *e ? e + 1 : e) {
		e = strchr(p, '/');
		if (e == NULL)
			e = p + strlen(p);
		n = (size_t)(e - p);
		if (n > NAME_MAX || (n == 4 && memcmp(p, ".git", 4) == 0)) {
			error = pa_error_set(PA_ERRCLASS_DOSSIER, "no folder '%s' in %s",
			    d->subdir, d->location);
			goto done;
		}
		memcpy(comp, p, n);
		comp[n] = '\0';
		nfd = openat(fd, comp, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
		if (nfd < 0) {
			struct stat st;

			if (errno == ELOOP || (errno == ENOTDIR &&
			    fstatat(fd, comp, &st, AT_SYMLINK_NOFOLLOW) == 0 &&
			    S_ISLNK(st.st_mode)))
				error = pa_error_set(PA_ERRCLASS_DOSSIER,
				    "'%s' in %s is a symbolic link, not a folder",
				    d->subdir, d->location);
			else if (errno == ENOENT || errno == ENOTDIR)
				error = pa_error_set(PA_ERRCLASS_DOSSIER, "no folder '%s' in %s",
				    d->subdir, d->location);
			else
				error = pa_error_from_os("cannot open folder", d->subdir);
			goto done;
		}
		close(fd);
		fd = nfd;
	}
	d->rootfd = fd;
	fd = -1;	/* owned by d now */
	error = pa_dossier_walk_dir(d, diag);
done:
	if (fd >= 0)
		close(fd);
	return error;
}

static int
open_git(struct pa_dossier *d, const char *rev, struct pa_diag *diag)
{
	git_object *obj = NULL, *peeled = NULL;
	git_tree *tree = NULL, *sub = NULL;
	git_tree_entry *ent = NULL;
	int error = 0;

	if ((d->rev = pa_strdup(rev)) == NULL)
		return PA_ENOMEM;
	if (rev[0] == '\0') {
		error = pa_error_set(PA_ERRCLASS_USAGE, "empty revision for %s", d->location);
		goto done;
	}
	if (git_revparse_single(&obj, d->repo, rev) < 0) {
		if (strcmp(rev, "HEAD") == 0 && git_repository_head_unborn(d->repo) == 1)
			error = pa_error_set(PA_ERRCLASS_GIT,
			    "cannot resolve 'HEAD' in %s: the repository has no commits yet",
			    d->location);
		else
			error = pa_error_set(PA_ERRCLASS_GIT, "cannot resolve '%s' in %s",
			    rev, d->location);
		goto done;
	}
	if (git_object_peel(&peeled, obj, GIT_OBJECT_COMMIT) < 0) {
		error = pa_error_set(PA_ERRCLASS_GIT,
		    "cannot resolve '%s' in %s: it does not name a commit", rev, d->location);
		goto done;
	}
	git_oid_tostr(d->commit, sizeof(d->commit), git_object_id(peeled));
	if (git_commit_tree(&tree, (git_commit *)peeled) < 0) {
		error = pa_dossier_git_error("cannot read the tree of %s in %s", rev,
		    d->location);
		goto done;
	}
	if (d->subdir[0] != '\0') {
		if (git_tree_entry_bypath(&ent, tree, d->subdir) < 0 ||
		    git_tree_entry_type(ent) != GIT_OBJECT_TREE) {
			error = pa_error_set(PA_ERRCLASS_DOSSIER, "no folder '%s' at %s in %s",
			    d->subdir, rev, d->location);
			goto done;
		}
		if (git_tree_lookup(&sub, d->repo, git_tree_entry_id(ent)) < 0) {
			error = pa_dossier_git_error("cannot read folder '%s' at %s in %s",
			    d->subdir, rev, d->location);
			goto done;
		}
	}
	git_oid_tostr(d->tree, sizeof(d->tree), git_tree_id(sub ? sub : tree));
	if (git_repository_odb(&d->odb, d->repo) < 0) {
		error = pa_dossier_git_error("cannot open the object database of %s",
		    d->location);
		goto done;
	}
	error = pa_dossier_walk_git(d, sub ? sub : tree, diag);
done:
	git_tree_free(sub);
	git_tree_entry_free(ent);
	git_tree_free(tree);
	git_object_free(peeled);
	git_object_free(obj);
	return error;
}

/* --worktree reads the folder the user named; it must be the repository's own working tree. */
static int
check_worktree(struct pa_dossier *d)
{
	char a[PATH_MAX], b[PATH_MAX];
	const char *wd;

	if (git_repository_is_bare(d->repo) || (wd = git_repository_workdir(d->repo)) == NULL)
		return pa_error_set(PA_ERRCLASS_DOSSIER,
		    "%s is a bare repository: it has no working tree to read", d->location);
	if (realpath(d->location, a) == NULL || realpath(wd, b) == NULL)
		return pa_error_from_os("cannot resolve", d->location);
	if (strcmp(a, b) != 0)
		return pa_error_set(PA_ERRCLASS_DOSSIER,
		    "%s is not the working tree of its repository (give the folder that "
		    "holds .git)", d->location);
	return 0;
}

/* Changes git status reports (index or working tree against HEAD, untracked files not ignored), under subdir. */
static int
count_status(size_t *n, git_repository *repo, const char *subdir)
{
	git_status_options so = GIT_STATUS_OPTIONS_INIT;
	git_status_list *list = NULL;
	const git_status_entry *e;
	char *paths[1];
	size_t i, count;

	*n = 0;
	if (git_repository_is_bare(repo) || git_repository_workdir(repo) == NULL)
		return PA_ENOTFOUND;
	so.show = GIT_STATUS_SHOW_INDEX_AND_WORKDIR;
	so.flags = GIT_STATUS_OPT_INCLUDE_UNTRACKED | GIT_STATUS_OPT_RECURSE_UNTRACKED_DIRS |
	    GIT_STATUS_OPT_EXCLUDE_SUBMODULES;
	if (subdir != NULL && subdir[0] != '\0') {
		paths[0] = (char *)subdir;
		so.pathspec.strings = paths;
		so.pathspec.count = 1;
	}
	if (git_status_list_new(&list, repo, &so) < 0) {
		git_error_clear();
		return PA_ENOTFOUND;
	}
	count = git_status_list_entrycount(list);
	for (i = 0; i < count; i++) {
		e = git_status_byindex(list, i);
		if (e != NULL && e->status != GIT_STATUS_CURRENT &&
		    (e->status & GIT_STATUS_IGNORED) == 0)
			(*n)++;
	}
	git_status_list_free(list);
	return 0;
}

int
pa_dossier_count_uncommitted(size_t *n, const char *location,
    const struct pa_dossier_opts *opts)
{
	git_repository *repo = NULL;
	char *subdir = NULL;
	int error = PA_ENOTFOUND;

	*n = 0;
	if (opts != NULL && (opts->worktree || opts->rev != NULL))
		return PA_ENOTFOUND;
	if (git_repository_open_ext(&repo, location, GIT_REPOSITORY_OPEN_NO_SEARCH, NULL) < 0)
		goto done;
	if (normalise_subdir(&subdir, opts ? opts->subdir : NULL) < 0)
		goto done;
	error = count_status(n, repo, subdir);
done:
	git_error_clear();
	pa_error_clear();
	free(subdir);
	git_repository_free(repo);
	return error;
}

/* Does folder `dir` hold an entry `name` (of any type)? */
static bool
holds(const char *dir, const char *name)
{
	struct pa_buf p = PA_BUF_INIT;
	struct stat st;
	bool yes;

	yes = pa_buf_printf(&p, "%s/%s", strcmp(dir, "/") == 0 ? "" : dir, name) == 0 &&
	    lstat(p.ptr, &st) == 0;
	pa_buf_dispose(&p);
	return yes;
}

int
pa_dossier_locate(char **out, const char *location, const struct pa_dossier_opts *opts)
{
	char abs[PATH_MAX], *slash;
	struct stat st;

	*out = NULL;
	if ((opts != NULL && opts->subdir != NULL && opts->subdir[0] != '\0') ||
	    stat(location, &st) < 0 || !S_ISDIR(st.st_mode) ||
	    holds(location, "application.xml") || holds(location, ".git"))
		goto as_given;	/* pa_dossier_open() judges it */
	/* a bare repository holds neither, and is a dossier */
	if (git_repository_open_ext(NULL, location, GIT_REPOSITORY_OPEN_NO_SEARCH, NULL) == 0)
		goto as_given;
	git_error_clear();
	if (realpath(location, abs) == NULL)
		goto as_given;
	while ((slash = strrchr(abs, '/')) != NULL && abs[1] != '\0') {
		if (slash == abs)
			slash[1] = '\0';	/* the root folder */
		else
			*slash = '\0';
		if (holds(abs, "application.xml") || holds(abs, ".git")) {
			if ((*out = pa_strdup(abs)) == NULL)
				return PA_ENOMEM;
			return 0;
		}
	}
	return pa_error_setc(PA_ENOTFOUND, PA_ERRCLASS_DOSSIER,
	    "%s is not a dossier: no application.xml in it or in a folder above it, "
	    "and no git repository", location);
as_given:
	if ((*out = pa_strdup(location)) == NULL)
		return PA_ENOMEM;
	return 0;
}

/* An empty dossier named `location`, its --path normalised. */
static int
dossier_new(struct pa_dossier **out, const char *location, const struct pa_dossier_opts *opts)
{
	struct pa_dossier *d;

	if ((*out = d = pa_calloc(1, sizeof(*d))) == NULL)
		return PA_ENOMEM;
	d->rootfd = -1;
	d->uncommitted = -1;
	if ((d->location = pa_strdup(location)) == NULL)
		return PA_ENOMEM;
	return normalise_subdir(&d->subdir, opts->subdir);
}

int
pa_dossier_open(struct pa_dossier **out, const char *location,
    const struct pa_dossier_opts *opts, struct pa_diag *diag)
{
	static const struct pa_dossier_opts defaults = { 0 };
	struct pa_dossier *d = NULL;
	struct stat st;
	int error = 0, rc;

	*out = NULL;
	if (opts == NULL)
		opts = &defaults;
	if ((error = dossier_new(&d, location, opts)) < 0)
		goto done;
	if (opts->rev != NULL && opts->worktree) {
		error = pa_error_setc(PA_EUSAGE, PA_ERRCLASS_USAGE,
		    "--rev and --worktree cannot be used together");
		goto done;
	}
	if (stat(location, &st) < 0) {
		if (errno == ENOENT || errno == ENOTDIR)
			error = pa_error_setc(PA_ENOTFOUND, PA_ERRCLASS_DOSSIER,
			    "no such folder: %s", location);
		else
			error = pa_error_from_os("cannot open dossier", location);
		goto done;
	}
	if (!S_ISDIR(st.st_mode)) {
		error = pa_error_set(PA_ERRCLASS_DOSSIER, "%s is not a folder", location);
		goto done;
	}

	rc = git_repository_open_ext(&d->repo, location, GIT_REPOSITORY_OPEN_NO_SEARCH, NULL);
	if (rc == GIT_ENOTFOUND) {
		git_error_clear();
		d->repo = NULL;
	} else if (rc < 0) {
		error = pa_dossier_git_error("cannot open the repository %s", location);
		goto done;
	}
	if (d->repo != NULL)
		check_gitdir(d, diag);

	if (d->repo == NULL) {
		if (opts->rev != NULL) {
			error = pa_error_set(PA_ERRCLASS_DOSSIER,
			    "%s is not a git repository (--rev needs one)", location);
			goto done;
		}
		d->mode = PA_DOSSIER_FOLDER;
		error = open_folder(d, diag);
	} else if (opts->worktree) {
		d->mode = PA_DOSSIER_WORKTREE;
		if ((error = check_worktree(d)) < 0)
			goto done;
		if (git_repository_index(&d->index, d->repo) < 0) {
			git_error_clear();
			d->index = NULL;
		}
		error = open_folder(d, diag);
	} else {
		d->mode = PA_DOSSIER_GIT;
		error = open_git(d, opts->rev ? opts->rev : "HEAD", diag);
		if (error == 0 && opts->rev == NULL) {
			size_t n;

			if (count_status(&n, d->repo, d->subdir) == 0)
				d->uncommitted = n > LONG_MAX ? LONG_MAX : (long)n;
		}
	}
	if (error < 0)
		goto done;
	pa_dossier_finish_list(d, diag);
	*out = d;
	d = NULL;	/* owned by the caller now */
done:
	pa_dossier_free(d);
	return error;
}

int
pa_dossier_open_git(struct pa_dossier **out, struct git_repository *repo, const char *name,
    const struct pa_dossier_opts *opts, struct pa_diag *diag)
{
	static const struct pa_dossier_opts defaults = { 0 };
	struct pa_dossier *d = NULL;
	int error = 0;

	*out = NULL;
	if (opts == NULL)
		opts = &defaults;
	error = dossier_new(&d, name, opts);
	if (d == NULL) {
		git_repository_free(repo);
		return error;
	}
	d->repo = repo;	/* owned by d from here, also on failure */
	d->mode = PA_DOSSIER_GIT;
	if (error < 0)
		goto done;
	if (opts->worktree) {
		error = pa_error_setc(PA_EUSAGE, PA_ERRCLASS_USAGE,
		    "%s has no working tree to read", name);
		goto done;
	}
	if ((error = open_git(d, opts->rev ? opts->rev : "HEAD", diag)) < 0)
		goto done;
	pa_dossier_finish_list(d, diag);
	*out = d;
	d = NULL;	/* owned by the caller now */
done:
	pa_dossier_free(d);
	return error;
}

int
pa_dossier_resolve(char commit[41], const char *location,
    const struct pa_dossier_opts *opts)
{
	git_repository *repo = NULL;
	git_object *obj = NULL, *peeled = NULL;
	int error = PA_ENOTFOUND;

	if (opts != NULL && opts->worktree)
		return PA_ENOTFOUND;
	if (git_repository_open_ext(&repo, location, GIT_REPOSITORY_OPEN_NO_SEARCH, NULL) < 0 ||
	    git_revparse_single(&obj, repo, opts && opts->rev ? opts->rev : "HEAD") < 0 ||
	    git_object_peel(&peeled, obj, GIT_OBJECT_COMMIT) < 0)
		goto done;
	git_oid_tostr(commit, 41, git_object_id(peeled));
	error = 0;
done:
	git_error_clear();
	git_object_free(peeled);
	git_object_free(obj);
	git_repository_free(repo);
	return error;
}

int
pa_dossier_identity(struct pa_buf *out, const char *location,
    const struct pa_dossier_opts *opts)
{
	git_repository *repo = NULL;
	git_object *obj = NULL, *peeled = NULL;
	git_reference *ref = NULL;
	struct pa_buf path = PA_BUF_INIT, shallow = PA_BUF_INIT;
	char commit[GIT_OID_HEXSZ + 1], named[GIT_OID_HEXSZ + 1];
	char hex[PA_DIGEST_HEXLEN + 1] = "-", uncommitted[32] = "-";
	size_t dirty;
	int error = PA_ENOTFOUND;

	if (opts != NULL && opts->worktree)
		return PA_ENOTFOUND;
	if (git_repository_open_ext(&repo, location, GIT_REPOSITORY_OPEN_NO_SEARCH, NULL) < 0 ||
	    git_revparse_ext(&obj, &ref, repo, opts && opts->rev ? opts->rev : "HEAD") < 0 ||
	    git_object_peel(&peeled, obj, GIT_OBJECT_COMMIT) < 0)
		goto done;
	git_oid_tostr(commit, sizeof(commit), git_object_id(peeled));
	git_oid_tostr(named, sizeof(named), git_object_id(obj));
	/* a shallow clone's history ends where its shallow file says */
	if (pa_buf_printf(&path, "%sshallow", git_repository_path(repo)) < 0) {
		error = PA_ENOMEM;
		goto done;
	}
	if (access(path.ptr, F_OK) == 0 &&
	    (pa_file_read(&shallow, path.ptr, PA_LIMIT_TOTAL_SIZE, 0) < 0 ||
	    pa_digest_sha256(hex, shallow.ptr, shallow.size) < 0))
		goto done;	/* unreadable: not cacheable */
	if (opts == NULL || opts->rev == NULL) {
		char *subdir = NULL;

		if (normalise_subdir(&subdir, opts ? opts->subdir : NULL) < 0)
			goto done;
		if (count_status(&dirty, repo, subdir) == 0)
			snprintf(uncommitted, sizeof(uncommitted), "%zu", dirty);
		free(subdir);
	}
	error = pa_buf_printf(out, "commit %s\nnamed %s %s\nref %s\nshallow %s\n"
	    "uncommitted %s\n", commit, git_object_type2string(git_object_type(obj)),
	    named, ref ? git_reference_name(ref) : "-", hex, uncommitted);
done:
	git_error_clear();
	pa_error_clear();
	pa_buf_dispose(&shallow);
	pa_buf_dispose(&path);
	git_reference_free(ref);
	git_object_free(peeled);
	git_object_free(obj);
	git_repository_free(repo);
	return error;
}

void
pa_dossier_free(struct pa_dossier *d)
{
	size_t i;

	if (d == NULL)
		return;
	for (i = 0; i < d->count; i++)
		free(d->ents[i].pub.path);
	free(d->ents);
	if (d->rootfd >= 0)
		close(d->rootfd);
	git_index_free(d->index);
	git_odb_free(d->odb);
	git_repository_free(d->repo);
	free(d->location);
	free(d->rev);
	free(d->subdir);
	free(d);
}

long
pa_dossier_uncommitted(const struct pa_dossier *d)
{
	return d->uncommitted;
}

enum pa_dossier_mode
pa_dossier_mode(const struct pa_dossier *d)
{
	return d->mode;
}

const char *
pa_dossier_location(const struct pa_dossier *d)
{
	return d->location;
}

const char *
pa_dossier_commit(const struct pa_dossier *d)
{
	return d->mode == PA_DOSSIER_GIT ? d->commit : NULL;
}

const char *
pa_dossier_tree(const struct pa_dossier *d)
{
	return d->mode == PA_DOSSIER_GIT ? d->tree : NULL;
}

const char *
pa_dossier_rev(const struct pa_dossier *d)
{
	return d->mode == PA_DOSSIER_GIT ? d->rev : NULL;
}

const char *
pa_dossier_subdir(const struct pa_dossier *d)
{
	return d->subdir;
}

size_t
pa_dossier_file_count(const struct pa_dossier *d)
{
	return d->count;
}

const struct pa_dossier_file *
pa_dossier_file_at(const struct pa_dossier *d, size_t i)
{
	return i < d->count ? &d->ents[i].pub : NULL;
}

static const struct pa_dossier_ent *
find_ent(const struct pa_dossier *d, const char *path)
{
	size_t lo = 0, hi = d->count, mid;
	int c;

	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		c = strcmp(path, d->ents[mid].pub.path);
		if (c == 0)
			return &d->ents[mid];
		if (c < 0)
			hi = mid;
		else
			lo = mid + 1;
	}
	return NULL;
}

const struct pa_dossier_file *
pa_dossier_find(const struct pa_dossier *d, const char *path)
{
	const struct pa_dossier_ent *e = find_ent(d, path);

	return e ? &e->pub : NULL;
}

static int
read_blob(struct pa_buf *out, struct pa_dossier *d, const struct pa_dossier_ent *e)
{
	git_blob *blob = NULL;
	git_oid oid;
	git_object_size_t size;
	int error = 0;

	if (git_oid_fromstr(&oid, e->pub.blob) < 0 || git_blob_lookup(&blob, d->repo, &oid) < 0) {
		error = pa_dossier_git_error("cannot read '%s' at %s in %s", e->pub.path,
		    d->rev, d->location);
		goto done;
	}
	/* Raw bytes from the object database: no filters, no attributes. */
	size = git_blob_rawsize(blob);
	if (size > PA_LIMIT_FILE_SIZE) {
		error = pa_error_setc(PA_ELIMIT, PA_ERRCLASS_DOSSIER,
		    "'%s' is larger than %u bytes", e->pub.path, PA_LIMIT_FILE_SIZE);
		goto done;
	}
	error = pa_buf_put(out, git_blob_rawcontent(blob), (size_t)size);
done:
	git_blob_free(blob);
	return error;
}

/* Open path below rootfd one component at a time, never following a symlink. */
static int
read_file(struct pa_buf *out, struct pa_dossier *d, const char *path)
{
	char chunk[65536], comp[NAME_MAX + 1];
	const char *p = path, *e;
	struct stat st;
	size_t n, total = 0;
	ssize_t r;
	int fd = -1, nfd, error = 0;

	if ((fd = dup(d->rootfd)) < 0)
		return pa_error_from_os("cannot open", path);
	for (;;) {
		e = strchr(p, '/');
		n = e ? (size_t)(e - p) : strlen(p);
		if (n > NAME_MAX) {
			error = pa_error_set(PA_ERRCLASS_DOSSIER, "cannot open '%s': name too long",
			    path);
			goto done;
		}
		memcpy(comp, p, n);
		comp[n] = '\0';
		nfd = openat(fd, comp, O_RDONLY | O_NOFOLLOW | O_CLOEXEC | O_NOCTTY |
		    (e ? O_DIRECTORY : O_NONBLOCK));
		if (nfd < 0) {
			error = pa_error_from_os("cannot open", path);
			goto done;
		}
		close(fd);
		fd = nfd;
		if (e == NULL)
			break;
		p = e + 1;
	}
	if (fstat(fd, &st) < 0) {
		error = pa_error_from_os("cannot stat", path);
		goto done;
	}
	if (!S_ISREG(st.st_mode)) {
		error = pa_error_setc(PA_EINVALID, PA_ERRCLASS_DOSSIER,
		    "'%s' is no longer a regular file", path);
		goto done;
	}
	for (;;) {
		r = read(fd, chunk, sizeof(chunk));
		if (r < 0) {
			if (errno == EINTR)
				continue;
			error = pa_error_from_os("cannot read", path);
			goto done;
		}
		if (r == 0)
			break;
		total += (size_t)r;
		if (total > PA_LIMIT_FILE_SIZE) {
			error = pa_error_setc(PA_ELIMIT, PA_ERRCLASS_DOSSIER,
			    "'%s' is larger than %u bytes", path, PA_LIMIT_FILE_SIZE);
			goto done;
		}
		if ((error = pa_buf_put(out, chunk, (size_t)r)) < 0)
			goto done;
	}
done:
	if (fd >= 0)
		close(fd);
	return error;
}

int
pa_dossier_read(struct pa_buf *out, struct pa_dossier *d, const char *path)
{
	const struct pa_dossier_ent *e = find_ent(d, path);

	if (e == NULL)
		return pa_error_setc(PA_ENOTFOUND, PA_ERRCLASS_DOSSIER,
		    "'%s' is not in the dossier", path);
	if (e->pub.type == PA_DOSSIER_ENTRY_SYMLINK)
		return pa_error_setc(PA_EINVALID, PA_ERRCLASS_DOSSIER,
		    "'%s' is a symbolic link; it is never followed", path);
	if (e->pub.type == PA_DOSSIER_ENTRY_SUBMODULE)
		return pa_error_setc(PA_EINVALID, PA_ERRCLASS_DOSSIER,
		    "'%s' is a submodule; it is never entered", path);
	if (e->pub.size > PA_LIMIT_FILE_SIZE)
		return pa_error_setc(PA_ELIMIT, PA_ERRCLASS_DOSSIER,
		    "'%s' is larger than %u bytes", path, PA_LIMIT_FILE_SIZE);
	if (e->over_budget)
		return pa_error_setc(PA_ELIMIT, PA_ERRCLASS_DOSSIER,
		    "'%s' is past the dossier's total size limit of %u bytes", path,
		    PA_LIMIT_TOTAL_SIZE);
	if (d->mode == PA_DOSSIER_GIT)
		return read_blob(out, d, e);
	return read_file(out, d, path);
}

struct git_repository *
pa_dossier_git(const struct pa_dossier *d)
{
	return d->repo;
}

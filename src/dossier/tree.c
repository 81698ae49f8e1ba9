/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Listing a dossier's files: symlinks and submodules are listed, never followed; limits hold. */
#include "config.h"

#include "dossier/internal.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include <git2.h>

#include "util/alloc.h"
#include "util/buf.h"
#include "util/limits.h"
#include "util/vec.h"

/* add_entry()/walks return this (> 0) once the file-count limit is reached. */
#define WALK_FULL 1

struct walk {
	struct pa_dossier *d;
	struct pa_diag *diag;
	struct pa_buf path;	/* dossier-relative path of the current entry */
	struct pa_buf rel;	/* scratch: repository-relative path (worktree mode) */
};

enum name_check {
	NAME_OK,
	NAME_CONTROL,	/* C0/C1 control characters or DEL */
	NAME_INVALID	/* empty, ".", "..", or holds '/' */
};

static enum name_check
check_name(const char *name)
{
	const unsigned char *s = (const unsigned char *)name;

	if (*s == '\0' || strcmp(name, ".") == 0 || strcmp(name, "..") == 0)
		return NAME_INVALID;
	for (; *s != '\0'; s++) {
		if (*s < 0x20 || *s == 0x7f)
			return NAME_CONTROL;
		if (*s == 0xc2 && s[1] >= 0x80 && s[1] <= 0x9f)	/* U+0080..U+009F */
			return NAME_CONTROL;
		if (*s == '/' || *s == '\\')
			return NAME_INVALID;
	}
	return NAME_OK;
}

/*
 * Whether a tree entry's name would be the repository folder where the tree
 * is checked out: '.git' in any letter case, with trailing dots or spaces
 * (dropped by Windows), or its NTFS short name 'git~1'.  git itself refuses
 * such trees (fsck's hasDotgit); a crafted repository can still hold one.
 */
static bool
is_dotgit(const char *name)
{
	size_t n = strlen(name);

	if (strcasecmp(name, "git~1") == 0)
		return true;
	while (n > 4 && (name[n - 1] == '.' || name[n - 1] == ' '))
		n--;
	return n == 4 && strncasecmp(name, ".git", 4) == 0;
}

/*
 * Append name to w->path.  Returns the length to truncate back to, or
 * (size_t)-1 when the entry must be skipped (diagnostic given).
 */
static size_t
push_name(struct walk *w, const char *name)
{
	size_t mark = w->path.size;
	enum name_check c = check_name(name);

	if (w->path.size > 0)
		pa_buf_putc(&w->path, '/');
	pa_buf_puts(&w->path, name);
	if (c == NAME_CONTROL) {
		pa_diag_add(w->diag, PA_DIAG_ERROR, "dossier-path-control", w->path.ptr, 0,
		    NULL, "file name holds control characters; the entry is skipped");
	} else if (c == NAME_INVALID) {
		pa_diag_add(w->diag, PA_DIAG_ERROR, "dossier-path-invalid", w->path.ptr, 0,
		    NULL, "invalid file name in the tree; the entry is skipped");
	} else if (w->path.size > PA_LIMIT_PATH_LEN) {
		pa_diag_add(w->diag, PA_DIAG_ERROR, "dossier-path-too-long", w->path.ptr, 0,
		    NULL, "path is longer than %d bytes; the entry is skipped",
		    PA_LIMIT_PATH_LEN);
	} else {
		return mark;
	}
	pa_buf_truncate(&w->path, mark);
	return (size_t)-1;
}

static int
add_entry(struct walk *w, size_t size, const git_oid *oid, enum pa_dossier_entry type)
{
	struct pa_dossier *d = w->d;
	struct pa_dossier_ent *e;

	if (pa_buf_oom(&w->path))
		return PA_ENOMEM;
	if (d->count >= PA_LIMIT_FILE_COUNT) {
		if (!d->count_full)
			pa_diag_add(w->diag, PA_DIAG_ERROR, "dossier-too-many-files",
			    w->path.ptr, 0, NULL,
			    "the dossier holds more than %d files; this and later entries "
			    "are not listed", PA_LIMIT_FILE_COUNT);
		d->count_full = true;
		return WALK_FULL;
	}
	if (d->count == d->alloc) {
		size_t na = d->alloc ? d->alloc * 2 : 64;

		if ((e = pa_reallocarray(d->ents, na, sizeof(*e))) == NULL)
			return PA_ENOMEM;
		d->ents = e;
		d->alloc = na;
	}
	e = &d->ents[d->count];
	memset(e, 0, sizeof(*e));
	if ((e->pub.path = pa_strndup(w->path.ptr, w->path.size)) == NULL)
		return PA_ENOMEM;
	e->pub.size = size;
	e->pub.type = type;
	if (oid != NULL)
		git_oid_tostr(e->pub.blob, sizeof(e->pub.blob), oid);
	d->count++;

	switch (type) {
	case PA_DOSSIER_ENTRY_SYMLINK:
		pa_diag_add(w->diag, PA_DIAG_ERROR, "dossier-symlink", w->path.ptr, 0, NULL,
		    "symbolic link in the dossier; it is listed but never followed");
		break;
	case PA_DOSSIER_ENTRY_SUBMODULE:
		pa_diag_add(w->diag, PA_DIAG_ERROR, "dossier-submodule", w->path.ptr, 0, NULL,
		    "submodule (nested repository) in the dossier; it is listed but "
		    "never entered");
		break;
	case PA_DOSSIER_ENTRY_FILE:
		if (size > PA_LIMIT_FILE_SIZE)
			pa_diag_add(w->diag, PA_DIAG_ERROR, "dossier-file-too-large",
			    w->path.ptr, 0, NULL,
			    "file is %zu bytes, more than the limit of %u; it is not read",
			    size, PA_LIMIT_FILE_SIZE);
		break;
	}
	return 0;
}

static int
too_deep(struct walk *w, int depth)
{
	if (depth <= PA_LIMIT_TREE_DEPTH)
		return 0;
	pa_diag_add(w->diag, PA_DIAG_ERROR, "dossier-too-deep", w->path.ptr, 0, NULL,
	    "folders nested deeper than %d levels; this folder is not read",
	    PA_LIMIT_TREE_DEPTH);
	return 1;
}

/* ---- git mode: the object database only ---- */

static int
walk_tree(struct walk *w, const git_tree *tree, int depth)
{
	size_t i, n = git_tree_entrycount(tree), mark, size;
	const git_tree_entry *e;
	git_tree *sub = NULL;
	git_object_t otype;
	int error = 0;

	for (i = 0; i < n && error == 0; i++) {
		e = git_tree_entry_byindex(tree, i);
		if ((mark = push_name(w, git_tree_entry_name(e))) == (size_t)-1)
			continue;
		if (is_dotgit(git_tree_entry_name(e))) {
			pa_diag_add(w->diag, PA_DIAG_ERROR, "dossier-path-dotgit", w->path.ptr, 0,
			    NULL, "tree entry named like the repository folder '.git'; git "
			    "refuses to check it out, and it is skipped");
			pa_buf_truncate(&w->path, mark);
			continue;
		}
		switch (git_tree_entry_filemode(e)) {
		case GIT_FILEMODE_TREE:
			if (too_deep(w, depth + 1))
				break;
			if (git_tree_lookup(&sub, w->d->repo, git_tree_entry_id(e)) < 0) {
				error = pa_dossier_git_error("cannot read folder '%s' at %s",
				    w->path.ptr, w->d->rev);
				break;
			}
			error = walk_tree(w, sub, depth + 1);
			git_tree_free(sub);
			sub = NULL;
			break;
		case GIT_FILEMODE_BLOB:
		case GIT_FILEMODE_BLOB_EXECUTABLE:
		case GIT_FILEMODE_LINK:
			if (git_odb_read_header(&size, &otype, w->d->odb,
			    git_tree_entry_id(e)) < 0) {
				error = pa_dossier_git_error("cannot read '%s' at %s",
				    w->path.ptr, w->d->rev);
				break;
			}
			error = add_entry(w, size, git_tree_entry_id(e),
			    git_tree_entry_filemode(e) == GIT_FILEMODE_LINK ?
			    PA_DOSSIER_ENTRY_SYMLINK : PA_DOSSIER_ENTRY_FILE);
			break;
		case GIT_FILEMODE_COMMIT:
			error = add_entry(w, 0, NULL, PA_DOSSIER_ENTRY_SUBMODULE);
			break;
		default:
			pa_diag_add(w->diag, PA_DIAG_ERROR, "dossier-path-invalid", w->path.ptr,
			    0, NULL, "tree entry of unknown type %o; it is skipped",
			    (unsigned int)git_tree_entry_filemode(e));
			break;
		}
		pa_buf_truncate(&w->path, mark);
	}
	return error;
}

int
pa_dossier_walk_git(struct pa_dossier *d, git_tree *tree, struct pa_diag *diag)
{
	struct walk w = { d, diag, PA_BUF_INIT, PA_BUF_INIT };
	int error;

	error = walk_tree(&w, tree, 0);
	if (error == WALK_FULL)
		error = 0;
	if (error == 0 && pa_buf_oom(&w.path))
		error = PA_ENOMEM;
	pa_buf_dispose(&w.path);
	pa_buf_dispose(&w.rel);
	return error;
}

/* ---- worktree and folder modes: lstat semantics, never follow a symlink ---- */

static int
cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Worktree mode: skip what .gitignore ignores, unless git tracks it. */
static bool
is_ignored(struct walk *w, bool is_dir)
{
	struct pa_dossier *d = w->d;
	size_t pos;
	int ignored = 0;

	if (d->mode != PA_DOSSIER_WORKTREE || d->repo == NULL)
		return false;
	pa_buf_clear(&w->rel);
	if (d->subdir[0] != '\0')
		pa_buf_printf(&w->rel, "%s/", d->subdir);
	pa_buf_put(&w->rel, w->path.ptr, w->path.size);
	if (pa_buf_oom(&w->rel))
		return false;
	if (git_ignore_path_is_ignored(&ignored, d->repo, w->rel.ptr) < 0 || !ignored)
		return false;
	if (d->index == NULL)
		return true;
	if (!is_dir)
		return git_index_get_bypath(d->index, w->rel.ptr, 0) == NULL;
	if (pa_buf_putc(&w->rel, '/') < 0)
		return false;
	return git_index_find_prefix(&pos, d->index, w->rel.ptr) != 0;
}

static int walk_dir(struct walk *w, int dirfd, int depth);

static int
walk_subdir(struct walk *w, int dirfd, const char *name, int depth)
{
	struct stat st;
	int fd, error = 0;

	if (too_deep(w, depth + 1))
		return 0;
	fd = openat(dirfd, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
	if (fd < 0) {
		pa_diag_add(w->diag, PA_DIAG_ERROR, "dossier-unreadable", w->path.ptr, 0,
		    NULL, "cannot open folder: %s", strerror(errno));
		return 0;
	}
	if (fstatat(fd, ".git", &st, AT_SYMLINK_NOFOLLOW) == 0)
		error = add_entry(w, 0, NULL, PA_DOSSIER_ENTRY_SUBMODULE);
	else
		error = walk_dir(w, fd, depth + 1);
	close(fd);
	return error;
}

static int
walk_dir(struct walk *w, int dirfd, int depth)
{
	struct pa_vec names = PA_VEC_INIT;
	struct dirent *de;
	struct stat st;
	DIR *dir = NULL;
	char *name;
	size_t i, mark;
	int fd, error = 0;

	if ((fd = dup(dirfd)) < 0 || (dir = fdopendir(fd)) == NULL) {
		if (fd >= 0)
			close(fd);
		pa_diag_add(w->diag, PA_DIAG_ERROR, "dossier-unreadable",
		    w->path.size ? w->path.ptr : ".", 0, NULL,
		    "cannot list folder: %s", strerror(errno));
		return 0;
	}
	/* Read every name first and sort: the listing (and its limits) is deterministic. */
	while ((errno = 0, de = readdir(dir)) != NULL) {
		if (strcmp(de->d_name, ".") == 0 || strcmp(de->d_name, "..") == 0 ||
		    strcmp(de->d_name, ".git") == 0)
			continue;
		if ((name = pa_strdup(de->d_name)) == NULL ||
		    pa_vec_push(&names, name) < 0) {
			free(name);
			error = PA_ENOMEM;
			goto done;
		}
	}
	if (names.count > 1)
		qsort(names.items, names.count, sizeof(names.items[0]), cmp_str);

	for (i = 0; i < names.count && error == 0; i++) {
		name = names.items[i];
		if ((mark = push_name(w, name)) == (size_t)-1)
			continue;
		if (fstatat(dirfd, name, &st, AT_SYMLINK_NOFOLLOW) < 0) {
			pa_diag_add(w->diag, PA_DIAG_ERROR, "dossier-unreadable", w->path.ptr,
			    0, NULL, "cannot stat: %s", strerror(errno));
		} else if (is_ignored(w, S_ISDIR(st.st_mode))) {
			/* not part of the dossier's would-be commit */
		} else if (S_ISLNK(st.st_mode)) {
			error = add_entry(w, (size_t)st.st_size, NULL, PA_DOSSIER_ENTRY_SYMLINK);
		} else if (S_ISDIR(st.st_mode)) {
			error = walk_subdir(w, dirfd, name, depth);
		} else if (S_ISREG(st.st_mode)) {
			error = add_entry(w, (size_t)st.st_size, NULL, PA_DOSSIER_ENTRY_FILE);
		} else {
			pa_diag_add(w->diag, PA_DIAG_WARNING, "dossier-special-file", w->path.ptr,
			    0, NULL, "not a regular file, folder or link; it is skipped");
		}
		pa_buf_truncate(&w->path, mark);
	}
done:
	pa_vec_dispose(&names, free);
	closedir(dir);
	return error;
}

int
pa_dossier_walk_dir(struct pa_dossier *d, struct pa_diag *diag)
{
	struct walk w = { d, diag, PA_BUF_INIT, PA_BUF_INIT };
	int error;

	error = walk_dir(&w, d->rootfd, 0);
	if (error == WALK_FULL)
		error = 0;
	if (error == 0 && pa_buf_oom(&w.path))
		error = PA_ENOMEM;
	pa_buf_dispose(&w.path);
	pa_buf_dispose(&w.rel);
	return error;
}

/* ---- after the walk ---- */

static int
cmp_ent(const void *a, const void *b)
{
	return strcmp(((const struct pa_dossier_ent *)a)->pub.path,
	    ((const struct pa_dossier_ent *)b)->pub.path);
}

/*
 * Paths that differ only in the case of ASCII letters (Application.xml
 * beside application.xml, or folders Docs/ and docs/): on a
 * case-insensitive filesystem (macOS, Windows) an auditor who checks the
 * dossier out would read one of them for the other.  Each path and each of
 * its folders is sorted case-folded; a spelling that differs from the first
 * of its group is reported once.
 */
struct cname {
	const char *s;
	size_t len;
};

static int
cmp_fold(const void *a, const void *b)
{
	const struct cname *x = a, *y = b;
	size_t n = x->len < y->len ? x->len : y->len;
	int c;

	if ((c = strncasecmp(x->s, y->s, n)) != 0)
		return c;
	if (x->len != y->len)
		return x->len < y->len ? -1 : 1;
	return memcmp(x->s, y->s, n);
}

static void
case_collisions(struct pa_dossier *d, struct pa_diag *diag)
{
	struct cname *v = NULL;
	struct pa_buf a = PA_BUF_INIT, b = PA_BUF_INIT;
	size_t i, n = 0, cap = 0, first = 0;
	const char *p, *q;

	for (i = 0; i < d->count; i++) {
		for (p = d->ents[i].pub.path; (p = strchr(p, '/')) != NULL; p++)
			cap++;
		cap++;
	}
	if (cap < 2 || (v = pa_calloc(cap, sizeof(*v))) == NULL)
		return;
	for (i = 0; i < d->count; i++) {
		p = d->ents[i].pub.path;
		for (q = p; (q = strchr(q, '/')) != NULL; q++)
			v[n++] = (struct cname){ p, (size_t)(q - p) };
		v[n++] = (struct cname){ p, strlen(p) };
	}
	qsort(v, n, sizeof(*v), cmp_fold);
	for (i = 1; i < n; i++) {
		if (v[i].len != v[first].len || strncasecmp(v[i].s, v[first].s, v[i].len) != 0) {
			first = i;
			continue;
		}
		if (memcmp(v[i].s, v[i - 1].s, v[i].len) == 0)
			continue;	/* the same spelling again (another file in that folder) */
		pa_buf_clear(&a);
		pa_buf_clear(&b);
		pa_buf_put(&a, v[i].s, v[i].len);
		pa_buf_put(&b, v[first].s, v[first].len);
		if (pa_buf_oom(&a) || pa_buf_oom(&b))
			break;
		pa_diag_add(diag, PA_DIAG_ERROR, "dossier-case-collision", a.ptr, 0, NULL,
		    "'%s' and '%s' differ only in letter case: on a case-insensitive "
		    "filesystem one would hide the other", b.ptr, a.ptr);
	}
	pa_buf_dispose(&b);
	pa_buf_dispose(&a);
	free(v);
}

void
pa_dossier_finish_list(struct pa_dossier *d, struct pa_diag *diag)
{
	size_t i, j, total = 0, skipped = 0;
	const char *first = NULL;
	struct pa_dossier_ent *e;

	if (d->count > 1)
		qsort(d->ents, d->count, sizeof(d->ents[0]), cmp_ent);
	/* A crafted tree may name one path twice: keep the first. */
	for (i = j = 0; i < d->count; i++) {
		if (j > 0 && strcmp(d->ents[j - 1].pub.path, d->ents[i].pub.path) == 0) {
			pa_diag_add(diag, PA_DIAG_ERROR, "dossier-duplicate-path",
			    d->ents[i].pub.path, 0, NULL,
			    "the tree names this path more than once; only the first is read");
			free(d->ents[i].pub.path);
			continue;
		}
		d->ents[j++] = d->ents[i];
	}
	d->count = j;
	case_collisions(d, diag);
	/* Total bytes read from one dossier: files that no longer fit are not read. */
	for (i = 0; i < d->count; i++) {
		e = &d->ents[i];
		if (e->pub.type != PA_DOSSIER_ENTRY_FILE || e->pub.size > PA_LIMIT_FILE_SIZE)
			continue;
		if (e->pub.size > PA_LIMIT_TOTAL_SIZE - total) {
			e->over_budget = true;
			if (skipped++ == 0)
				first = e->pub.path;
			continue;
		}
		total += e->pub.size;
	}
	if (skipped > 0)
		pa_diag_add(diag, PA_DIAG_ERROR, "dossier-too-large", first, 0, NULL,
		    "the dossier holds more than %u bytes; %zu file(s) that no longer "
		    "fit, this one first, are listed but not read", PA_LIMIT_TOTAL_SIZE,
		    skipped);
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Fuzz target: the folder and worktree readers (dossier/) over a real folder tree built in a temporary folder. */
#include "config.h"

/*
 * The input is a list of records, each starting with "==>" at the start
 * of a line; the rest of that line is the header, the lines up to the
 * next record the body.  NAME is a path relative to the tree's top,
 * '/'-separated, "%HH" a byte in hex ("%0a" a newline, "%2e" a dot),
 * "%%" a '%'; a name that is empty, starts with '/', has an empty, "."
 * or ".." component, a NUL byte, more than 48 components, or ".git" as
 * its first component (the tree's own repository folder: libgit2 would
 * follow it anywhere) is rejected and the record skipped.  Folders on the
 * way are created; nothing is created through a symlink (such a record is
 * skipped too), nor twice:
 *
 *   ==>file NAME        a regular file, its content the body
 *   ==>fill N NAME      a file of N bytes: the body repeated, or zeros
 *                       (sparse) when the body is empty; at most
 *                       2 * PA_LIMIT_FILE_SIZE + 2 bytes of fill in all
 *   ==>dir NAME         an (empty) folder
 *   ==>link NAME        a symbolic link to the body (any target: a
 *                       file, a folder, "..", "/", itself, nothing)
 *   ==>fifo NAME        a named pipe
 *   ==>mode OCTAL NAME  chmod (0777 bits) of what NAME is, not a link
 *   ==>deep N NAME      N folders NAME/NAME/... (NAME one component,
 *                       N at most 40), a file "f" holding the body at the
 *                       bottom
 *   ==>wide N NAME      N files NAME00000, NAME00001, ... (N at most 300),
 *                       each holding the body
 *   ==>opts             lines: "worktree" (git init the tree, read it
 *                       with --worktree), "folder" (the default: no git),
 *                       "path X" (--path X, as typed), "at NAME" (open
 *                       that folder of the tree instead of its top: folder
 *                       mode, as it is not the repository's top),
 *                       "track NAME" (worktree: git add that file)
 *
 * The tree is made in a fresh folder (mkdtemp in $TMPDIR or /tmp), opened
 * as an audit opens a dossier (pa_dossier_locate, the cache-key readers
 * that must decline a folder, pa_dossier_open), listed and read; the
 * listing is checked against what was made (every entry made here, of
 * the type made, of the size made, its content read back; in folder mode
 * every plain file made is listed), and the folder is removed whatever
 * its permissions.
 */

#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <git2.h>

#include "dossier/dossier.h"
#include "util/buf.h"
#include "util/diag.h"
#include "util/error.h"
#include "util/limits.h"

#include "records.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define MAX_FUZZ_INPUT (64u * 1024)
#define MAX_COMPONENTS 48
#define MAX_ENTRIES 1024
#define MAX_DEEP 40
#define MAX_WIDE 300
#define MAX_TRACK 32
#define MAX_FILL_TOTAL (2u * PA_LIMIT_FILE_SIZE + 2)

enum kind { K_FILE, K_DIR, K_LINK, K_FIFO };

struct ent {
	char *path;		/* relative to the tree's top */
	enum kind kind;
	size_t size;		/* file: bytes; link: length of the target */
	uint64_t hash;		/* file: FNV-1a of the content */
};

struct tree {
	char top[PATH_MAX];	/* the temporary folder */
	int topfd;
	struct ent *ents;	/* what was made; sorted by path before the checks */
	size_t n;
	size_t fill_total;
	int pass;		/* of the input: 0 options, 1 the tree */
	bool chmodded;		/* a mode record ran: reads may fail, files may hide */
	bool worktree;		/* git init the top */
	bool as_worktree;	/* and read it with --worktree (not "at" a folder below) */
	bool have_path, have_at;
	struct pa_buf path, at;	/* --path as typed; the folder opened */
	struct pa_buf tracks;	/* names to git add, each NUL-terminated */
	size_t ntracks;
	struct pa_buf name;	/* the record's NAME, decoded */
	struct pa_buf target;	/* a link's target */
	struct pa_buf scratch;	/* open_parent()'s */
};

/* ---- the model of what was made ---- */

static uint64_t
fnv(uint64_t h, const char *p, size_t len)
{
	size_t i;

	for (i = 0; i < len; i++) {
		h ^= (unsigned char)p[i];
		h *= 1099511628211ULL;
	}
	return h;
}

#define FNV_INIT 14695981039346656037ULL

static void
model_add(struct tree *t, const char *path, enum kind kind, size_t size, uint64_t hash)
{
	struct ent *e;

	if (t->n % 64 == 0) {
		if ((e = realloc(t->ents, (t->n + 64) * sizeof(*e))) == NULL)
			abort();
		t->ents = e;
	}
	e = &t->ents[t->n];
	if ((e->path = strdup(path)) == NULL)
		abort();
	e->kind = kind;
	e->size = size;
	e->hash = hash;
	t->n++;
}

static int
cmp_ent(const void *a, const void *b)
{
	return strcmp(((const struct ent *)a)->path, ((const struct ent *)b)->path);
}

static const struct ent *
model_find(const struct tree *t, const char *path)
{
	struct ent key = { .path = (char *)path };

	return t->n ? bsearch(&key, t->ents, t->n, sizeof(key), cmp_ent) : NULL;
}

/* ---- names ---- */

/* p[0..len) with %HH and %% decoded into out; false if it holds a NUL byte. */
static bool
unescape(struct pa_buf *out, const char *p, size_t len)
{
	char c, hex[3] = "";
	size_t i;

	pa_buf_clear(out);
	for (i = 0; i < len; i++) {
		c = p[i];
		if (c == '%' && i + 1 < len && p[i + 1] == '%') {
			i++;
		} else if (c == '%' && i + 2 < len && isxdigit((unsigned char)p[i + 1]) &&
		    isxdigit((unsigned char)p[i + 2])) {
			memcpy(hex, p + i + 1, 2);
			c = (char)strtoul(hex, NULL, 16);
			i += 2;
		}
		if (c == '\0')
			return false;
		pa_buf_putc(out, c);
	}
	return !pa_buf_oom(out);
}

/* A name may be made: relative, no empty, "." or ".." component, not the top's .git. */
static bool
name_ok(const char *name)
{
	const char *p = name, *e;
	size_t n, comps = 0;

	if (*name == '\0' || *name == '/')
		return false;
	for (;;) {
		e = strchr(p, '/');
		n = e ? (size_t)(e - p) : strlen(p);
		if (n == 0 || (n == 1 && p[0] == '.') || (n == 2 && p[0] == '.' && p[1] == '.'))
			return false;
		if (comps == 0 && n == 4 && memcmp(p, ".git", 4) == 0)
			return false;
		if (++comps > MAX_COMPONENTS)
			return false;
		if (e == NULL)
			return true;
		p = e + 1;
	}
}

/*
 * The folder that holds name's last component, opened below the top
 * without following a symlink (created on the way when `make`); -1 if
 * there is none.  *leaf points at the last component.
 */
static int
open_parent(struct tree *t, const char *name, bool make, const char **leaf)
{
	char comp[NAME_MAX + 1];
	const char *p = name, *e;
	size_t n;
	int fd, nfd;

	if ((fd = dup(t->topfd)) < 0)
		abort();
	while ((e = strchr(p, '/')) != NULL) {
		n = (size_t)(e - p);
		if (n > NAME_MAX) {
			close(fd);
			return -1;
		}
		memcpy(comp, p, n);
		comp[n] = '\0';
		if (make && mkdirat(fd, comp, 0755) == 0) {
			pa_buf_clear(&t->scratch);
			pa_buf_put(&t->scratch, name, (size_t)(e - name));
			if (pa_buf_oom(&t->scratch))
				abort();
			model_add(t, t->scratch.ptr, K_DIR, 0, 0);
		}
		nfd = openat(fd, comp, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
		close(fd);
		if (nfd < 0)
			return -1;
		fd = nfd;
		p = e + 1;
	}
	*leaf = p;
	return fd;
}

/* Is every component of name a real folder (no symlink) below the top? */
static bool
is_real_folder(struct tree *t, const char *name)
{
	const char *leaf;
	int fd, sub;

	if (*name == '\0')
		return true;
	if ((fd = open_parent(t, name, false, &leaf)) < 0)
		return false;
	sub = openat(fd, leaf, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
	close(fd);
	if (sub < 0)
		return false;
	close(sub);
	return true;
}

/* ---- making the tree ---- */

static void
write_all(int fd, const char *p, size_t len)
{
	ssize_t w;

	while (len > 0) {
		if ((w = write(fd, p, len)) <= 0) {
			if (w < 0 && errno == EINTR)
				continue;
			abort();	/* the temporary folder must take what is written */
		}
		p += w;
		len -= (size_t)w;
	}
}

/* A regular file of `size` bytes: body repeated, or zeros when the body is empty. */
static void
make_file(struct tree *t, const char *name, const char *body, size_t len, size_t size)
{
	char chunk[65536];
	const char *leaf;
	uint64_t h = FNV_INIT;
	size_t done = 0, n, i;
	int dfd, fd;

	if ((dfd = open_parent(t, name, true, &leaf)) < 0)
		return;
	fd = openat(dfd, leaf, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0644);
	close(dfd);
	if (fd < 0)
		return;
	if (len == 0 && size > 0) {
		if (ftruncate(fd, (off_t)size) < 0)
			abort();
		memset(chunk, 0, sizeof(chunk));
		for (done = 0; done < size; done += n) {
			n = size - done < sizeof(chunk) ? size - done : sizeof(chunk);
			h = fnv(h, chunk, n);
		}
	} else if (len > 0) {
		while (done < size) {
			for (n = 0; n < sizeof(chunk) && done + n < size; n++) {
				i = (done + n) % len;
				chunk[n] = body[i];
			}
			write_all(fd, chunk, n);
			h = fnv(h, chunk, n);
			done += n;
		}
	}
	close(fd);
	model_add(t, name, K_FILE, size, h);
}

static void
make_other(struct tree *t, const char *name, enum kind kind, const char *target)
{
	const char *leaf;
	int dfd, rc;

	if ((dfd = open_parent(t, name, true, &leaf)) < 0)
		return;
	if (kind == K_DIR)
		rc = mkdirat(dfd, leaf, 0755);
	else if (kind == K_LINK)
		rc = symlinkat(target, dfd, leaf);
	else
		rc = mkfifoat(dfd, leaf, 0644);
	close(dfd);
	if (rc == 0)
		model_add(t, name, kind, kind == K_LINK ? strlen(target) : 0, 0);
}

static void
make_mode(struct tree *t, const char *name, unsigned int mode)
{
	struct stat st;
	const char *leaf;
	int dfd;

	if ((dfd = open_parent(t, name, false, &leaf)) < 0)
		return;
	if (fstatat(dfd, leaf, &st, AT_SYMLINK_NOFOLLOW) == 0 && !S_ISLNK(st.st_mode) &&
	    fchmodat(dfd, leaf, mode & 0777, 0) == 0)
		t->chmodded = true;
	close(dfd);
}

/* The NAME at the end of a header, decoded and checked, in t->name. */
static bool
header_name(struct tree *t, const char *s, const char *end)
{
	return unescape(&t->name, s, (size_t)(end - s)) && name_ok(t->name.ptr);
}

/* One opts line, decoded. */
static void
opts_line(struct tree *t, const char *s, size_t n)
{
	if (n == 8 && memcmp(s, "worktree", 8) == 0) {
		t->worktree = true;
	} else if (n == 6 && memcmp(s, "folder", 6) == 0) {
		t->worktree = false;
	} else if (n >= 5 && memcmp(s, "path ", 5) == 0) {
		/* a NUL byte could not be typed: no --path then */
		if (!(t->have_path = unescape(&t->path, s + 5, n - 5)))
			pa_buf_clear(&t->path);
	} else if (n >= 3 && memcmp(s, "at ", 3) == 0) {
		if (!(t->have_at = unescape(&t->at, s + 3, n - 3) && name_ok(t->at.ptr)))
			pa_buf_clear(&t->at);
	} else if (n >= 6 && memcmp(s, "track ", 6) == 0 && t->ntracks < MAX_TRACK &&
	    unescape(&t->name, s + 6, n - 6) && name_ok(t->name.ptr)) {
		pa_buf_put(&t->tracks, t->name.ptr, t->name.size + 1);
		t->ntracks++;
	}
}

/* One record: pass 0 reads the options, pass 1 makes the tree. */
static int
record(void *arg, const char *h, const char *hend, const char *p, size_t len)
{
	struct tree *t = arg;
	const char *w = h, *s, *eol, *end;
	size_t kw, n, i;
	char *q;

	while (w < hend && *w != ' ')
		w++;
	kw = (size_t)(w - h);
	if (t->pass == 0) {
		if (kw == 4 && memcmp(h, "opts", 4) == 0) {
			for (s = p, end = p + len; s < end; s = eol + 1) {
				if ((eol = memchr(s, '\n', (size_t)(end - s))) == NULL)
					eol = end;
				opts_line(t, s, (size_t)(eol - s));
			}
		}
		return 0;
	}
	if (t->n >= MAX_ENTRIES)
		return 0;
	if (w < hend)
		w++;
	if (kw == 4 && memcmp(h, "file", 4) == 0) {
		if (header_name(t, w, hend))
			make_file(t, t->name.ptr, p, len, len);
	} else if (kw == 4 && memcmp(h, "fill", 4) == 0) {
		n = fuzz_count(&w, hend, MAX_FILL_TOTAL);
		if (n <= MAX_FILL_TOTAL - t->fill_total && header_name(t, w, hend)) {
			t->fill_total += n;
			make_file(t, t->name.ptr, p, len, n);
		}
	} else if (kw == 3 && memcmp(h, "dir", 3) == 0) {
		if (header_name(t, w, hend))
			make_other(t, t->name.ptr, K_DIR, NULL);
	} else if (kw == 4 && memcmp(h, "link", 4) == 0) {
		/* the target: any bytes but NUL, not empty */
		if (len > 0 && len < PATH_MAX && memchr(p, '\0', len) == NULL &&
		    header_name(t, w, hend)) {
			pa_buf_clear(&t->target);
			pa_buf_put(&t->target, p, len);
			if (pa_buf_oom(&t->target))
				abort();
			make_other(t, t->name.ptr, K_LINK, t->target.ptr);
		}
	} else if (kw == 4 && memcmp(h, "fifo", 4) == 0) {
		if (header_name(t, w, hend))
			make_other(t, t->name.ptr, K_FIFO, NULL);
	} else if (kw == 4 && memcmp(h, "mode", 4) == 0) {
		unsigned int mode = 0;

		for (; w < hend && *w >= '0' && *w <= '7'; w++)
			mode = (mode * 8 + (unsigned int)(*w - '0')) & 07777;
		while (w < hend && *w == ' ')
			w++;
		if (header_name(t, w, hend))
			make_mode(t, t->name.ptr, mode);
	} else if (kw == 4 && memcmp(h, "deep", 4) == 0) {
		n = fuzz_count(&w, hend, MAX_DEEP);
		if (n == 0 || !header_name(t, w, hend) || strchr(t->name.ptr, '/') != NULL)
			return 0;
		/* NAME/NAME/.../f, in t->name */
		q = strdup(t->name.ptr);
		if (q == NULL)
			abort();
		for (i = 1; i < n; i++)
			pa_buf_printf(&t->name, "/%s", q);
		pa_buf_puts(&t->name, "/f");
		free(q);
		if (pa_buf_oom(&t->name))
			abort();
		if (name_ok(t->name.ptr))
			make_file(t, t->name.ptr, p, len, len);
	} else if (kw == 4 && memcmp(h, "wide", 4) == 0) {
		n = fuzz_count(&w, hend, MAX_WIDE);
		if (!header_name(t, w, hend))
			return 0;
		q = strdup(t->name.ptr);
		if (q == NULL)
			abort();
		for (i = 0; i < n && t->n < MAX_ENTRIES; i++) {
			pa_buf_clear(&t->name);
			pa_buf_printf(&t->name, "%s%05zu", q, i);
			if (pa_buf_oom(&t->name))
				abort();
			make_file(t, t->name.ptr, p, len, len);
		}
		free(q);
	}
	return 0;
}

/* worktree: git add the tracked names that are plain files reached without a symlink. */
static void
track(struct tree *t, git_repository *repo)
{
	git_index *index = NULL;
	const char *name, *leaf;
	struct stat st;
	size_t i;
	int fd;

	if (t->ntracks == 0)
		return;
	if (git_repository_index(&index, repo) < 0)
		abort();
	for (i = 0, name = t->tracks.ptr; i < t->ntracks; i++, name += strlen(name) + 1) {
		if ((fd = open_parent(t, name, false, &leaf)) < 0)
			continue;
		if (fstatat(fd, leaf, &st, AT_SYMLINK_NOFOLLOW) == 0 && S_ISREG(st.st_mode))
			git_index_add_bypath(index, name);	/* may refuse odd names */
		close(fd);
	}
	git_index_write(index);
	git_index_free(index);
	git_error_clear();
}

/* ---- removing it ---- */

/*
 * Empty the folder dirfd, whatever its entries' permissions; abort() if
 * something stays (the rmdir() of the folder then fails).
 */
static void
rm_contents(int dirfd)
{
	struct dirent *de;
	struct stat st;
	DIR *dir;
	int fd;

	if ((fd = dup(dirfd)) < 0 || (dir = fdopendir(fd)) == NULL)
		abort();
	while ((errno = 0, de = readdir(dir)) != NULL) {
		if (strcmp(de->d_name, ".") == 0 || strcmp(de->d_name, "..") == 0)
			continue;
		if (fstatat(dirfd, de->d_name, &st, AT_SYMLINK_NOFOLLOW) < 0)
			abort();
		if (S_ISDIR(st.st_mode)) {
			if (fchmodat(dirfd, de->d_name, 0700, 0) < 0 ||
			    (fd = openat(dirfd, de->d_name,
			    O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)) < 0)
				abort();
			rm_contents(fd);
			close(fd);
			if (unlinkat(dirfd, de->d_name, AT_REMOVEDIR) < 0)
				abort();
		} else if (unlinkat(dirfd, de->d_name, 0) < 0) {
			abort();
		}
	}
	if (errno != 0)
		abort();
	closedir(dir);
}

/* ---- the audit's reading of the folder ---- */

/* A listed path (or the --path: no depth limit): relative, plain components, no control characters. */
static void
check_path(const char *path, bool listed)
{
	const char *p = path, *e, *q;
	size_t n, slashes = 0;

	if (strlen(path) > PA_LIMIT_PATH_LEN)
		abort();
	for (;;) {
		e = strchr(p, '/');
		n = e ? (size_t)(e - p) : strlen(p);
		if (n == 0 || (n == 1 && p[0] == '.') || (n == 2 && memcmp(p, "..", 2) == 0) ||
		    (n == 4 && memcmp(p, ".git", 4) == 0))
			abort();	/* not a path inside the dossier, or git's own */
		for (q = p + n; p < q; p++)
			if ((unsigned char)*p < 0x20 || *p == 0x7f)
				abort();	/* control characters are refused */
		if (e == NULL)
			break;
		slashes++;
		p = e + 1;
	}
	if (listed && slashes > PA_LIMIT_TREE_DEPTH)
		abort();
}

/* Is path (relative to the top) inside a folder below `root` that holds .git (a submodule)? */
static bool
in_submodule(const struct tree *t, const char *root, const char *path)
{
	struct pa_buf b = PA_BUF_INIT;
	const char *p = path + strlen(root) + (root[0] ? 1 : 0), *e;
	bool yes = false;

	while (!yes && (e = strchr(p, '/')) != NULL) {
		pa_buf_clear(&b);
		pa_buf_put(&b, path, (size_t)(e - path));
		pa_buf_puts(&b, "/.git");
		if (pa_buf_oom(&b))
			abort();
		yes = model_find(t, b.ptr) != NULL;
		p = e + 1;
	}
	pa_buf_dispose(&b);
	return yes;
}

/* Would the folder walk list this path (relative to the dossier) for sure? */
static bool
plainly_listed(const char *rel)
{
	const char *p = rel;
	size_t slashes = 0;

	if (strlen(rel) > PA_LIMIT_PATH_LEN)
		return false;
	for (; *p != '\0'; p++) {
		if ((unsigned char)*p < 0x20 || (unsigned char)*p >= 0x7f || *p == '\\')
			return false;
		if (*p == '/')
			slashes++;
	}
	if (slashes > PA_LIMIT_TREE_DEPTH)
		return false;
	return strcmp(rel, ".git") != 0 && strncmp(rel, ".git/", 5) != 0 &&
	    strstr(rel, "/.git/") == NULL &&
	    (strlen(rel) < 5 || strcmp(rel + strlen(rel) - 5, "/.git") != 0);
}

static void
check_dossier(struct tree *t, struct pa_dossier *d, const char *loc)
{
	const struct pa_dossier_file *f, *prev = NULL;
	const struct ent *m;
	const char *sub = pa_dossier_subdir(d), *rel;
	struct pa_buf full = PA_BUF_INIT, b = PA_BUF_INIT, root = PA_BUF_INIT;
	size_t i, count = pa_dossier_file_count(d);
	int rc;

	if (pa_dossier_mode(d) != (t->as_worktree ? PA_DOSSIER_WORKTREE : PA_DOSSIER_FOLDER) ||
	    strcmp(pa_dossier_location(d), loc) != 0 || pa_dossier_commit(d) != NULL ||
	    pa_dossier_tree(d) != NULL || pa_dossier_rev(d) != NULL ||
	    pa_dossier_uncommitted(d) != -1 || (pa_dossier_git(d) != NULL) != t->as_worktree)
		abort();
	/* the dossier's folder (relative to the top): reached through folders only */
	if (t->have_at)
		pa_buf_puts(&root, t->at.ptr);
	if (sub[0] != '\0') {
		check_path(sub, false);
		pa_buf_printf(&root, "%s%s", root.size ? "/" : "", sub);
	}
	if (pa_buf_oom(&root))
		abort();
	if (!is_real_folder(t, root.ptr))
		abort();	/* --path went through a symlink */

	for (i = 0; i < count; i++) {
		f = pa_dossier_file_at(d, i);
		if (prev != NULL && strcmp(prev->path, f->path) >= 0)
			abort();	/* not sorted, or listed twice */
		if (pa_dossier_find(d, f->path) != f || f->blob[0] != '\0')
			abort();
		check_path(f->path, true);
		pa_buf_clear(&full);
		pa_buf_printf(&full, "%s%s%s", root.ptr, root.size ? "/" : "", f->path);
		if (pa_buf_oom(&full))
			abort();
		if ((m = model_find(t, full.ptr)) == NULL)
			abort();	/* listed, but not made here */
		switch (f->type) {
		case PA_DOSSIER_ENTRY_FILE:
			if (m->kind != K_FILE || m->size != f->size)
				abort();
			break;
		case PA_DOSSIER_ENTRY_SYMLINK:
			if (m->kind != K_LINK || m->size != f->size)
				abort();
			break;
		case PA_DOSSIER_ENTRY_SUBMODULE:
			pa_buf_puts(&full, "/.git");
			if (m->kind != K_DIR || pa_buf_oom(&full) ||
			    model_find(t, full.ptr) == NULL)
				abort();
			break;
		default:
			abort();
		}
		pa_buf_clear(&b);
		rc = pa_dossier_read(&b, d, f->path);
		if (f->type != PA_DOSSIER_ENTRY_FILE) {
			if (rc != PA_EINVALID)
				abort();	/* a link or submodule is never read */
		} else if (f->size > PA_LIMIT_FILE_SIZE) {
			if (rc != PA_ELIMIT)
				abort();
		} else if (rc == 0) {
			if (b.size != f->size || fnv(FNV_INIT, b.ptr, b.size) != m->hash)
				abort();	/* read something else than made */
		} else if (!t->chmodded) {
			abort();	/* a plain file that cannot be read */
		}
		pa_error_clear();
		prev = f;
	}
	if (pa_dossier_file_at(d, count) != NULL)
		abort();
	pa_buf_clear(&b);
	if (pa_dossier_read(&b, d, "no/such/file") != PA_ENOTFOUND ||
	    pa_dossier_read(&b, d, "../x") != PA_ENOTFOUND || b.size != 0)
		abort();
	pa_error_clear();

	/* folder mode, permissions untouched: every plain file and link under the dossier is listed */
	if (!t->as_worktree && !t->chmodded) {
		for (i = 0; i < t->n; i++) {
			m = &t->ents[i];
			if (m->kind != K_FILE && m->kind != K_LINK)
				continue;
			if (root.size > 0 && (strncmp(m->path, root.ptr, root.size) != 0 ||
			    m->path[root.size] != '/'))
				continue;
			rel = m->path + root.size + (root.size ? 1 : 0);
			if (!plainly_listed(rel) || in_submodule(t, root.ptr, m->path))
				continue;
			if ((f = pa_dossier_find(d, rel)) == NULL ||
			    f->type != (m->kind == K_FILE ? PA_DOSSIER_ENTRY_FILE :
			    PA_DOSSIER_ENTRY_SYMLINK))
				abort();	/* made, not listed */
		}
	}
	pa_buf_dispose(&root);
	pa_buf_dispose(&b);
	pa_buf_dispose(&full);
}

/* Open the tree as an audit does: locate, the cache-key readers, open, list and read. */
static void
audit(struct tree *t)
{
	struct pa_dossier_opts opts = { 0 };
	struct pa_diag diag = PA_DIAG_INIT;
	struct pa_dossier *d = NULL;
	struct pa_buf loc = PA_BUF_INIT, id = PA_BUF_INIT, probe = PA_BUF_INIT;
	git_repository *repo = NULL;
	struct stat st;
	char commit[41], *located = NULL;
	size_t dirty;
	int rc;

	pa_buf_puts(&loc, t->top);
	if (t->have_at) {
		pa_buf_printf(&loc, "/%s", t->at.ptr);
		pa_buf_printf(&probe, "%s/.git", loc.ptr);
		/* never a folder through a symlink (it could be anywhere), nor another repository */
		if (pa_buf_oom(&probe) || !is_real_folder(t, t->at.ptr) ||
		    lstat(probe.ptr, &st) == 0)
			goto done;
	}
	if (pa_buf_oom(&loc))
		abort();
	/*
	 * --worktree on the top of the repository made here; anything else is
	 * folder mode: a folder that libgit2 takes for a (bare) repository
	 * would be read in git mode, not by the readers fuzzed here.
	 */
	t->as_worktree = t->worktree && !t->have_at;
	if (!t->as_worktree) {
		if (git_repository_open_ext(&repo, loc.ptr, GIT_REPOSITORY_OPEN_NO_SEARCH,
		    NULL) == 0)
			goto done;
		git_error_clear();
	}
	opts.worktree = t->worktree;
	opts.subdir = t->have_path ? t->path.ptr : NULL;

	/* a folder or a worktree is never cached: the readers of the cache key decline it */
	if (pa_dossier_resolve(commit, loc.ptr, &opts) != PA_ENOTFOUND ||
	    pa_dossier_identity(&id, loc.ptr, &opts) != PA_ENOTFOUND || id.size != 0 ||
	    pa_dossier_count_uncommitted(&dirty, loc.ptr, &opts) != PA_ENOTFOUND)
		abort();
	rc = pa_dossier_locate(&located, loc.ptr, &opts);
	pa_buf_clear(&probe);
	pa_buf_printf(&probe, "%s/application.xml", loc.ptr);
	if (pa_buf_oom(&probe))
		abort();
	if (((t->have_path && t->path.size > 0) || t->as_worktree ||
	    lstat(probe.ptr, &st) == 0) && (rc != 0 || strcmp(located, loc.ptr) != 0))
		abort();	/* a dossier is where it is named */
	free(located);
	pa_error_clear();

	rc = pa_dossier_open(&d, loc.ptr, &opts, &diag);
	if (rc == 0)
		check_dossier(t, d, loc.ptr);
	else if (!t->have_path && !t->chmodded)
		abort();	/* the folder itself always opens */
done:
	pa_error_clear();
	git_error_clear();
	pa_dossier_free(d);
	git_repository_free(repo);
	pa_diag_dispose(&diag);
	pa_buf_dispose(&probe);
	pa_buf_dispose(&id);
	pa_buf_dispose(&loc);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static bool ready;
	struct tree t = { .path = PA_BUF_INIT, .at = PA_BUF_INIT, .tracks = PA_BUF_INIT,
	    .name = PA_BUF_INIT, .target = PA_BUF_INIT, .scratch = PA_BUF_INIT, .topfd = -1 };
	git_repository *repo = NULL;
	const char *tmp = getenv("TMPDIR");
	size_t i;

	if (size > MAX_FUZZ_INPUT)
		return 0;
	if (!ready) {
		ready = true;
		if (pa_dossier_global_init() < 0)
			abort();
	}
	if (fuzz_records((const char *)data, size, record, &t) < 0)
		goto done;
	if (tmp == NULL || tmp[0] != '/')
		tmp = "/tmp";
	if ((size_t)snprintf(t.top, sizeof(t.top), "%s/pa-folder-fuzz-XXXXXX", tmp) >=
	    sizeof(t.top) || mkdtemp(t.top) == NULL ||
	    (t.topfd = open(t.top, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)) < 0)
		abort();
	if (t.worktree && git_repository_init(&repo, t.top, 0) < 0)
		abort();
	t.pass = 1;
	fuzz_records((const char *)data, size, record, &t);
	if (repo != NULL)
		track(&t, repo);
	git_repository_free(repo);
	if (t.n > 1)
		qsort(t.ents, t.n, sizeof(t.ents[0]), cmp_ent);
	audit(&t);
done:
	if (t.topfd >= 0) {
		rm_contents(t.topfd);
		close(t.topfd);
		if (rmdir(t.top) < 0)
			abort();
	}
	for (i = 0; i < t.n; i++)
		free(t.ents[i].path);
	free(t.ents);
	pa_buf_dispose(&t.scratch);
	pa_buf_dispose(&t.target);
	pa_buf_dispose(&t.name);
	pa_buf_dispose(&t.tracks);
	pa_buf_dispose(&t.at);
	pa_buf_dispose(&t.path);
	pa_error_clear();
	git_error_clear();
	return 0;
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
/* File helpers. */
#include "config.h"

#include "util/file.h"

#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "util/alloc.h"
#include "util/cleanup.h"

int
pa_file_read(struct pa_buf *out, const char *path, size_t maxsize, int nofollow)
{
	struct stat st;
	char chunk[65536];
	size_t total = 0;
	ssize_t n;
	int fd, error = 0;

	fd = open(path, O_RDONLY | O_CLOEXEC | (nofollow ? O_NOFOLLOW : 0));
	if (fd < 0) {
		if (errno == ENOENT)
			return pa_error_setc(PA_ENOTFOUND, PA_ERRCLASS_OS,
			    "cannot open '%s': no such file", path);
		return pa_error_from_os("cannot open", path);
	}
	if (fstat(fd, &st) < 0) {
		error = pa_error_from_os("cannot stat", path);
		goto done;
	}
	if (!S_ISREG(st.st_mode)) {
		error = pa_error_set(PA_ERRCLASS_OS, "'%s' is not a regular file", path);
		goto done;
	}
	if ((size_t)st.st_size > maxsize) {
		error = pa_error_setc(PA_ELIMIT, PA_ERRCLASS_OS,
		    "'%s' is larger than %zu bytes", path, maxsize);
		goto done;
	}
	for (;;) {
		n = read(fd, chunk, sizeof(chunk));
		if (n < 0) {
			if (errno == EINTR)
				continue;
			error = pa_error_from_os("cannot read", path);
			goto done;
		}
		if (n == 0)
			break;
		total += (size_t)n;
		if (total > maxsize) {
			error = pa_error_setc(PA_ELIMIT, PA_ERRCLASS_OS,
			    "'%s' is larger than %zu bytes", path, maxsize);
			goto done;
		}
		if ((error = pa_buf_put(out, chunk, (size_t)n)) < 0)
			goto done;
	}
done:
	close(fd);
	return error;
}

/* Write all of data to fd; what names it in a message. */
static int
write_all(int fd, const char *data, size_t len, const char *what)
{
	size_t off = 0;
	ssize_t n;

	while (off < len) {
		n = write(fd, data + off, len - off);
		if (n < 0) {
			if (errno == EINTR)
				continue;
			return pa_error_from_os("cannot write", what);
		}
		off += (size_t)n;
	}
	return 0;
}

/*
 * A character device or FIFO (/dev/null, a pipe) is written in place:
 * opened without O_CREAT or O_TRUNC, and checked again after the open so
 * that a file swapped in meanwhile is not written half-way.
 */
static int
write_in_place(int dirfd, const char *name, const char *shown, const char *data, size_t len)
{
	struct stat st;
	int fd, error;

	if ((fd = openat(dirfd, name, O_WRONLY | O_NOCTTY | O_CLOEXEC)) < 0)
		return pa_error_from_os("cannot open", shown);
	if (fstat(fd, &st) < 0) {
		error = pa_error_from_os("cannot stat", shown);
	} else if (!S_ISCHR(st.st_mode) && !S_ISFIFO(st.st_mode)) {
		error = pa_error_set(PA_ERRCLASS_OS,
		    "'%s' changed while it was opened; not written", shown);
	} else {
		error = write_all(fd, data, len, shown);
	}
	if (close(fd) < 0 && error == 0)
		error = pa_error_from_os("cannot write", shown);
	return error;
}

/*
 * The names of the process's own streams (/dev/stdout, /dev/stderr,
 * /dev/fd/N, /proc/self/fd/N) mean that descriptor, as in a shell
 * redirection: written where it stands, whatever it is (a terminal, a pipe,
 * a file the shell opened), never replaced.  The descriptor, or -1.
 */
static int
std_stream_fd(const char *path)
{
	const char *n = NULL;
	char *end;
	long v;

	if (strcmp(path, "/dev/stdout") == 0)
		return STDOUT_FILENO;
	if (strcmp(path, "/dev/stderr") == 0)
		return STDERR_FILENO;
	if (strncmp(path, "/dev/fd/", 8) == 0)
		n = path + 8;
	else if (strncmp(path, "/proc/self/fd/", 14) == 0)
		n = path + 14;
	if (n == NULL || *n < '0' || *n > '9')
		return -1;
	errno = 0;
	v = strtol(n, &end, 10);
	if (errno != 0 || *end != '\0' || v > 1024)
		return -1;
	return (int)v;
}

static int
write_to_fd(int fd, const char *data, size_t len, const char *path)
{
	/* what stdio still holds for that stream goes first */
	if (fd == STDOUT_FILENO)
		fflush(stdout);
	else if (fd == STDERR_FILENO)
		fflush(stderr);
	if (fcntl(fd, F_GETFD) < 0)
		return pa_error_from_os("cannot write", path);
	return write_all(fd, data, len, path);
}

/* A name no one can guess for the temporary file: 16 hex digits. */
static void
random_suffix(char out[17])
{
	static const char hex[] = "0123456789abcdef";
	static _Thread_local unsigned long long counter;
	unsigned char r[8];
	unsigned long long v;
	size_t i;

	if (getrandom(r, sizeof(r), GRND_NONBLOCK) != (ssize_t)sizeof(r)) {
		v = (unsigned long long)getpid() * 1000003u ^ (unsigned long long)time(NULL) ^
		    (unsigned long long)(uintptr_t)out ^ ++counter * 0x9e3779b97f4a7c15ull;
		memcpy(r, &v, sizeof(r));
	}
	for (i = 0; i < 8; i++) {
		out[2 * i] = hex[r[i] >> 4];
		out[2 * i + 1] = hex[r[i] & 15];
	}
	out[16] = '\0';
}

/*
 * Create the temporary file in dirfd: a fresh name, O_EXCL|O_NOFOLLOW so
 * nothing planted there (a symlink, a file) is ever opened.
 */
static int
create_temp(char name[40], int dirfd, const char *shown, mode_t mode)
{
	char suffix[17];
	int fd, tries;

	for (tries = 0; tries < 100; tries++) {
		random_suffix(suffix);
		snprintf(name, 40, ".pactaudit-%s.tmp", suffix);
		fd = openat(dirfd, name, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC,
		    mode);
		if (fd >= 0)
			return fd;
		if (errno != EEXIST)
			break;
	}
	name[0] = '\0';
	return pa_error_from_os("cannot create a temporary file for", shown);
}

/*
 * The temporary file that will replace a file of dirfd: created as
 * create_temp() does, registered to be removed if a signal stops the run
 * (*cleanup), with the replaced file's permissions when keep is not NULL
 * (not the umask's).  A descriptor, or < 0 with nothing left behind.
 */
static int
open_replacement(char tmp[40], int *cleanup, int dirfd, const char *shown,
    const struct stat *keep, unsigned flags)
{
	int fd, error;

	*cleanup = -1;
	if ((fd = create_temp(tmp, dirfd, shown, (flags & PA_FILE_PRIVATE) ? 0600 : 0666)) < 0)
		return fd;
	*cleanup = pa_cleanup_add(dirfd, tmp, NULL);
	if (keep != NULL && fchmod(fd, keep->st_mode & 07777) < 0) {
		error = pa_error_from_os("cannot set the mode of the file replacing", shown);
		close(fd);
		unlinkat(dirfd, tmp, 0);
		tmp[0] = '\0';
		pa_cleanup_forget(*cleanup);
		*cleanup = -1;
		return error;
	}
	return fd;
}

int
pa_file_write_atomic_at(int dirfd, const char *name, const char *shown, const char *data,
    size_t len, unsigned flags)
{
	char tmp[40] = "";
	struct stat st, target;
	bool keep_mode = false;
	int fd = -1, error = 0, cleanup = -1;

	if (fstatat(dirfd, name, &st, AT_SYMLINK_NOFOLLOW) == 0) {
		if (S_ISLNK(st.st_mode)) {
			/*
			 * A link to a device or FIFO (/dev/tty) is written through;
			 * any other is refused: neither its target nor the link
			 * itself (which may be a system file) is replaced.
			 */
			if (fstatat(dirfd, name, &target, 0) == 0 &&
			    (S_ISCHR(target.st_mode) || S_ISFIFO(target.st_mode)))
				return write_in_place(dirfd, name, shown, data, len);
			return pa_error_set(PA_ERRCLASS_OS,
			    "'%s' is a symbolic link to no device or FIFO; not followed, "
			    "not replaced", shown);
		} else if (S_ISCHR(st.st_mode) || S_ISFIFO(st.st_mode)) {
			return write_in_place(dirfd, name, shown, data, len);
		} else if (S_ISREG(st.st_mode)) {
			keep_mode = true;
		} else {
			return pa_error_set(PA_ERRCLASS_OS,
			    "'%s' is not a regular file, a character device or a FIFO; "
			    "not replaced", shown);
		}
	} else if (errno != ENOENT) {
		return pa_error_from_os("cannot stat", shown);
	}
	if ((fd = open_replacement(tmp, &cleanup, dirfd, shown, keep_mode ? &st : NULL,
	    flags)) < 0) {
		error = fd;
		fd = -1;
		goto done;
	}
	if ((error = write_all(fd, data, len, shown)) < 0)
		goto done;
	if (!(flags & PA_FILE_NOSYNC) && fsync(fd) < 0) {
		error = pa_error_from_os("cannot sync", shown);
		goto done;
	}
	if (close(fd) < 0) {
		fd = -1;
		error = pa_error_from_os("cannot write", shown);
		goto done;
	}
	fd = -1;
	if (renameat(dirfd, tmp, dirfd, name) < 0) {
		error = pa_error_from_os("cannot rename into place", shown);
		goto done;
	}
done:
	if (fd >= 0)
		close(fd);
	if (error < 0 && tmp[0] != '\0')
		unlinkat(dirfd, tmp, 0);
	pa_cleanup_forget(cleanup);
	return error;
}

/*
 * The folder path names its file in, as named (the file itself is never
 * followed), open in *dirfd, and the file's name in it.  0, or < 0 with the
 * message set (a path that names a folder is not a file to replace).
 */
static int
open_parent(int *dirfd, const char **name, const char *path)
{
	struct pa_buf dir = PA_BUF_INIT;
	const char *slash = strrchr(path, '/');
	int error = 0;

	*dirfd = -1;
	*name = slash != NULL ? slash + 1 : path;
	if (**name == '\0' || strcmp(*name, ".") == 0 || strcmp(*name, "..") == 0)
		return pa_error_set(PA_ERRCLASS_OS, "'%s' names a folder; not replaced", path);
	if (slash == NULL)
		pa_buf_putc(&dir, '.');
	else if (slash == path)
		pa_buf_putc(&dir, '/');
	else
		pa_buf_put(&dir, path, (size_t)(slash - path));
	if (pa_buf_oom(&dir))
		error = pa_error_oom();
	else if ((*dirfd = open(dir.ptr, O_RDONLY | O_DIRECTORY | O_CLOEXEC)) < 0)
		error = pa_error_from_os("cannot open the folder of", path);
	pa_buf_dispose(&dir);
	return error;
}

int
pa_file_write_atomic(const char *path, const char *data, size_t len, unsigned flags)
{
	const char *name;
	int dirfd, stdfd, error;

	if ((stdfd = std_stream_fd(path)) >= 0)
		return write_to_fd(stdfd, data, len, path);
	if ((error = open_parent(&dirfd, &name, path)) < 0)
		return error;
	error = pa_file_write_atomic_at(dirfd, name, path, data, len, flags);
	close(dirfd);
	return error;
}

static void
replace_dispose(struct pa_file_replace *r)
{
	if (r->fp != NULL)
		fclose(r->fp);
	if (r->tmp[0] != '\0')
		unlinkat(r->dirfd, r->tmp, 0);
	if (r->dirfd >= 0)
		close(r->dirfd);
	pa_cleanup_forget(r->cleanup);
	free(r->name);
	free(r->shown);
	memset(r, 0, sizeof(*r));
	r->dirfd = r->cleanup = -1;
}

int
pa_file_replace_begin(struct pa_file_replace *r, const char *path, unsigned flags)
{
	const char *name;
	struct stat st;
	bool keep_mode = false;
	int fd, error;

	memset(r, 0, sizeof(*r));
	r->dirfd = r->cleanup = -1;
	r->flags = flags;
	/* what pa_file_write_atomic() would not replace by a new file: its way */
	if (std_stream_fd(path) >= 0)
		return 0;
	if (open_parent(&r->dirfd, &name, path) < 0) {
		pa_error_clear();	/* pa_file_write_atomic() says it again */
		replace_dispose(r);
		return 0;
	}
	if (fstatat(r->dirfd, name, &st, AT_SYMLINK_NOFOLLOW) == 0) {
		if (!S_ISREG(st.st_mode)) {
			replace_dispose(r);
			return 0;
		}
		keep_mode = true;
	} else if (errno != ENOENT) {
		replace_dispose(r);
		return 0;
	}
	if ((r->name = pa_strdup(name)) == NULL || (r->shown = pa_strdup(path)) == NULL) {
		replace_dispose(r);
		return pa_error_oom();
	}
	if ((fd = open_replacement(r->tmp, &r->cleanup, r->dirfd, path,
	    keep_mode ? &st : NULL, flags)) < 0) {
		replace_dispose(r);
		return fd;
	}
	if ((r->fp = fdopen(fd, "w")) == NULL) {
		error = pa_error_oom();
		close(fd);
		replace_dispose(r);
		return error;
	}
	return 1;
}

int
pa_file_replace_commit(struct pa_file_replace *r)
{
	FILE *fp = r->fp;
	int error = 0;

	r->fp = NULL;
	if (fflush(fp) != 0 || ferror(fp))
		error = pa_error_from_os("cannot write", r->shown);
	else if (!(r->flags & PA_FILE_NOSYNC) && fsync(fileno(fp)) < 0)
		error = pa_error_from_os("cannot sync", r->shown);
	if (fclose(fp) != 0 && error == 0)
		error = pa_error_from_os("cannot write", r->shown);
	if (error == 0 && renameat(r->dirfd, r->tmp, r->dirfd, r->name) < 0)
		error = pa_error_from_os("cannot rename into place", r->shown);
	if (error == 0)
		r->tmp[0] = '\0';	/* renamed: nothing to remove */
	replace_dispose(r);
	return error;
}

void
pa_file_replace_abort(struct pa_file_replace *r)
{
	replace_dispose(r);
}

int
pa_file_open_dirs_at(int *out, int dirfd, const char *rel, const char *shown)
{
	struct pa_buf comp = PA_BUF_INIT;
	const char *p = rel, *e;
	int fd, next, error = 0;

	*out = -1;
	if ((fd = fcntl(dirfd, F_DUPFD_CLOEXEC, 0)) < 0)
		return pa_error_from_os("cannot open", shown);
	while (*p != '\0') {
		if ((e = strchr(p, '/')) == NULL)
			e = p + strlen(p);
		pa_buf_clear(&comp);
		if (pa_buf_put(&comp, p, (size_t)(e - p)) < 0) {
			error = pa_error_oom();
			goto done;
		}
		p = *e == '/' ? e + 1 : e;
		if (comp.size == 0 || strcmp(comp.ptr, ".") == 0)
			continue;
		if (strcmp(comp.ptr, "..") == 0) {
			error = pa_error_set(PA_ERRCLASS_OS, "'%s': '..' is not allowed", shown);
			goto done;
		}
		if (mkdirat(fd, comp.ptr, 0777) < 0 && errno != EEXIST) {
			error = pa_error_from_os("cannot create a folder for", shown);
			goto done;
		}
		next = openat(fd, comp.ptr, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
		if (next < 0) {
			if (errno == ELOOP || errno == ENOTDIR)
				error = pa_error_set(PA_ERRCLASS_OS,
				    "'%s': '%s' is a symbolic link or not a folder; not followed",
				    shown, comp.ptr);
			else
				error = pa_error_from_os("cannot open a folder of", shown);
			goto done;
		}
		close(fd);
		fd = next;
	}
	*out = fd;
	fd = -1;
done:
	if (fd >= 0)
		close(fd);
	pa_buf_dispose(&comp);
	return error;
}

int
pa_file_mkdir_p(const char *path)
{
	char *p = NULL, *s;
	int error = 0;

	if ((p = pa_strdup(path)) == NULL)
		return PA_ENOMEM;
	for (s = p + 1; ; s++) {
		if (*s == '/' || *s == '\0') {
			char c = *s;

			*s = '\0';
			if (mkdir(p, 0700) < 0 && errno != EEXIST) {
				error = pa_error_from_os("cannot create folder", p);
				break;
			}
			*s = c;
			if (c == '\0')
				break;
		}
	}
	free(p);
	return error;
}

static int
rm_one(const char *fpath, const struct stat *sb, int typeflag, struct FTW *ftw)
{
	(void)sb;
	(void)typeflag;
	(void)ftw;
	return remove(fpath) < 0 && errno != ENOENT ? -1 : 0;
}

int
pa_file_rm_rf(const char *path)
{
	if (nftw(path, rm_one, 32, FTW_DEPTH | FTW_PHYS) < 0 && errno != ENOENT)
		return pa_error_from_os("cannot remove", path);
	return 0;
}

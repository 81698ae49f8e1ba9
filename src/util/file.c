/* SPDX-License-Identifier: GPL-3.0-or-later */
/* File helpers. */
#include "config.h"

#include "util/file.h"

#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "util/alloc.h"

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

int
pa_file_write_atomic(const char *path, const char *data, size_t len)
{
	struct pa_buf tmp = PA_BUF_INIT;
	size_t off = 0;
	ssize_t n;
	int fd = -1, error;

	if ((error = pa_buf_printf(&tmp, "%s.tmp.%ld", path, (long)getpid())) < 0)
		goto done;
	fd = open(tmp.ptr, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
	if (fd < 0) {
		error = pa_error_from_os("cannot create", tmp.ptr);
		goto done;
	}
	while (off < len) {
		n = write(fd, data + off, len - off);
		if (n < 0) {
			if (errno == EINTR)
				continue;
			error = pa_error_from_os("cannot write", tmp.ptr);
			goto done;
		}
		off += (size_t)n;
	}
	if (fsync(fd) < 0) {
		error = pa_error_from_os("cannot sync", tmp.ptr);
		goto done;
	}
	if (close(fd) < 0) {
		fd = -1;
		error = pa_error_from_os("cannot close", tmp.ptr);
		goto done;
	}
	fd = -1;
	if (rename(tmp.ptr, path) < 0) {
		error = pa_error_from_os("cannot rename into place", path);
		goto done;
	}
done:
	if (fd >= 0)
		close(fd);
	if (error < 0 && tmp.size)
		unlink(tmp.ptr);
	pa_buf_dispose(&tmp);
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

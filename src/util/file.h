/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Reading files under a size limit; atomic writes. */
#ifndef PA_UTIL_FILE_H
#define PA_UTIL_FILE_H

#include <stddef.h>
#include <stdio.h>

#include "util/buf.h"

/*
 * Read a whole regular file into out (appending).  PA_ENOTFOUND if it does
 * not exist, PA_ELIMIT if larger than maxsize, PA_ERROR otherwise; the
 * message names the path.  Symlinks are not followed when nofollow is set.
 */
int pa_file_read(struct pa_buf *out, const char *path, size_t maxsize, int nofollow);
enum pa_file_write_flags {
	PA_FILE_NOSYNC = 1,	/* no fsync: a lost write is harmless (a cache entry) */
	PA_FILE_PRIVATE = 2	/* a new file gets mode 0600 instead of 0666 & ~umask */
};

/*
 * The one way pactaudit writes an output, a cache entry or a file it
 * creates.  A new name or a regular file is replaced atomically: the data
 * goes to a temporary file created exclusively (O_EXCL|O_NOFOLLOW, a name
 * no one can guess) in the same folder, is synced (unless PA_FILE_NOSYNC)
 * and renamed into place; a replaced file keeps its mode.  A character
 * device or FIFO (/dev/null, a pipe) is opened and written in place, never
 * replaced; /dev/stdout, /dev/stderr and /dev/fd/N are that descriptor,
 * written where it stands.  A symlink is never followed to replace its
 * target, nor replaced itself: one that leads to a device or FIFO is
 * written through, any other is an error, as is anything else (a folder, a
 * block device).  Returns 0 or < 0 with the message naming the path.
 */
int pa_file_write_atomic(const char *path, const char *data, size_t len, unsigned flags);
/* Same for the entry `name` of the open folder dirfd; `shown` names it in messages. */
int pa_file_write_atomic_at(int dirfd, const char *name, const char *shown, const char *data,
    size_t len, unsigned flags);
/*
 * The same replacement, streamed: the data is written to r->fp (a
 * temporary file made as above) instead of being held in memory first.
 * Returns 1 when path is a new name or a regular file: write to r->fp, then
 * pa_file_replace_commit() (sync unless PA_FILE_NOSYNC, rename into place;
 * a write error on r->fp is reported there) or pa_file_replace_abort()
 * (nothing replaced).  Returns 0 when path is anything else (a device, a
 * FIFO, a standard stream, a symlink, a folder): nothing is opened, use
 * pa_file_write_atomic(), which writes it in place or says why not.
 * < 0 (message set) if the temporary file cannot be made.
 */
struct pa_file_replace {
	FILE *fp;
	int dirfd, cleanup;
	unsigned flags;
	char tmp[40];
	char *name, *shown;
};
int pa_file_replace_begin(struct pa_file_replace *r, const char *path, unsigned flags);
int pa_file_replace_commit(struct pa_file_replace *r);
void pa_file_replace_abort(struct pa_file_replace *r);
/*
 * Open (creating what is missing, mode 0777 & ~umask) the folder rel below
 * dirfd, one component at a time without following a symbolic link: a
 * component that is a link or not a folder is an error, so nothing is
 * ever written outside dirfd.  *out is a new descriptor (close it).
 */
int pa_file_open_dirs_at(int *out, int dirfd, const char *rel, const char *shown);
/* mkdir -p with mode 0700 for created components. */
int pa_file_mkdir_p(const char *path);
/* Remove a directory tree (no symlink following). */
int pa_file_rm_rf(const char *path);

#endif

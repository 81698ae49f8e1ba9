/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Reading files under a size limit; atomic writes. */
#ifndef PA_UTIL_FILE_H
#define PA_UTIL_FILE_H

#include <stddef.h>

#include "util/buf.h"

/*
 * Read a whole regular file into out (appending).  PA_ENOTFOUND if it does
 * not exist, PA_ELIMIT if larger than maxsize, PA_ERROR otherwise; the
 * message names the path.  Symlinks are not followed when nofollow is set.
 */
int pa_file_read(struct pa_buf *out, const char *path, size_t maxsize, int nofollow);
/* Write data to path atomically: temporary file in the same folder, fsync, rename. */
int pa_file_write_atomic(const char *path, const char *data, size_t len);
/* mkdir -p with mode 0700 for created components. */
int pa_file_mkdir_p(const char *path);
/* Remove a directory tree (no symlink following). */
int pa_file_rm_rf(const char *path);

#endif

/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * What a stopped run must not leave behind: private GnuPG homes and
 * temporary files are registered while they exist; SIGTERM, SIGHUP or
 * SIGINT removes them and then ends the process by the same signal (the
 * workers stop with it).
 */
#ifndef PA_UTIL_CLEANUP_H
#define PA_UTIL_CLEANUP_H

/*
 * Catch SIGTERM, SIGHUP and SIGINT (once per process; a signal already
 * ignored stays ignored).  The handler only writes to a pipe; a thread
 * does the cleaning.  0, or < 0 with a message.
 */
int pa_cleanup_signals_init(void);

/*
 * Register `name` (relative to dirfd, or AT_FDCWD) for removal on a
 * signal: by remove(dirfd, name) when given, else by unlinkat (a file).
 * Returns a handle >= 0 for pa_cleanup_forget(), or < 0 (out of memory:
 * the path is then simply not cleaned on a signal).
 */
int pa_cleanup_add(int dirfd, const char *name, void (*remove)(int dirfd, const char *name));
/* The path was removed (or kept) by its owner: forget it. */
void pa_cleanup_forget(int handle);

#endif

/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Error codes and the per-thread error message (libgit2's model). */
#ifndef PA_UTIL_ERROR_H
#define PA_UTIL_ERROR_H

#include <stdarg.h>

#define PA_PRINTF(a, b) __attribute__((format(printf, a, b)))

/* Return codes: 0 success, negative failure. */
enum pa_errcode {
	PA_OK = 0,
	PA_ERROR = -1,		/* generic failure */
	PA_ENOTFOUND = -2,	/* a named thing does not exist */
	PA_ELIMIT = -3,		/* a size/count/depth limit was hit */
	PA_EINVALID = -4,	/* invalid input where the tool cannot go on */
	PA_ENOMEM = -5,		/* out of memory */
	PA_EUSAGE = -6		/* bad command-line usage */
};

/*
 * Where an error came from.  It documents the call site (as libgit2's
 * klass does); no caller branches on it, so it is not kept with the message.
 */
enum pa_errclass {
	PA_ERRCLASS_NONE,
	PA_ERRCLASS_OS,
	PA_ERRCLASS_NOMEM,
	PA_ERRCLASS_USAGE,
	PA_ERRCLASS_GIT,
	PA_ERRCLASS_XML,
	PA_ERRCLASS_GPG,
	PA_ERRCLASS_RULES,
	PA_ERRCLASS_DOSSIER,
	PA_ERRCLASS_INTERNAL
};

/*
 * Set the thread's error message (one line, lowercase, no final period,
 * saying what and where).  Returns PA_ERROR so that
 * `return pa_error_set(...)` works.  The message is sanitised.
 */
int pa_error_set(enum pa_errclass klass, const char *fmt, ...) PA_PRINTF(2, 3);
int pa_error_vset(enum pa_errclass klass, const char *fmt, va_list ap);
/* Same, returning the given code instead of PA_ERROR. */
int pa_error_setc(int code, enum pa_errclass klass, const char *fmt, ...)
    PA_PRINTF(3, 4);
/* Out of memory: sets a static message without allocating; returns PA_ENOMEM. */
int pa_error_oom(void);
/* Import libgit2's last error, prefixed by what was being done. */
int pa_error_from_os(const char *what, const char *path);

/* The current message, or NULL; borrowed until the next set/clear. */
const char *pa_error_last(void);
void pa_error_clear(void);

#endif

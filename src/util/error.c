/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Per-thread error message: set once where detected, passed up unchanged. */
#include "config.h"

#include "util/error.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "util/text.h"

#define PA_ERROR_MAX 1024

static _Thread_local char err_msg[PA_ERROR_MAX];
static _Thread_local int err_set;

int
pa_error_vset(enum pa_errclass klass, const char *fmt, va_list ap)
{
	char raw[PA_ERROR_MAX];

	vsnprintf(raw, sizeof(raw), fmt, ap);
	pa_text_sanitize_into(err_msg, sizeof(err_msg), raw, strlen(raw));
	(void)klass;	/* names the origin at the call site; not kept (error.h) */
	err_set = 1;
	return PA_ERROR;
}

int
pa_error_set(enum pa_errclass klass, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	pa_error_vset(klass, fmt, ap);
	va_end(ap);
	return PA_ERROR;
}

int
pa_error_setc(int code, enum pa_errclass klass, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	pa_error_vset(klass, fmt, ap);
	va_end(ap);
	return code;
}

int
pa_error_oom(void)
{
	static const char oom[] = "out of memory";

	memcpy(err_msg, oom, sizeof(oom));
	err_set = 1;
	return PA_ENOMEM;
}

int
pa_error_from_os(const char *what, const char *path)
{
	int saved = errno;

	if (path != NULL)
		return pa_error_set(PA_ERRCLASS_OS, "%s '%s': %s", what, path,
		    strerror(saved));
	return pa_error_set(PA_ERRCLASS_OS, "%s: %s", what, strerror(saved));
}

const char *
pa_error_last(void)
{
	return err_set ? err_msg : NULL;
}

void
pa_error_clear(void)
{
	err_set = 0;
	err_msg[0] = '\0';
}

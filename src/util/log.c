/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The log: a file, never stderr, so curses and output formats stay clean. */
#include "config.h"

#include "util/log.h"

#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "util/buf.h"
#include "util/text.h"

static FILE *log_fp;
static enum pa_log_level log_level = PA_LOG_NONE;
static pthread_mutex_t log_lock = PTHREAD_MUTEX_INITIALIZER;

int
pa_log_open(const char *path, enum pa_log_level level)
{
	if (path == NULL)
		path = getenv("PACTAUDIT_LOG");
	if (path == NULL || *path == '\0')
		return 0;
	log_fp = fopen(path, "ae");
	if (log_fp == NULL)
		return pa_error_from_os("cannot open log file", path);
	setvbuf(log_fp, NULL, _IOLBF, 0);
	log_level = level;
	return 0;
}

void
pa_log_more(void)
{
	if (log_fp != NULL && log_level < PA_LOG_TRACE)
		log_level++;
}

void
pa_log_close(void)
{
	if (log_fp != NULL)
		fclose(log_fp);
	log_fp = NULL;
	log_level = PA_LOG_NONE;
}

void
pa_log(enum pa_log_level level, const char *fmt, ...)
{
	struct pa_buf raw = PA_BUF_INIT, clean = PA_BUF_INIT;
	va_list ap;

	if (log_fp == NULL || level > log_level)
		return;
	va_start(ap, fmt);
	pa_buf_vprintf(&raw, fmt, ap);
	va_end(ap);
	pa_text_sanitize(&clean, raw.ptr, raw.size, PA_TEXT_ONELINE);
	if (!clean.oom) {
		pthread_mutex_lock(&log_lock);
		fprintf(log_fp, "%ld %s\n", (long)time(NULL), clean.ptr);
		pthread_mutex_unlock(&log_lock);
	}
	pa_buf_dispose(&raw);
	pa_buf_dispose(&clean);
}

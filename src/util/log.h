/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Levelled log to a file, off by default; every message is sanitised. */
#ifndef PA_UTIL_LOG_H
#define PA_UTIL_LOG_H

#include "util/error.h"

enum pa_log_level {
	PA_LOG_NONE,
	PA_LOG_INFO,
	PA_LOG_DEBUG,
	PA_LOG_TRACE
};

/* Open the log (path NULL: $PACTAUDIT_LOG, else no log). */
int pa_log_open(const char *path, enum pa_log_level level);
void pa_log_close(void);
/* One level more detail (-v given after the command); nothing without a log. */
void pa_log_more(void);
void pa_log(enum pa_log_level level, const char *fmt, ...) PA_PRINTF(2, 3);

#endif

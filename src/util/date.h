/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Calendar dates (YYYY-MM-DD, proleptic Gregorian, UTC). */
#ifndef PA_UTIL_DATE_H
#define PA_UTIL_DATE_H

#include <stdbool.h>

/*
 * Parse exactly "YYYY-MM-DD" (a real day, year 0001-9999) into days since
 * 1970-01-01 (negative before).  False for anything else.
 */
bool pa_date_parse(const char *s, long *days);
/* Today's date (UTC) as "YYYY-MM-DD"; 0, or PA_ERROR with a message. */
int pa_date_today(char out[11]);

#endif

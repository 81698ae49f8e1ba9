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

/*
 * The as-of date of a run: parsed once, where it is given (the command
 * line), and handed down as this value; nothing below the CLI reads the
 * text again.  iso is the date as given, "YYYY-MM-DD"; days counts from
 * 1970-01-01 (negative before).
 */
struct pa_date {
	long days;
	char iso[11];
};

/* s exactly as pa_date_parse() accepts it -> *out; false (out untouched) otherwise. */
bool pa_date_from_iso(struct pa_date *out, const char *s);
/* Today (UTC); 0, or PA_ERROR with a message. */
int pa_date_today(struct pa_date *out);

#endif

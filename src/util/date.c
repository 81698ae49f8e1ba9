/* SPDX-License-Identifier: GPL-3.0-or-later */
/* One date parser: the as-of date (into struct pa_date), rule dates, XPath dates. */
#include "config.h"

#include "util/date.h"

#include <string.h>
#include <time.h>

#include "util/error.h"

/* Days from 1970-01-01 to y-m-d (H. Hinnant's days_from_civil). */
static long
days_from_civil(long y, unsigned m, unsigned d)
{
	long era;
	unsigned yoe, doy, doe;

	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = (unsigned)(y - era * 400);
	doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + (long)doe - 719468;
}

static long
digits(const char *p, int n)
{
	long v = 0;
	int i;

	for (i = 0; i < n; i++) {
		if (p[i] < '0' || p[i] > '9')
			return -1;
		v = v * 10 + (p[i] - '0');
	}
	return v;
}

bool
pa_date_parse(const char *s, long *days)
{
	static const int mdays[12] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	long y, m, d;
	bool leap;

	if (s == NULL || strlen(s) != 10 || s[4] != '-' || s[7] != '-' ||
	    (y = digits(s, 4)) < 1 || (m = digits(s + 5, 2)) < 1 || m > 12 ||
	    (d = digits(s + 8, 2)) < 1)
		return false;
	leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
	if (d > mdays[m - 1] + (m == 2 && leap ? 1 : 0))
		return false;
	*days = days_from_civil(y, (unsigned)m, (unsigned)d);
	return true;
}

bool
pa_date_from_iso(struct pa_date *out, const char *s)
{
	long days;

	if (!pa_date_parse(s, &days))
		return false;
	out->days = days;
	memcpy(out->iso, s, 10);
	out->iso[10] = '\0';
	return true;
}

int
pa_date_today(struct pa_date *out)
{
	struct tm tm;
	time_t now = time(NULL);
	char iso[11];

	if (gmtime_r(&now, &tm) == NULL || strftime(iso, sizeof(iso), "%Y-%m-%d", &tm) != 10 ||
	    !pa_date_from_iso(out, iso))
		return pa_error_set(PA_ERRCLASS_OS, "cannot read the current date");
	return 0;
}

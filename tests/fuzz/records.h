/* SPDX-License-Identifier: GPL-3.0-or-later */
/* For fuzz targets: inputs as a list of "==>HEADER" records with bodies, and counts in headers. */
#ifndef PA_TESTS_FUZZ_RECORDS_H
#define PA_TESTS_FUZZ_RECORDS_H

#include <stddef.h>
#include <string.h>

/*
 * One record: its header h..hend (the line after "==>", no newline) and
 * its body (the lines up to the next "==>" at the start of a line, without
 * the newline before it).  < 0 stops the split.
 */
typedef int (*fuzz_record_fn)(void *arg, const char *h, const char *hend,
    const char *body, size_t len);

/* Split in..in+size into records; -1 when it does not start with "==>" or fn stops it. */
static inline int
fuzz_records(const char *in, size_t size, fuzz_record_fn fn, void *arg)
{
	const char *end = in + size, *p = in, *h, *hend, *next;
	static const char mark[] = "\n==>";

	if (size < 3 || memcmp(in, "==>", 3) != 0)
		return -1;
	while (p < end) {
		h = p + 3;
		if ((hend = memchr(h, '\n', (size_t)(end - h))) == NULL)
			hend = end;
		for (next = hend; next < end; next++) {
			next = memchr(next, '\n', (size_t)(end - next));
			if (next == NULL) {
				next = end;
				break;
			}
			if ((size_t)(end - next) >= 4 && memcmp(next, mark, 4) == 0)
				break;
		}
		/* body: after the header line, up to (not including) the newline before "==>" */
		p = hend < end ? hend + 1 : end;
		if (fn(arg, h, hend, p, next > p ? (size_t)(next - p) : 0) < 0)
			return -1;
		p = next < end ? next + 1 : end;
	}
	return 0;
}

/* A count in a header at *s: digits, at most max (more is max); 0 when there are none.  Spaces around it are skipped. */
static inline size_t
fuzz_count(const char **s, const char *end, size_t max)
{
	size_t n = 0;

	while (*s < end && **s == ' ')
		(*s)++;
	while (*s < end && **s >= '0' && **s <= '9') {
		if (n <= max)
			n = n * 10 + (size_t)(**s - '0');
		(*s)++;
	}
	while (*s < end && **s == ' ')
		(*s)++;
	return n > max ? max : n;
}

#endif

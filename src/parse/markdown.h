/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Markdown headings and the body under each, as data. */
#ifndef PA_PARSE_MARKDOWN_H
#define PA_PARSE_MARKDOWN_H

#include <stdbool.h>
#include <stddef.h>

/* One line of a text: bytes without "\n" and a final "\r". */
struct pa_md_line {
	const char *p;
	size_t n;
	size_t next;		/* offset of the next line */
	long no;		/* its line number */
};
/* The line starting at data[pos] (numbered no); false at the end. */
bool pa_md_get_line(const char *data, size_t len, size_t pos, long no, struct pa_md_line *l);
/* Only spaces and tabs? */
bool pa_md_blank(const char *p, size_t n);

/* One heading (ATX or setext) and the text up to the next heading of any level. */
struct pa_md_section {
	int level;		/* 1-6 */
	long line;		/* line of the heading (of its first line, setext) */
	size_t start;		/* offset of the heading in the parsed data */
	char *text;		/* heading text, trimmed, at most 4096 bytes, raw bytes */
	size_t len;
	size_t body_start;	/* byte range of the body in the parsed data */
	size_t body_end;
	long body_line;		/* line of body_start */
};

struct pa_md {
	struct pa_md_section *sections;
	size_t count;
	bool truncated;		/* more than PA_LIMIT_MD_HEADINGS headings: the rest are left out */
};

/*
 * The headings of the Markdown in data (not inside fenced or indented code
 * or HTML blocks), in order; first_line = line number of data[0].  Text
 * before the first heading belongs to no section.  Free with
 * pa_md_dispose().  < 0 only on OOM.
 */
int pa_markdown_parse(struct pa_md *out, const char *data, size_t len, long first_line);
void pa_md_dispose(struct pa_md *md);

#endif

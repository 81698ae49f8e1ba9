/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Does a Markdown document say anything: substantive words and placeholders, per section. */
#ifndef PA_EVIDENCE_SUBSTANCE_H
#define PA_EVIDENCE_SUBSTANCE_H

#include <stddef.h>

#include "parse/markdown.h"

/*
 * The text `pactaudit init` writes: the body lines and the headings of
 * every Markdown template under <datadir>/rules/templates/init (the
 * dossier README, docs/ *.md and the two cards), normalised (ASCII
 * lower case, white space collapsed, trimmed); a line holding an
 * @TOKEN@ of the templates matches any text in its place.
 */
struct pa_templates;

/* Load the templates; < 0 (message set) when the folder cannot be read. */
int pa_templates_load(struct pa_templates **out);
void pa_templates_free(struct pa_templates *t);
/*
 * The templates of this process: loaded once, on first use, under
 * pthread_once(), read-only afterwards.  < 0 when they cannot be loaded.
 */
int pa_templates_shared(const struct pa_templates **out);

#define PA_SUBSTANCE_MARKER_MAX 64	/* bytes of a marker kept */

/* What a section, or a whole document, holds. */
struct pa_substance_part {
	long words;		/* substantive words (a section: with its subsections) */
	const char *placeholder;	/* NULL, "template", "empty" or "marker" */
	char marker[PA_SUBSTANCE_MARKER_MAX + 1];	/* the marker found, "marker" only */
};

struct pa_substance {
	struct pa_substance_part doc;		/* the whole text */
	struct pa_substance_part *sections;	/* one per md->sections[i] */
	size_t count;
};

/*
 * Judge the Markdown `data` (the text md was parsed from) line by line.
 * A line counts no word when it is blank, is a line of the templates
 * (t may be NULL: none; such a line is template text even when it holds
 * a marker), or holds a placeholder marker (TODO, TBD, FIXME,
 * "to be written", "to be completed", lorem ipsum, "Name of the
 * signatory", an example.com/.org/.net address, an all-zero fingerprint,
 * an example-* id); the words of the other lines are runs of letters and
 * digits (any non-ASCII byte counts as a letter) of two bytes or more, or
 * a single digit.  A section covers its body and its subsections (up to
 * the next heading of the same or a higher level) and is:
 *   "marker"   when a line of its own body holds a marker;
 *   "template" otherwise, when it has no word and holds template text;
 *   "empty"    otherwise, when it has no word.
 * The document: no word at all, "marker" when a marker was found anywhere,
 * else "template" when template text or headings were, else "empty".
 * < 0 only on OOM; free with pa_substance_dispose().
 */
int pa_substance_judge(struct pa_substance *out, const struct pa_md *md, const char *data,
    size_t len, const struct pa_templates *t);
void pa_substance_dispose(struct pa_substance *s);

#endif

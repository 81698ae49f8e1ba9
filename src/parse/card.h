/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Model and dataset cards (Hugging Face style: YAML front matter + Markdown): the parts and the licence. */
#ifndef PA_PARSE_CARD_H
#define PA_PARSE_CARD_H

#include <libxml/tree.h>
#include <stdbool.h>
#include <stddef.h>

#include "parse/evnode.h"
#include "parse/licdb.h"
#include "util/diag.h"

/*
 * Where the parts of a card are: YAML front matter between "---" lines at
 * the top (after an optional UTF-8 BOM and blank lines), then Markdown.
 */
struct pa_card_parts {
	bool have_fm;		/* a front matter with its closing fence */
	long open_line;		/* line of the opening "---", or 0 */
	size_t yaml, yaml_end;	/* byte range of the YAML */
	size_t body;		/* offset of the Markdown after the front matter (0 without) */
	long body_line;		/* its line */
};

/*
 * Find the parts of a card.  An opening fence without a closing one is a
 * diagnostic (the file is then read as Markdown only).  Returns 0.
 */
int pa_card_split(struct pa_card_parts *out, const char *data, size_t len,
    const char *path, struct pa_diag *diag);

/* Does a heading read like a licence section ("License", "Licensing", "Licence")? */
bool pa_card_is_license_heading(const char *text, size_t len);

/*
 * Append the card's <license> to `card`: from the `license` key of the
 * front matter already in `fm` (a string, or a list whose licences all
 * apply: combined with AND; the legacy `licenses` key is read when
 * `license` is absent, with a warning), `other` taking license_name and
 * license_link.  No front matter: <license status="missing">, and a
 * diagnostic only when no heading reads like a licence section
 * (license_heading).  A front matter that could not be read (fm_valid
 * false): <license status="invalid">.  < 0 only on OOM.
 */
int pa_card_license_to_evidence(xmlNode *card, xmlNode *fm, bool fm_valid,
    const struct pa_card_parts *parts, bool license_heading, const struct pa_evsrc *from,
    const struct pa_licdb *licdb, struct pa_diag *diag);

#endif

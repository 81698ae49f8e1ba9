/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Model and dataset cards and Markdown documents, as evidence. */
#ifndef PA_EVIDENCE_CARD_H
#define PA_EVIDENCE_CARD_H

#include <libxml/tree.h>
#include <stddef.h>

#include "evidence/substance.h"
#include "parse/evnode.h"
#include "parse/licdb.h"
#include "util/diag.h"

/*
 * Append a Hugging Face style card (see parse/card.h) to `card`:
 *  - <front-matter line=N anchor="front-matter"> with one <field name=KEY
 *    line=N anchor=KEYPATH> per key; scalars as text, lists as <item>
 *    children, mappings as nested <field> elements (src/line/blob from
 *    `from` on each);
 *  - one <section level=1..6 line=N anchor="## Heading"> per Markdown
 *    heading (ATX and setext; not inside fenced or indented code or HTML
 *    blocks);
 *  - <license anchor=KEY> (parse/card.h);
 *  - on the card and on each section, what its Markdown says
 *    (evidence/substance.h, against the templates tmpl, NULL: none):
 *    words=N, and placeholder="template|empty|marker" with marker=TEXT.
 * Bad YAML: a diagnostic with path and line, an empty <front-matter
 * error=CODE>, <license status="invalid">; the card still gets its
 * headings.  Returns < 0 only on OOM.
 */
int pa_card_to_evidence(xmlNode *card, const char *data, size_t len,
    const struct pa_evsrc *from, const struct pa_licdb *licdb,
    const struct pa_templates *tmpl, struct pa_diag *diag);

/*
 * Headings only (for docs/ files): one <section level= line= anchor=> per
 * heading of the Markdown in data, and words/placeholder/marker on each
 * and on parent as for cards.  first_line = line number of data[0].
 * When a file has more than PA_LIMIT_MD_HEADINGS headings the rest are
 * left out and parent gets sections-truncated="true".  Returns < 0 only on
 * OOM.
 */
int pa_markdown_to_evidence(xmlNode *parent, const char *data, size_t len, long first_line,
    const struct pa_evsrc *from, const struct pa_templates *tmpl);

#endif

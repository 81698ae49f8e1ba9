/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Model and dataset cards (Hugging Face style: YAML front matter + Markdown) and Markdown headings, as evidence. */
#ifndef PA_PARSE_CARD_H
#define PA_PARSE_CARD_H

#include <libxml/tree.h>
#include <stddef.h>

#include "parse/evnode.h"
#include "parse/licdb.h"
#include "util/diag.h"

/*
 * Parse a Hugging Face style card: YAML front matter between "---" lines
 * at the top (after an optional UTF-8 BOM and blank lines), then Markdown.
 * Appends to `card`:
 *  - <front-matter line=N> with one <field name=KEY line=N> per key;
 *    scalars as text, lists as <item> children, mappings as nested
 *    <field> elements (src/line/blob from `from` on each);
 *  - one <section level=1..6 line=N> per Markdown heading (ATX and
 *    setext; not inside fenced or indented code or HTML blocks);
 *  - <license> from the `license` key (a string, or a list whose licences
 *    all apply: combined with AND; the legacy `licenses` key is read when
 *    `license` is absent, with a warning), `other` taking license_name and
 *    license_link.
 * No front matter: <license status="missing">, and a diagnostic only when
 * the body has no licence section either.  Bad YAML: a diagnostic with
 * path and line, an empty <front-matter error=CODE>, <license
 * status="invalid">; the card still gets its headings.  Returns < 0 only
 * on OOM.
 */
int pa_card_to_evidence(xmlNode *card, const char *data, size_t len,
    const struct pa_evsrc *from, const struct pa_licdb *licdb, struct pa_diag *diag);

/*
 * Headings only (for docs/ files): one <section level= line=> per heading
 * of the Markdown in data.  first_line = line number of data[0].  When a
 * file has more than PA_LIMIT_MD_HEADINGS headings the rest are left out
 * and parent gets sections-truncated="true".  Returns < 0 only on OOM.
 */
int pa_markdown_to_evidence(xmlNode *parent, const char *data, size_t len, long first_line,
    const struct pa_evsrc *from);

#endif

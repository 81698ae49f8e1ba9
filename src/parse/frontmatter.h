/* SPDX-License-Identifier: GPL-3.0-or-later */
/* YAML front matter (libyaml events, no aliases, size/depth/count limits) into evidence <field> elements. */
#ifndef PA_PARSE_FRONTMATTER_H
#define PA_PARSE_FRONTMATTER_H

#include <libxml/tree.h>
#include <stdbool.h>
#include <stddef.h>

#include "parse/evnode.h"
#include "util/diag.h"

/*
 * Parse `len` bytes of YAML (the text between the --- fences; first_line
 * is the file line of yaml[0]) and append to `fm` one <field name=KEY
 * line=N> per key of the top-level mapping: a scalar as text (with
 * null="true" for an empty/~/null plain scalar), a sequence as <item>
 * children (type="list"), a mapping as nested <field> children
 * (type="map"); items hold the same three kinds.  Duplicate keys: a
 * warning, the last one wins.  A key that is not a string: an error, the
 * entry is skipped.  Anything that makes the YAML unusable (syntax,
 * encoding, an alias or anchor, a limit, several documents, a top level
 * that is not a mapping) is an error diagnostic with path and line; then
 * fm is left without children, gets error="<code>", and *valid is false.
 * Returns < 0 only on OOM.
 */
int pa_frontmatter_to_evidence(xmlNode *fm, bool *valid, const char *yaml, size_t len,
    long first_line, const struct pa_evsrc *from, struct pa_diag *diag);

#endif
